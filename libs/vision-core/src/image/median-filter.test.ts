import { describe, expect, it } from 'vitest';

import { medianFilter } from './median-filter';
import { createRasterImage, type RasterImage } from './raster-image';

function naiveMedian(img: RasterImage, r: number): number[] {
  const out: number[] = [];
  const cl = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      for (let k = 0; k < img.channels; k++) {
        const vals: number[] = [];
        for (let dy = -r; dy <= r; dy++) {
          for (let dx = -r; dx <= r; dx++) {
            vals.push(
              img.data[(cl(y + dy, img.height) * img.width + cl(x + dx, img.width)) * img.channels + k],
            );
          }
        }
        vals.sort((a, b) => a - b);
        out.push(vals[vals.length >> 1]);
      }
    }
  }
  return out;
}

describe('medianFilter', () => {
  it('matches a brute-force median with replicated edges', () => {
    const img = createRasterImage(
      7,
      5,
      3,
      new Uint8Array(7 * 5 * 3).map((_, i) => (i * 97 + 13) % 256),
    );
    for (const r of [1, 2]) expect(Array.from(medianFilter(img, r).data)).toEqual(naiveMedian(img, r));
  });

  it('removes salt noise from a flat region', () => {
    const img = createRasterImage(5, 5, 1, new Uint8Array(25).fill(80));
    img.data[12] = 255;
    expect(medianFilter(img, 1).data.every((v) => v === 80)).toBe(true);
  });
});
