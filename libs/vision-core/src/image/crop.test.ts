import { describe, expect, it } from 'vitest';

import { crop } from './crop';
import { createRasterImage } from './raster-image';

describe('crop', () => {
  const img = createRasterImage(3, 3, 1, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));

  it('copies the rectangle', () => {
    expect(Array.from(crop(img, { x: 1, y: 1, width: 2, height: 2 }).data)).toEqual([5, 6, 8, 9]);
  });

  it('rejects rectangles outside the image', () => {
    expect(() => crop(img, { x: 2, y: 0, width: 2, height: 1 })).toThrow(/not inside the 3x3 image/);
  });
});
