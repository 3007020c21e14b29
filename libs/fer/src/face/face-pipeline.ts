import type { RasterImage } from '@visioncad/vision-core/image';

import { cropFace, faceCropGeometry, type FaceCropOptions, type FaceRegion } from './face-alignment';

/** A face found by a detector: box in image pixels, confidence, and 68 landmarks when available. */
export interface DetectedFace extends FaceRegion {
  score: number;
}

/**
 * Finds faces in an RGB(A) or gray image. Implementations wrap a concrete model (face-api.js in Node
 * or the browser); the cropping math does not depend on which.
 */
export interface FaceDetector {
  detect(image: RasterImage): Promise<DetectedFace[]>;
}

/** A detected face and its model-ready crop. */
export interface FaceCrop extends DetectedFace {
  face: RasterImage;
  /** Head roll that alignment removed, in degrees (positive = eye line slopes down to the right). */
  rollDegrees: number;
}

/**
 * Detects, aligns and crops every face of a photo or video frame, largest first (the largest face is
 * the usual subject). `maxFaces` keeps only the largest ones.
 */
export async function extractFaces(
  image: RasterImage,
  detector: FaceDetector,
  options: FaceCropOptions & { maxFaces?: number } = {},
): Promise<FaceCrop[]> {
  const faces = await detector.detect(image);
  faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  return faces.slice(0, options.maxFaces ?? faces.length).map((face) => ({
    ...face,
    face: cropFace(image, face, options),
    rollDegrees: (faceCropGeometry(face, options).angle * 180) / Math.PI,
  }));
}
