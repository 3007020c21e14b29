// 3x3 median filter with replicated edges, equal to vision-core's `medianFilter(image, 1)` pixel for
// pixel but about ten times faster: vision-core's sliding histogram scans up to 256 bins per pixel,
// which for a 3x3 window costs far more than sorting nine values. Here each column triple is sorted
// once per row, and the median of nine is median(max of the three minima, median of the three
// middles, min of the three maxima) of the three sorted columns around the pixel (Paeth's and
// Devillard's median-of-nine by column sorting).
import { createRasterImage, medianFilter, type RasterImage } from '@visioncad/vision-core/image';

/** Median of three values. */
function med3(a: number, b: number, c: number): number {
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  // now a <= b
  return c <= a ? a : c >= b ? b : c;
}

/**
 * Median over a (2r+1)x(2r+1) window per channel, edges replicated (vision-core's `medianFilter`
 * semantics). Radius 1 takes the fast column-sorting path; other radii use vision-core's filter.
 */
export function medianFilterFast(image: RasterImage, radius: number): RasterImage {
  if (radius !== 1) return medianFilter(image, radius);
  const { width, height, channels: c, data } = image;
  const out = new Uint8Array(data.length);
  // Sorted triple (lo, mid, hi) of each column of the 3-row window, with one replicated column each side.
  const lo = new Uint8Array(width + 2);
  const mid = new Uint8Array(width + 2);
  const hi = new Uint8Array(width + 2);
  for (let k = 0; k < c; k++) {
    for (let y = 0; y < height; y++) {
      const up = (y > 0 ? y - 1 : 0) * width;
      const row = y * width;
      const down = (y < height - 1 ? y + 1 : y) * width;
      for (let x = 0; x < width; x++) {
        let a = data[(up + x) * c + k];
        let b = data[(row + x) * c + k];
        let d = data[(down + x) * c + k];
        if (a > b) {
          const t = a;
          a = b;
          b = t;
        }
        if (b > d) {
          const t = b;
          b = d;
          d = t;
        }
        if (a > b) {
          const t = a;
          a = b;
          b = t;
        }
        lo[x + 1] = a;
        mid[x + 1] = b;
        hi[x + 1] = d;
      }
      lo[0] = lo[1];
      mid[0] = mid[1];
      hi[0] = hi[1];
      lo[width + 1] = lo[width];
      mid[width + 1] = mid[width];
      hi[width + 1] = hi[width];
      for (let x = 0; x < width; x++) {
        const l0 = lo[x];
        const l1 = lo[x + 1];
        const l2 = lo[x + 2];
        const maxLo = l0 > l1 ? (l0 > l2 ? l0 : l2) : l1 > l2 ? l1 : l2;
        const h0 = hi[x];
        const h1 = hi[x + 1];
        const h2 = hi[x + 2];
        const minHi = h0 < h1 ? (h0 < h2 ? h0 : h2) : h1 < h2 ? h1 : h2;
        out[(row + x) * c + k] = med3(maxLo, med3(mid[x], mid[x + 1], mid[x + 2]), minHi);
      }
    }
  }
  return createRasterImage(width, height, c, out);
}
