import { describe, expect, it } from 'vitest';

import { flipHorizontal } from './flip';
import { createRasterImage } from './raster-image';

describe('flipHorizontal', () => {
  it('mirrors each row and keeps pixels intact', () => {
    const img = createRasterImage(2, 2, 3, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(Array.from(flipHorizontal(img).data)).toEqual([4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9]);
  });
});
