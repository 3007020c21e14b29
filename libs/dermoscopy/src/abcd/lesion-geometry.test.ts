import { createBinaryMask } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { lesionGeometry } from './lesion-geometry';

describe('lesionGeometry', () => {
  it('recovers the centre, axis lengths and orientation of an ellipse', () => {
    const { mask } = paintLesion(120, 100, ellipse(60, 50, 40, 20), () => [0, 0, 0]);
    const g = lesionGeometry(mask);
    expect(g.centroidX).toBeCloseTo(60, 1);
    expect(g.centroidY).toBeCloseTo(50, 1);
    expect(g.majorAxisLength).toBeCloseTo(80, -0.5);
    expect(g.minorAxisLength).toBeCloseTo(40, -0.5);
    expect(Math.abs(g.majorAxisAngle)).toBeLessThan(0.01);
  });

  it('finds a 45° major axis', () => {
    const inside = (x: number, y: number) => {
      const u = (x - 50 + (y - 50)) / Math.SQRT2;
      const v = (-(x - 50) + (y - 50)) / Math.SQRT2;
      return (u / 35) ** 2 + (v / 12) ** 2 <= 1;
    };
    const { mask } = paintLesion(100, 100, inside, () => [0, 0, 0]);
    expect((lesionGeometry(mask).majorAxisAngle * 180) / Math.PI).toBeCloseTo(45, 0);
  });

  it('refuses an empty mask', () => {
    expect(() => lesionGeometry(createBinaryMask(3, 3))).toThrow(/lesion mask is empty/);
  });
});
