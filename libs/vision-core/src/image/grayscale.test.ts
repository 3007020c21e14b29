import { describe, expect, it } from 'vitest';

import { toGrayscale, toRgb } from './grayscale';
import { createRasterImage } from './raster-image';

describe('toGrayscale', () => {
  it('uses BT.601 weights and ignores alpha', () => {
    const rgba = createRasterImage(3, 1, 4, new Uint8Array([255, 0, 0, 7, 0, 255, 0, 7, 0, 0, 255, 7]));
    expect(Array.from(toGrayscale(rgba).data)).toEqual([76, 150, 29]);
  });

  it('copies a grayscale image instead of aliasing it', () => {
    const gray = createRasterImage(2, 1, 1, new Uint8Array([1, 2]));
    const out = toGrayscale(gray);
    out.data[0] = 9;
    expect(gray.data[0]).toBe(1);
  });
});

describe('toRgb', () => {
  it('replicates gray and drops alpha', () => {
    expect(Array.from(toRgb(createRasterImage(1, 1, 1, new Uint8Array([40]))).data)).toEqual([40, 40, 40]);
    expect(Array.from(toRgb(createRasterImage(1, 1, 4, new Uint8Array([1, 2, 3, 4]))).data)).toEqual([
      1, 2, 3,
    ]);
  });
});
