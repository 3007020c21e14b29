import { describe, expect, it } from 'vitest';

import { createBinaryMask, maskArea, maskFromRaster, maskToRaster } from './binary-mask';
import { createRasterImage } from './raster-image';

describe('binary masks', () => {
  it('binarises gray and colour rasters at the threshold', () => {
    const gray = createRasterImage(4, 1, 1, new Uint8Array([0, 127, 128, 255]));
    expect(Array.from(maskFromRaster(gray).data)).toEqual([0, 0, 1, 1]);
    const rgb = createRasterImage(2, 1, 3, new Uint8Array([255, 255, 255, 10, 10, 10]));
    expect(Array.from(maskFromRaster(rgb).data)).toEqual([1, 0]);
    expect(Array.from(maskFromRaster(createRasterImage(2, 1, 1, new Uint8Array([0, 1])), 1).data)).toEqual([
      0, 1,
    ]);
  });

  it('renders to 0/255 and counts the area', () => {
    const mask = createBinaryMask(3, 1, new Uint8Array([1, 0, 1]));
    expect(Array.from(maskToRaster(mask).data)).toEqual([255, 0, 255]);
    expect(maskArea(mask)).toBe(2);
  });

  it('rejects data of the wrong length', () => {
    expect(() => createBinaryMask(2, 2, new Uint8Array(3))).toThrow(/needs 4 bytes but the data has 3/);
  });
});
