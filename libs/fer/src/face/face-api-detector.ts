import type { RasterImage } from '@visioncad/vision-core/image';
import { toRgb } from '@visioncad/vision-core/image';

import type { DetectedFace, FaceDetector } from './face-pipeline';
import type { Point } from './landmarks-68';

/** The face-api.js namespace (`@vladmandic/face-api`), whichever build loaded it (Node wasm or browser). */
export type FaceApi = typeof import('@vladmandic/face-api');

/** Which of face-api's detectors to run, and its thresholds. */
export interface FaceApiDetectorOptions {
  /** 'tiny' (Tiny Face Detector, 190 KB, fast) or 'ssd' (SSD MobileNet v1, 5.6 MB, better on small faces). */
  detector?: 'tiny' | 'ssd';
  /** Tiny detector input side (multiple of 32); larger finds smaller faces, slower. */
  inputSize?: number;
  minConfidence?: number;
  /** Also locate the 68 landmarks (needs faceLandmark68Net loaded); required for alignment. */
  landmarks?: boolean;
}

/** Converts a raster to the int32 [height, width, 3] tensor face-api's networks take. */
export function toFaceApiTensor(faceapi: FaceApi, image: RasterImage) {
  const rgb = image.channels === 3 ? image : toRgb(image);
  return faceapi.tf.tensor3d(rgb.data, [rgb.height, rgb.width, 3], 'int32');
}

/** A {@link FaceDetector} backed by face-api.js; its networks must already be loaded. */
export function createFaceApiDetector(faceapi: FaceApi, options: FaceApiDetectorOptions = {}): FaceDetector {
  const minConfidence = options.minConfidence ?? 0.5;
  const detectorOptions =
    options.detector === 'ssd'
      ? new faceapi.SsdMobilenetv1Options({ minConfidence })
      : new faceapi.TinyFaceDetectorOptions({
          inputSize: options.inputSize ?? 416,
          scoreThreshold: minConfidence,
        });
  const net = options.detector === 'ssd' ? faceapi.nets.ssdMobilenetv1 : faceapi.nets.tinyFaceDetector;
  const withLandmarks = options.landmarks ?? true;
  return {
    async detect(image: RasterImage): Promise<DetectedFace[]> {
      if (!net.isLoaded)
        throw new Error(`face-api's ${options.detector ?? 'tiny'} face detector is not loaded`);
      if (withLandmarks && !faceapi.nets.faceLandmark68Net.isLoaded) {
        throw new Error("face-api's faceLandmark68Net is not loaded (needed for landmarks: true)");
      }
      const tensor = toFaceApiTensor(faceapi, image);
      try {
        const task = faceapi.detectAllFaces(tensor, detectorOptions);
        const found = withLandmarks
          ? (await task.withFaceLandmarks()).map((r) => ({
              detection: r.detection,
              points: r.landmarks.positions,
            }))
          : (await task).map((detection) => ({ detection, points: undefined }));
        return found.map(({ detection, points }) => ({
          box: {
            x: detection.box.x,
            y: detection.box.y,
            width: detection.box.width,
            height: detection.box.height,
          },
          score: detection.score,
          landmarks: points?.map((p) => ({ x: p.x, y: p.y })),
        }));
      } finally {
        tensor.dispose();
      }
    },
  };
}

/**
 * The 68 landmarks of an image that is already a face crop (CK+48, FER2013): face-api's landmark
 * net run on the whole image, with no detection step. Needs faceLandmark68Net loaded.
 */
export async function cropLandmarks68(faceapi: FaceApi, image: RasterImage): Promise<Point[]> {
  const tensor = toFaceApiTensor(faceapi, image);
  try {
    const result = await faceapi.nets.faceLandmark68Net.detectLandmarks(tensor);
    return (Array.isArray(result) ? result[0] : result).positions.map((p) => ({ x: p.x, y: p.y }));
  } finally {
    tensor.dispose();
  }
}
