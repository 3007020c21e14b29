import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';

/** Result of colour constancy: the corrected image and what was estimated. */
export interface ColourConstancyResult {
  image: RasterImage;
  /** Estimated illuminant colour (R, G, B), each the Minkowski p-norm mean of its channel. */
  illuminant: [number, number, number];
  /** Per-channel gains applied. */
  gains: [number, number, number];
}

/**
 * The Minkowski norm recommended for dermoscopy by Barata, Celebi and Marques (IEEE JBHI 2015),
 * where shades of gray with p = 6 gave the best lesion-classification results.
 */
export const SHADES_OF_GRAY_P = 6;

/**
 * Shades-of-gray colour constancy (Finlayson & Trezzi 2004): estimates the illuminant per channel
 * as (mean I^p)^(1/p) and scales each channel so that the illuminant becomes neutral gray,
 * keeping the overall brightness. `mask` (non-zero = use) restricts the estimate, e.g. to skin.
 */
export function shadesOfGray(
  image: RasterImage,
  p = SHADES_OF_GRAY_P,
  mask?: Uint8Array,
): ColourConstancyResult {
  if (image.channels < 3) throw new RangeError('shadesOfGray needs an RGB or RGBA image but got 1 channel');
  if (!(p >= 1)) throw new RangeError(`shadesOfGray needs a Minkowski norm p >= 1, got ${p}`);
  const { width, height, channels: c, data } = image;
  const sums = [0, 0, 0];
  let n = 0;
  for (let px = 0; px < width * height; px++) {
    if (mask && !mask[px]) continue;
    n++;
    for (let k = 0; k < 3; k++) sums[k] += (data[px * c + k] / 255) ** p;
  }
  if (n === 0) throw new RangeError('shadesOfGray: the mask selects no pixels');
  const illuminant = sums.map((s) => 255 * (s / n) ** (1 / p)) as [number, number, number];
  const mean = (illuminant[0] + illuminant[1] + illuminant[2]) / 3;
  const gains = illuminant.map((e) => (e > 0 ? mean / e : 1)) as [number, number, number];
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const k = i % c;
    out[i] = k < 3 ? Math.min(255, Math.round(data[i] * gains[k])) : data[i];
  }
  return { image: createRasterImage(width, height, c, out), illuminant, gains };
}
