import {
  createBinaryMask,
  createRasterImage,
  diskStructuringElement,
  inpaintMasked,
  labelConnectedComponents,
  lineStructuringElement,
  toGrayscale,
  type BinaryMask,
  type RasterImage,
} from '@visioncad/vision-core/image';

import { dilateMaskFast, runClosing } from '../image/run-morphology';

/** DullRazor-style hair removal settings. Sizes are in pixels of the image being processed. */
export interface HairRemovalOptions {
  /**
   * Length of the line structuring elements; must exceed hair width and stay below lesion
   * structures. 15 px suits ~400-800 px wide dermoscopy frames (hairs 2-6 px wide there).
   */
  lineLength?: number;
  /**
   * Number of line orientations spread over 180°. DullRazor used 3; here the element along a hair
   * must fit inside it, so the angular step must be small: 16 (11.25°) keeps a 15 px line within
   * about 0.7 px of a hair at any angle.
   */
  orientations?: number;
  /** Black-hat level (gray levels) above which a pixel counts as hair. */
  threshold?: number;
  /** Radius of the disk that widens the hair mask so the hair's soft edges are inpainted too. */
  dilationRadius?: number;
  /**
   * A detected component is a hair only if its bounding-box diagonal is at least this fraction of
   * the image diagonal (dots and globules are not); 0.06 is ~30 px on a 380x290 PH2 image.
   */
  minHairLength?: number;
  /**
   * A hair is thin: area / bounding-box diagonal (its mean width) at most this many pixels. Measured
   * on PH2 at ~380 px wide: single hairs 1-4, clusters of globules or network 5-14.
   */
  maxMeanWidth?: number;
  /** A straight hair is elongated: components whose major/minor axis ratio is at least this are hair even when wide. */
  minElongation?: number;
  /**
   * Components at least this long (fraction of the image diagonal) are hair even when wide,
   * because crossing hairs merge into tangles that no lesion structure spans.
   */
  tangleLength?: number;
}

/** The intermediate and final images of hair removal. */
export interface HairRemovalResult {
  /** Maximum over orientations of closing minus image: bright where thin dark lines were. */
  blackHat: RasterImage;
  hairMask: BinaryMask;
  image: RasterImage;
}

export const DEFAULT_HAIR_REMOVAL: Required<HairRemovalOptions> = {
  lineLength: 15,
  orientations: 16,
  threshold: 25,
  dilationRadius: 3,
  minHairLength: 0.06,
  maxMeanWidth: 4.5,
  minElongation: 6,
  tangleLength: 0.4,
};

/**
 * Removes hairs in the manner of DullRazor (Lee et al. 1997): grayscale black-hat with line
 * elements at several orientations, threshold, keep elongated components, dilate, and inpaint
 * those pixels from their neighbours.
 */
export function removeHair(image: RasterImage, options: HairRemovalOptions = {}): HairRemovalResult {
  const o = { ...DEFAULT_HAIR_REMOVAL, ...options };
  const gray = toGrayscale(image);
  const { width, height } = gray;
  // A hair is a dark line longer than the element: closings across it remove it, but the closing
  // along it does not. Dots, globules and short network segments are removed by every closing, so
  // max - min over orientations keeps hairs and suppresses them. The image cancels out of
  // (closing - image) differences, so only the closings are needed.
  const maxClosing = new Uint8Array(width * height);
  const minClosing = new Uint8Array(width * height).fill(255);
  for (let k = 0; k < o.orientations; k++) {
    const se = lineStructuringElement(o.lineLength, (180 * k) / o.orientations);
    const closed = runClosing(width, height, gray.data, se);
    // Branch-free byte max / min (d & (d >> 31) is min(d, 0)): the comparisons are unpredictable.
    for (let i = 0; i < closed.length; i++) {
      const v = closed[i];
      const up = maxClosing[i] - v;
      maxClosing[i] -= up & (up >> 31);
      const down = v - minClosing[i];
      minClosing[i] += down & (down >> 31);
    }
  }
  const response = new Uint8Array(width * height);
  for (let i = 0; i < response.length; i++) response[i] = maxClosing[i] - minClosing[i];
  const candidates = createBinaryMask(width, height);
  for (let i = 0; i < response.length; i++) candidates.data[i] = response[i] >= o.threshold ? 1 : 0;
  const labels = labelConnectedComponents(candidates, 8);
  const diagonal = Math.hypot(width, height);
  const elongation = componentElongation(labels.labels, labels.components.length, width);
  const isHair = new Uint8Array(labels.components.length + 1);
  for (const c of labels.components) {
    const length = Math.hypot(c.maxX - c.minX + 1, c.maxY - c.minY + 1);
    const thin = c.area / length <= o.maxMeanWidth || elongation[c.label] >= o.minElongation;
    isHair[c.label] =
      length >= o.minHairLength * diagonal && (thin || length >= o.tangleLength * diagonal) ? 1 : 0;
  }
  const hairs = createBinaryMask(width, height);
  for (let i = 0; i < hairs.data.length; i++) hairs.data[i] = isHair[labels.labels[i]];
  const hairMask =
    o.dilationRadius > 0 ? dilateMaskFast(hairs, diskStructuringElement(o.dilationRadius)) : hairs;
  let anyHair = false;
  for (let i = 0; i < hairMask.data.length && !anyHair; i++) anyHair = hairMask.data[i] === 1;
  const cleaned = anyHair
    ? inpaintMasked(image, hairMask)
    : createRasterImage(width, height, image.channels, image.data.slice());
  return { blackHat: createRasterImage(width, height, 1, response), hairMask, image: cleaned };
}

/** Major/minor axis ratio (square root of the second-moment eigenvalue ratio) of every labelled component. */
function componentElongation(labels: Int32Array, count: number, width: number): Float64Array {
  const n = new Float64Array(count + 1);
  const sx = new Float64Array(count + 1);
  const sy = new Float64Array(count + 1);
  const sxx = new Float64Array(count + 1);
  const syy = new Float64Array(count + 1);
  const sxy = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    const x = i % width;
    const y = (i - x) / width;
    n[l]++;
    sx[l] += x;
    sy[l] += y;
    sxx[l] += x * x;
    syy[l] += y * y;
    sxy[l] += x * y;
  }
  const out = new Float64Array(count + 1);
  for (let l = 1; l <= count; l++) {
    const mx = sx[l] / n[l];
    const my = sy[l] / n[l];
    // A one-pixel variance floor keeps single-pixel-wide lines finite.
    const a = sxx[l] / n[l] - mx * mx + 1 / 12;
    const c = syy[l] / n[l] - my * my + 1 / 12;
    const b = sxy[l] / n[l] - mx * my;
    const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const major = (a + c) / 2 + root;
    const minor = (a + c) / 2 - root;
    out[l] = Math.sqrt(major / Math.max(minor, 1e-9));
  }
  return out;
}
