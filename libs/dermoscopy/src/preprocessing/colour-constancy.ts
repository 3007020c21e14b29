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
  // (v / 255)^p for the 256 byte values: one table instead of a power per sample.
  const power = new Float64Array(256);
  for (let v = 0; v < 256; v++) power[v] = (v / 255) ** p;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let n = 0;
  for (let px = 0, i = 0; px < width * height; px++, i += c) {
    if (mask && !mask[px]) continue;
    n++;
    s0 += power[data[i]];
    s1 += power[data[i + 1]];
    s2 += power[data[i + 2]];
  }
  const sums = [s0, s1, s2];
  if (n === 0) throw new RangeError('shadesOfGray: the mask selects no pixels');
  const illuminant = sums.map((s) => 255 * (s / n) ** (1 / p)) as [number, number, number];
  const mean = (illuminant[0] + illuminant[1] + illuminant[2]) / 3;
  const gains = illuminant.map((e) => (e > 0 ? mean / e : 1)) as [number, number, number];
  // Per-channel lookup tables of the scaled byte values.
  const tables = gains.map((gain) => {
    const t = new Uint8Array(256);
    for (let v = 0; v < 256; v++) t[v] = Math.min(255, Math.round(v * gain));
    return t;
  });
  const out = data.slice();
  for (let i = 0; i < data.length; i += c) {
    out[i] = tables[0][data[i]];
    out[i + 1] = tables[1][data[i + 1]];
    out[i + 2] = tables[2][data[i + 2]];
  }
  return { image: createRasterImage(width, height, c, out), illuminant, gains };
}
