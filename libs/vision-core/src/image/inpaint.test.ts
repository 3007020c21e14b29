import { describe, expect, it } from 'vitest';

import { createBinaryMask } from './binary-mask';
import { inpaintMasked } from './inpaint';
import { createRasterImage } from './raster-image';

describe('inpaintMasked', () => {
  it('fills a dark stripe with values continuous with its surroundings', () => {
    const w = 12;
    const h = 6;
    const img = createRasterImage(w, h, 3, new Uint8Array(w * h * 3));
    const mask = createBinaryMask(w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        const hair = x === 5 || x === 6;
        img.data.set(hair ? [0, 0, 0] : [100 + x * 10, 50, 30], p * 3);
        mask.data[p] = hair ? 1 : 0;
      }
    }
    const out = inpaintMasked(img, mask);
    for (let y = 0; y < h; y++) {
      const r5 = out.data[(y * w + 5) * 3];
      expect(r5).toBeGreaterThanOrEqual(140);
      expect(r5).toBeLessThanOrEqual(170);
      expect(out.data[(y * w + 5) * 3 + 1]).toBe(50);
      expect(out.data[(y * w + 2) * 3]).toBe(120);
    }
  });

  it('refuses a mask covering everything', () => {
    const img = createRasterImage(2, 2, 1);
    expect(() => inpaintMasked(img, createBinaryMask(2, 2, new Uint8Array([1, 1, 1, 1])))).toThrow(
      /covers the whole image/,
    );
  });
});
