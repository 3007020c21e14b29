import { createRasterImage, luma } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { enhanceContrast } from './contrast-enhancement';

describe('enhanceContrast', () => {
  const w = 32;
  const data = new Uint8Array(w * w * 3);
  for (let p = 0; p < w * w; p++) {
    const v = 100 + ((p % w) * 30) / w;
    data.set([Math.round(v * 1.3), Math.round(v), Math.round(v * 0.7)], p * 3);
  }
  const image = createRasterImage(w, w, 3, data);
  const out = enhanceContrast(image, { clipLimit: 40, tilesX: 2, tilesY: 2 });

  it('widens the luma range', () => {
    const range = (d: Uint8Array) => {
      const l = Array.from({ length: w * w }, (_, p) => luma(d[p * 3], d[p * 3 + 1], d[p * 3 + 2]));
      return Math.max(...l) - Math.min(...l);
    };
    expect(range(out.data)).toBeGreaterThan(2 * range(image.data));
  });

  it('keeps each pixel hue (channel ratios) where nothing clips', () => {
    const p = 5 * w + 3;
    const ratio = (d: Uint8Array) => d[p * 3] / d[p * 3 + 1];
    expect(ratio(out.data)).toBeCloseTo(ratio(image.data), 1);
  });
});
