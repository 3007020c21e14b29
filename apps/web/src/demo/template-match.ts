// Normalised cross-correlation (NCC) template matching on gray images, the classic way to find a
// patch again in a later video frame: a zero-mean template is correlated with every window of a
// search area and divided by both norms, so the score is 1 for the same patch under any brightness and
// contrast change and near 0 for unrelated texture. Written here rather than taken from a library:
// opencv.js (the maintained package with matchTemplate) is a ~10 MB download, more than all the demo's
// models together, for these few loops; jsfeat and tracking.js are unmaintained browser globals.
import { assertChannels, type RasterImage } from '@visioncad/vision-core/image';

/** A gray patch ready for NCC: its pixels minus their mean, and the norm of that. */
export interface PatchTemplate {
  width: number;
  height: number;
  values: Float32Array;
  norm: number;
}

/** Where a template matched best: the window's top-left corner and its NCC score (-1..1). */
export interface TemplateMatch {
  x: number;
  y: number;
  score: number;
}

/**
 * Cuts the `width` x `height` patch at integer (x, y) out of a gray image. Null when the patch is not
 * fully inside the image or is flat (no texture to match).
 */
export function extractTemplate(
  image: RasterImage,
  x: number,
  y: number,
  width: number,
  height: number,
): PatchTemplate | null {
  assertChannels(image, 1, 'template source');
  if (width < 2 || height < 2 || x < 0 || y < 0 || x + width > image.width || y + height > image.height) {
    return null;
  }
  const values = new Float32Array(width * height);
  let sum = 0;
  for (let j = 0; j < height; j++) {
    const row = (y + j) * image.width + x;
    for (let i = 0; i < width; i++) {
      const v = image.data[row + i];
      values[j * width + i] = v;
      sum += v;
    }
  }
  const mean = sum / values.length;
  let squares = 0;
  for (let k = 0; k < values.length; k++) {
    values[k] -= mean;
    squares += values[k] * values[k];
  }
  // Below one grey level of standard deviation the patch is flat: any window would match it.
  if (squares < values.length) return null;
  return { width, height, values, norm: Math.sqrt(squares) };
}

/**
 * The window with the highest NCC among those whose top-left corner is within `radius` pixels
 * (Chebyshev distance) of (x0, y0) and that lie fully inside the image; null when none does.
 */
export function matchTemplate(
  image: RasterImage,
  template: PatchTemplate,
  x0: number,
  y0: number,
  radius: number,
): TemplateMatch | null {
  assertChannels(image, 1, 'template search image');
  const { width: tw, height: th, values, norm } = template;
  const xMin = Math.max(0, Math.round(x0) - radius);
  const yMin = Math.max(0, Math.round(y0) - radius);
  const xMax = Math.min(image.width - tw, Math.round(x0) + radius);
  const yMax = Math.min(image.height - th, Math.round(y0) + radius);
  if (xMin > xMax || yMin > yMax) return null;
  const { data, width: stride } = image;
  const n = tw * th;
  // Integral images of the pixels and their squares over the searched area give each window's mean
  // and spread in O(1), leaving one multiply-add per pixel for the correlation itself.
  const areaWidth = xMax - xMin + tw;
  const areaHeight = yMax - yMin + th;
  const span = areaWidth + 1;
  const sums = new Float64Array(span * (areaHeight + 1));
  const squares = new Float64Array(span * (areaHeight + 1));
  for (let y = 0; y < areaHeight; y++) {
    let rowSum = 0;
    let rowSquares = 0;
    const source = (yMin + y) * stride + xMin;
    for (let x = 0; x < areaWidth; x++) {
      const p = data[source + x];
      rowSum += p;
      rowSquares += p * p;
      sums[(y + 1) * span + x + 1] = sums[y * span + x + 1] + rowSum;
      squares[(y + 1) * span + x + 1] = squares[y * span + x + 1] + rowSquares;
    }
  }
  let best: TemplateMatch | null = null;
  for (let v = yMin; v <= yMax; v++) {
    const top = (v - yMin) * span;
    const bottom = (v - yMin + th) * span;
    for (let u = xMin; u <= xMax; u++) {
      const left = u - xMin;
      const right = left + tw;
      const sum = sums[bottom + right] - sums[top + right] - sums[bottom + left] + sums[top + left];
      const sumSquares =
        squares[bottom + right] - squares[top + right] - squares[bottom + left] + squares[top + left];
      let cross = 0;
      for (let j = 0; j < th; j++) {
        const row = (v + j) * stride + u;
        const t = j * tw;
        for (let i = 0; i < tw; i++) cross += values[t + i] * data[row + i];
      }
      // The template is zero-mean, so cross equals the correlation with the window minus its mean.
      const spread = sumSquares - (sum * sum) / n;
      const score = spread > 1e-6 ? cross / (norm * Math.sqrt(spread)) : 0;
      if (best === null || score > best.score) best = { x: u, y: v, score };
    }
  }
  return best;
}
