import { describe, expect, it } from 'vitest';

import { equalizeHistogram } from './histogram-equalization';
import { createRasterImage } from './raster-image';

describe('equalizeHistogram', () => {
  it('spreads a narrow range over 0..255 monotonically', () => {
    const img = createRasterImage(4, 1, 1, new Uint8Array([100, 101, 102, 103]));
    expect(Array.from(equalizeHistogram(img).data)).toEqual([0, 85, 170, 255]);
  });

  it('leaves a constant image unchanged', () => {
    const img = createRasterImage(2, 2, 1, new Uint8Array([7, 7, 7, 7]));
    expect(Array.from(equalizeHistogram(img).data)).toEqual([7, 7, 7, 7]);
  });

  it('refuses colour input', () => {
    expect(() => equalizeHistogram(createRasterImage(1, 1, 3))).toThrow(/1-channel image but got 3/);
  });
});
