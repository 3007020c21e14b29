// Messages between the page and the face-detection worker (face-detection.worker.ts). Frames go to
// the worker as transferred pixel buffers inside this browser tab; nothing is sent over the network.
import type { DetectedFace } from '@visioncad/fer/face/face-pipeline';

/** Page to worker: start tfjs on `backend` and load face-api's nets from absolute URLs. */
export interface StartDetectionWorker {
  type: 'start';
  backend: string;
  wasmUrl: string;
  faceApiUrl: string;
  inputSize: number;
  minConfidence: number;
}

/** Page to worker: find the faces of frame `index` (RGBA pixels, buffer transferred). */
export interface DetectFrame {
  type: 'detect';
  index: number;
  width: number;
  height: number;
  rgba: ArrayBuffer;
  /** Also locate the 68 landmarks (eye levelling). */
  landmarks: boolean;
}

export type DetectionWorkerRequest = StartDetectionWorker | DetectFrame;

/** Worker to page. */
export type DetectionWorkerReply =
  | {
      type: 'started';
      backend: string;
      /** URLs the worker loaded (its scripts, tfjs wasm, face-api weights), for the offline copy. */
      resources: string[];
    }
  | { type: 'faces'; index: number; faces: DetectedFace[]; ms: number }
  | { type: 'error'; index: number | null; message: string };
