import {
  equalizeHistogram,
  toGrayscale,
  createRasterImage,
  type RasterImage,
} from '@visioncad/vision-core/image';

import { estimatedEyeCentres, type DetectorEyes } from './detector-eyes';
import { assertLandmarks68, eyeCentres, type Point } from './landmarks-68';

/** A face in an image: its detector box (pixels, may be fractional) and optionally 68 landmarks. */
export interface FaceRegion {
  box: { x: number; y: number; width: number; height: number };
  landmarks?: readonly Point[];
}

/** How a face is cut out. Defaults give FER2013-style input: 48x48 gray, eyes level. */
export interface FaceCropOptions {
  /** Output side in pixels. */
  size?: number;
  /** Extra context on each side, as a fraction of the box's longer side. */
  margin?: number;
  /** Rotate so the eye line is horizontal (needs landmarks). */
  align?: boolean;
  /** Global histogram equalisation of the crop (evens out lighting of in-the-wild photos). */
  equalize?: boolean;
  /**
   * Places the crop by the eyes instead of the detector box (`margin` is then unused): the eye
   * midpoint lands at (x, y) and the eye centres lie `distance` apart, all as fractions of the crop
   * side, the eye line level. This reproduces a dataset's own framing ({@link eyeFraming} measures
   * it) for a model trained on that framing. A face without landmarks is cut by its box, or by the
   * eyes `boxEyes` estimates from the box.
   */
  eyes?: EyeFraming;
  /**
   * Where the detector's boxes put the eyes on average ({@link DetectorEyes}): with `eyes`, a face
   * without landmarks is cut at the framing by these estimated (level) eyes instead of by its box.
   */
  boxEyes?: Pick<DetectorEyes, 'x' | 'y' | 'distance'>;
}

/** Where the eyes sit in a face crop, as fractions of its side: midpoint (x, y) and their distance. */
export interface EyeFraming {
  x: number;
  y: number;
  distance: number;
}

/** The square that is sampled: centre, side length and roll angle (radians, eye line vs horizontal). */
export interface FaceCropGeometry {
  centre: Point;
  side: number;
  angle: number;
}

/** Where the crop square lies: the box centre, the box's longer side plus margins, the eye-line roll. */
export function faceCropGeometry(region: FaceRegion, options: FaceCropOptions = {}): FaceCropGeometry {
  if (options.eyes && region.landmarks) {
    assertLandmarks68(region.landmarks);
    return eyeAnchoredGeometry(eyeCentres(region.landmarks), options.eyes);
  }
  const { box } = region;
  if (!(box.width > 0 && box.height > 0))
    throw new RangeError(`face box must have a positive size, got ${box.width}x${box.height}`);
  if (options.eyes && options.boxEyes) {
    return eyeAnchoredGeometry(estimatedEyeCentres(box, options.boxEyes), options.eyes);
  }
  const margin = options.margin ?? 0.15;
  if (!(margin >= 0)) throw new RangeError(`margin must be >= 0, got ${margin}`);
  let angle = 0;
  if ((options.align ?? true) && region.landmarks) {
    assertLandmarks68(region.landmarks);
    const { imageLeft, imageRight } = eyeCentres(region.landmarks);
    angle = Math.atan2(imageRight.y - imageLeft.y, imageRight.x - imageLeft.x);
  }
  return {
    centre: { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    side: Math.max(box.width, box.height) * (1 + 2 * margin),
    angle,
  };
}

/** The crop square that puts the eye centres where `eyes` says, the eye line level. */
function eyeAnchoredGeometry(
  { imageLeft, imageRight }: { imageLeft: Point; imageRight: Point },
  eyes: EyeFraming,
): FaceCropGeometry {
  if (
    !(eyes.distance > 0 && eyes.distance <= 1) ||
    !(eyes.x >= 0 && eyes.x <= 1) ||
    !(eyes.y >= 0 && eyes.y <= 1)
  ) {
    throw new RangeError(
      `eye framing needs x and y in [0, 1] and distance in (0, 1], got ${JSON.stringify(eyes)}`,
    );
  }
  const dx = imageRight.x - imageLeft.x;
  const dy = imageRight.y - imageLeft.y;
  const iod = Math.hypot(dx, dy);
  if (!(iod > 0)) throw new RangeError('the two eye centres coincide');
  const angle = Math.atan2(dy, dx);
  const side = iod / eyes.distance;
  // The crop centre sits (0.5 - x, 0.5 - y) sides from the eye midpoint, in the rotated crop frame.
  const u = (0.5 - eyes.x) * side;
  const v = (0.5 - eyes.y) * side;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return {
    centre: {
      x: (imageLeft.x + imageRight.x) / 2 + u * cos - v * sin,
      y: (imageLeft.y + imageRight.y) / 2 + u * sin + v * cos,
    },
    side,
    angle,
  };
}

/**
 * How a set of face crops frames the eyes: the mean eye midpoint and eye distance over the crops'
 * landmarks (e.g. face-api's on each CK+48 frame), as fractions of the crop side, for `eyes`.
 */
export function eyeFraming(crops: readonly { side: number; landmarks: readonly Point[] }[]): EyeFraming {
  if (crops.length === 0) throw new RangeError('eye framing needs at least one crop with landmarks');
  let x = 0;
  let y = 0;
  let distance = 0;
  for (const crop of crops) {
    assertLandmarks68(crop.landmarks);
    const { imageLeft, imageRight } = eyeCentres(crop.landmarks);
    x += (imageLeft.x + imageRight.x) / 2 / crop.side;
    y += (imageLeft.y + imageRight.y) / 2 / crop.side;
    distance += Math.hypot(imageRight.x - imageLeft.x, imageRight.y - imageLeft.y) / crop.side;
  }
  const n = crops.length;
  return { x: x / n, y: y / n, distance: distance / n };
}

/**
 * Cuts a face out as a square grayscale image: the crop square is rotated by the eye-line angle and
 * resampled bilinearly (pixels outside the photo repeat its edge). Browser-safe.
 */
export function cropFace(image: RasterImage, region: FaceRegion, options: FaceCropOptions = {}): RasterImage {
  const size = options.size ?? 48;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`crop size must be a positive integer, got ${size}`);
  const { centre, side, angle } = faceCropGeometry(region, options);
  const gray = image.channels === 1 ? image : toGrayscale(image);
  const { width, height, data } = gray;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const step = side / size;
  const out = new Uint8Array(size * size);
  for (let v = 0; v < size; v++) {
    const dy = (v + 0.5) * step - side / 2;
    for (let u = 0; u < size; u++) {
      const dx = (u + 0.5) * step - side / 2;
      // Rotate the crop-frame offset into the photo, then sample at pixel centres.
      const sx = Math.min(Math.max(centre.x + dx * cos - dy * sin - 0.5, 0), width - 1);
      const sy = Math.min(Math.max(centre.y + dx * sin + dy * cos - 0.5, 0), height - 1);
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, width - 1);
      const y1 = Math.min(y0 + 1, height - 1);
      const wx = sx - x0;
      const wy = sy - y0;
      const top = data[y0 * width + x0] * (1 - wx) + data[y0 * width + x1] * wx;
      const bottom = data[y1 * width + x0] * (1 - wx) + data[y1 * width + x1] * wx;
      out[v * size + u] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  const crop = createRasterImage(size, size, 1, out);
  return options.equalize ? equalizeHistogram(crop) : crop;
}
