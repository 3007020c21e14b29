// Where a face detector's box puts the eyes, on average: the eye midpoint as fractions of the box's
// width (x) and height (y) from its top-left corner, and the eye distance as a fraction of its width.
// A face found without landmarks (the demo's webcam with landmarks off, a landmark pass that failed)
// can then still be cut by its estimated eyes at a model's training framing instead of by its box
// with a fixed margin, which frames faces far looser than FER2013 does. Browser-safe.
import type { Point } from './landmarks-68';

export interface DetectorEyes {
  x: number;
  y: number;
  distance: number;
  /** The command and data that measured it. */
  measured: string;
}

const MEASURED =
  "npx tsx libs/fer/scripts/detector-eyes.ts --data ../shared/data/fer2013 --out libs/fer/reports/tiny-detector-eyes-fer2013.json: face-api's landmarks of the tiny detector's own detections of FER2013 Training faces (every 15th face, each x4 in a 320 px gray picture)";

/**
 * face-api's tiny face detector at input side 416 (the portal's): the mean over its 491 detections
 * among 1,914 FER2013 Training faces (sd: x 0.076, y 0.048, distance 0.054 of the box).
 */
export const TINY_FACE_DETECTOR_EYES_416: DetectorEyes = {
  x: 0.4963,
  y: 0.2759,
  distance: 0.3542,
  measured: MEASURED,
};

/**
 * The same at input side 320 (the demo's webcam): 862 detections among the same faces (sd: x 0.072,
 * y 0.039, distance 0.035).
 */
export const TINY_FACE_DETECTOR_EYES_320: DetectorEyes = {
  x: 0.5221,
  y: 0.283,
  distance: 0.3594,
  measured: MEASURED,
};

/** The two eye centres (image left, image right, level) that `eyes` puts in `box`. */
export function estimatedEyeCentres(
  box: { x: number; y: number; width: number; height: number },
  eyes: Pick<DetectorEyes, 'x' | 'y' | 'distance'>,
): { imageLeft: Point; imageRight: Point } {
  const mid = { x: box.x + eyes.x * box.width, y: box.y + eyes.y * box.height };
  const half = (eyes.distance * box.width) / 2;
  return { imageLeft: { x: mid.x - half, y: mid.y }, imageRight: { x: mid.x + half, y: mid.y } };
}
