import { describe, expect, it } from 'vitest';

import { createRasterImage } from './raster-image';
import { resizeBilinear } from './resize';

describe('resizeBilinear', () => {
  it('averages 2x2 blocks on an exact 2x downscale (half-pixel centres)', () => {
    const img = createRasterImage(4, 2, 1, new Uint8Array([0, 100, 200, 200, 100, 200, 0, 0]));
    expect(Array.from(resizeBilinear(img, 2, 1).data)).toEqual([100, 100]);
  });

  it('keeps a constant colour image constant on upscale, per channel', () => {
    const img = createRasterImage(
      2,
      2,
      3,
      new Uint8Array(12).map((_, i) => [10, 20, 30][i % 3]),
    );
    const out = resizeBilinear(img, 5, 3);
    expect(out.width).toBe(5);
    expect(out.height).toBe(3);
    for (let i = 0; i < out.data.length; i++) expect(out.data[i]).toBe([10, 20, 30][i % 3]);
  });

  it('interpolates linearly between neighbours', () => {
    const img = createRasterImage(2, 1, 1, new Uint8Array([0, 200]));
    expect(Array.from(resizeBilinear(img, 4, 1).data)).toEqual([0, 50, 150, 200]);
  });

  it('rejects non-integer targets', () => {
    expect(() => resizeBilinear(createRasterImage(1, 1, 1), 1.5, 1)).toThrow(/positive integers/);
  });
});
