// face-api.js in the browser: its ESM build without a bundled tfjs, so the detector shares the
// page's tfjs engine and backend. The tiny face detector finds faces; the 68-point landmark net gives
// the eye line that cropFace levels (optional on the webcam). Weights come from this portal (demo-assets/face-api).
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { createFaceApiDetector, cropLandmarks68, type FaceApi } from '@visioncad/fer/face/face-api-detector';
import type { Point } from '@visioncad/fer/face/landmarks-68';
import type { RasterImage } from '@visioncad/vision-core/image';
import type { FaceDetector } from '@visioncad/fer/face/face-pipeline';
import { FACE_API_MODEL_URL } from './demo-asset-urls';

/** Detector settings. */
export interface DemoDetectorOptions {
  /**
   * Tiny detector input side (multiple of 32). 320 for webcam frames: at 224 it missed one of the
   * three ~90 px faces of the e2e camera and reported another twice.
   */
  inputSize?: number;
  minConfidence?: number;
  /**
   * Locate the 68 landmarks so cropFace levels the eye line and cuts the face by its eyes at the
   * model's training framing. On a 2-core CPU the landmark net costs about as much as the detector
   * per face; the webcam page turns it on by default (a toggle), since eyes estimated from the box
   * alone (TINY_FACE_DETECTOR_EYES_320) place the face less exactly than its landmarks do.
   */
  align?: boolean;
}

/** The webcam's detector settings (also those of the detection worker). */
export const WEBCAM_DETECTOR = { inputSize: 320, minConfidence: 0.5 } as const;

let loaded: Promise<void> | null = null;

/** Loads face-api's tiny face detector and landmark weights (once per page). */
export function loadFaceApiNets(): Promise<void> {
  loaded ??= Promise.all([
    faceapi.nets.tinyFaceDetector.loadFromUri(FACE_API_MODEL_URL),
    faceapi.nets.faceLandmark68Net.loadFromUri(FACE_API_MODEL_URL),
  ]).then(
    () => undefined,
    (error: unknown) => {
      loaded = null;
      throw error;
    },
  );
  return loaded;
}

/** A FaceDetector on the loaded face-api nets; larger `inputSize` finds smaller faces, slower. */
export function faceDetector(options: DemoDetectorOptions = {}): FaceDetector {
  return createFaceApiDetector(faceapi as unknown as FaceApi, {
    detector: 'tiny',
    inputSize: options.inputSize ?? WEBCAM_DETECTOR.inputSize,
    minConfidence: options.minConfidence ?? WEBCAM_DETECTOR.minConfidence,
    landmarks: options.align ?? true,
  });
}

/** The 68 landmarks of a face crop (no detection step), with the landmark net loaded (loadFaceApiNets). */
export function faceApiCropLandmarks(crop: RasterImage): Promise<Point[]> {
  return cropLandmarks68(faceapi as unknown as FaceApi, crop);
}
