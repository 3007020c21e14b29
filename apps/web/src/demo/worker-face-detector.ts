// The page's side of the face-detection worker: one frame in flight at a time; the pipeline hands it
// the newest frame whenever it is idle and picks the result up on a later frame.
import type { DetectedFace } from '@visioncad/fer/face/face-pipeline';
import type { RasterImage } from '@visioncad/vision-core/image';
import { FACE_API_MODEL_URL, TFJS_WASM_URL } from './demo-asset-urls';
import type { DetectionWorkerReply, DetectionWorkerRequest } from './face-detection-protocol';
import type { BackgroundFaceDetector } from './fer-video-pipeline';

/** Faces the worker found on frame `index`, and how long it took there. */
export interface WorkerDetection {
  index: number;
  faces: DetectedFace[];
  ms: number;
}

/** Detector settings the worker starts with. */
export interface WorkerDetectorOptions {
  inputSize: number;
  minConfidence: number;
}

const START_TIMEOUT_MS = 120_000;

/** A started face-detection worker; see the file comment. */
export class WorkerFaceDetector implements BackgroundFaceDetector {
  private inFlight: number | null = null;
  private finished: WorkerDetection | null = null;
  private problem: string | null = null;

  private constructor(
    private readonly worker: Worker,
    /** What the worker loaded: the page's service worker does not see a worker's requests, so the page asks it to keep these. */
    readonly loadedUrls: readonly string[],
  ) {
    worker.onmessage = (event: MessageEvent<DetectionWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'faces') {
        this.finished = { index: reply.index, faces: reply.faces, ms: reply.ms };
        this.inFlight = null;
      } else if (reply.type === 'error') {
        this.problem = `the face-detection worker failed: ${reply.message}`;
        this.inFlight = null;
      }
    };
    worker.onerror = (event) => {
      this.problem = `the face-detection worker stopped: ${event.message || 'script error'}`;
      this.inFlight = null;
    };
  }

  /** Starts a worker on the page's tfjs backend; rejects with the reason when it cannot. */
  static start(backend: string, options: WorkerDetectorOptions): Promise<WorkerFaceDetector> {
    if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
      return Promise.reject(new Error('this browser has no Web Workers with OffscreenCanvas'));
    }
    const worker = new Worker(new URL('./face-detection.worker.ts', import.meta.url), {
      name: 'face-detection',
    });
    return new Promise((resolve, reject) => {
      const fail = (message: string) => {
        clearTimeout(timer);
        worker.terminate();
        reject(new Error(message));
      };
      const timer = setTimeout(
        () => fail('the face-detection worker did not start in time'),
        START_TIMEOUT_MS,
      );
      worker.onmessage = (event: MessageEvent<DetectionWorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'started') {
          clearTimeout(timer);
          resolve(new WorkerFaceDetector(worker, reply.resources));
        } else if (reply.type === 'error') {
          fail(reply.message);
        }
      };
      worker.onerror = (event) => fail(event.message || 'the face-detection worker script failed to load');
      // Absolute URLs: a bundled worker may run from a blob: URL where relative paths do not resolve.
      const origin = window.location.origin;
      const request: DetectionWorkerRequest = {
        type: 'start',
        backend,
        wasmUrl: new URL(TFJS_WASM_URL, origin).href,
        faceApiUrl: new URL(FACE_API_MODEL_URL, origin).href,
        ...options,
      };
      worker.postMessage(request);
    });
  }

  /** True when no frame is being detected (and the worker has not failed). */
  get idle(): boolean {
    return this.inFlight === null && this.problem === null;
  }

  /** Why the worker can no longer be used, or null. */
  get failure(): string | null {
    return this.problem;
  }

  /** Sends an RGBA frame; its pixel buffer is transferred (unusable here afterwards). */
  submit(frame: RasterImage, index: number, landmarks: boolean): void {
    if (frame.channels !== 4)
      throw new RangeError(`the detection worker takes RGBA frames, got ${frame.channels} channels`);
    if (!this.idle) throw new Error('the face-detection worker is still busy with a frame');
    const { buffer, byteOffset, byteLength } = frame.data;
    const rgba =
      byteOffset === 0 && byteLength === buffer.byteLength
        ? (buffer as ArrayBuffer)
        : frame.data.slice().buffer;
    this.inFlight = index;
    const request: DetectionWorkerRequest = {
      type: 'detect',
      index,
      width: frame.width,
      height: frame.height,
      rgba,
      landmarks,
    };
    this.worker.postMessage(request, [rgba]);
  }

  /** The latest finished detection, once; null when none arrived since the last call. */
  take(): WorkerDetection | null {
    const result = this.finished;
    this.finished = null;
    return result;
  }

  /** Stops the worker. */
  terminate(): void {
    this.worker.terminate();
    this.problem ??= 'the face-detection worker was stopped';
  }
}
