import { describe, expect, it } from 'vitest';

import { srgbToLab, toLab } from './cielab';
import { createRasterImage } from './raster-image';

describe('CIELAB', () => {
  it('matches reference values for white, black and sRGB red', () => {
    const [lw, aw, bw] = srgbToLab(255, 255, 255);
    expect(lw).toBeCloseTo(100, 2);
    expect(Math.abs(aw)).toBeLessThan(0.01);
    expect(Math.abs(bw)).toBeLessThan(0.01);
    expect(srgbToLab(0, 0, 0)[0]).toBeCloseTo(0, 5);
    const [l, a, b] = srgbToLab(255, 0, 0);
    expect(l).toBeCloseTo(53.24, 1);
    expect(a).toBeCloseTo(80.09, 1);
    expect(b).toBeCloseTo(67.2, 1);
  });

  it('converts a whole RGBA image and refuses grayscale', () => {
    const lab = toLab(createRasterImage(1, 1, 4, new Uint8Array([255, 0, 0, 9])));
    expect(lab[0]).toBeCloseTo(53.24, 1);
    expect(() => toLab(createRasterImage(1, 1, 1))).toThrow(/RGB or RGBA/);
  });
});
