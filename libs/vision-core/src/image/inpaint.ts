import type { BinaryMask } from './binary-mask';
import { assertSameSize, createRasterImage, type RasterImage } from './raster-image';

/**
 * Fills the masked pixels from their surroundings by onion peeling: each pass gives every masked
 * pixel that touches known pixels the mean of its known 8-neighbours, then treats it as known.
 * Thin structures (hairs) are filled in a few passes with colours continuous across them.
 */
export function inpaintMasked(image: RasterImage, mask: BinaryMask): RasterImage {
  assertSameSize(image, mask, 'inpaintMasked image vs mask');
  const { width, height, channels: c } = image;
  const out = image.data.slice();
  const known = new Uint8Array(width * height);
  let remaining: number[] = [];
  for (let p = 0; p < known.length; p++) {
    if (mask.data[p]) remaining.push(p);
    else known[p] = 1;
  }
  if (remaining.length === known.length) {
    throw new RangeError('inpaintMasked: the mask covers the whole image, there is nothing to fill from');
  }
  const sums = new Float64Array(c);
  while (remaining.length > 0) {
    const filled: number[] = [];
    const next: number[] = [];
    for (const p of remaining) {
      const x = p % width;
      const y = (p - x) / width;
      sums.fill(0);
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || (dx === 0 && dy === 0)) continue;
          const q = yy * width + xx;
          if (!known[q]) continue;
          count++;
          for (let k = 0; k < c; k++) sums[k] += out[q * c + k];
        }
      }
      if (count === 0) {
        next.push(p);
        continue;
      }
      for (let k = 0; k < c; k++) out[p * c + k] = Math.round(sums[k] / count);
      filled.push(p);
    }
    // Mark after the pass so each ring is filled only from the ring outside it.
    for (const p of filled) known[p] = 1;
    remaining = next;
  }
  return createRasterImage(width, height, c, out);
}
