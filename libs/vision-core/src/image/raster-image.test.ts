import { describe, expect, it } from 'vitest';

import { assertSameSize, createRasterImage } from './raster-image';

describe('createRasterImage', () => {
  it('allocates zeroed data of width*height*channels bytes', () => {
    const img = createRasterImage(3, 2, 4);
    expect(img.data.length).toBe(24);
    expect(img.data.every((v) => v === 0)).toBe(true);
  });

  it('rejects data of the wrong length and bad sizes', () => {
    expect(() => createRasterImage(2, 2, 3, new Uint8Array(11))).toThrow(
      /needs 12 bytes but the data has 11/,
    );
    expect(() => createRasterImage(0, 2, 1)).toThrow(/positive integers/);
    expect(() => createRasterImage(2, 2, 2 as 1)).toThrow(/channels must be 1, 3 or 4/);
  });

  it('assertSameSize names both sizes', () => {
    expect(() => assertSameSize({ width: 2, height: 3 }, { width: 2, height: 4 }, 'mask vs image')).toThrow(
      'mask vs image: sizes differ, 2x3 vs 2x4',
    );
  });
});
