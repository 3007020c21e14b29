import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { shadesOfGray } from './colour-constancy';

describe('shadesOfGray', () => {
  // A gray-world scene of varied grays photographed under a warm (reddish) light.
  const cast = [1.25, 1.0, 0.75];
  const n = 200;
  const data = new Uint8Array(n * 3);
  for (let p = 0; p < n; p++) {
    const g = 60 + ((p * 37) % 120);
    for (let k = 0; k < 3; k++) data[p * 3 + k] = Math.round(g * cast[k]);
  }
  const image = createRasterImage(20, 10, 3, data);

  it('estimates the cast and neutralises it', () => {
    const { image: out, illuminant, gains } = shadesOfGray(image);
    expect(illuminant[0] / illuminant[2]).toBeCloseTo(cast[0] / cast[2], 1);
    expect(gains[0]).toBeLessThan(1);
    expect(gains[2]).toBeGreaterThan(1);
    const mean = (k: number) => out.data.filter((_, i) => i % 3 === k).reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean(0) - mean(2))).toBeLessThan(2);
    expect(Math.abs(mean(1) - mean(2))).toBeLessThan(2);
  });

  it('can estimate from masked pixels only and rejects bad input', () => {
    const mask = new Uint8Array(n);
    mask[0] = 1;
    expect(shadesOfGray(image, 6, mask).illuminant[0]).toBeCloseTo(data[0], 5);
    expect(() => shadesOfGray(createRasterImage(2, 2, 1))).toThrow(/RGB or RGBA/);
    expect(() => shadesOfGray(image, 6, new Uint8Array(n))).toThrow(/selects no pixels/);
    expect(() => shadesOfGray(image, 0)).toThrow(/p >= 1/);
  });
});
