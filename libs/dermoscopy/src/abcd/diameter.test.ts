import { createBinaryMask } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { lesionDiameter } from './diameter';

describe('lesionDiameter', () => {
  it('measures a rectangle by its diagonal and converts to millimetres', () => {
    const { mask } = paintLesion(
      60,
      60,
      (x, y) => x >= 10 && x < 40 && y >= 5 && y < 45,
      () => [0, 0, 0],
    );
    const d = lesionDiameter(mask, 10);
    expect(d.maxFeretPx).toBeCloseTo(50, 5);
    expect(d.maxFeretMm).toBeCloseTo(5, 5);
    expect(d.equivalentDiameterPx).toBeCloseTo(2 * Math.sqrt(1200 / Math.PI), 5);
  });

  it('measures a disk close to its diameter', () => {
    const { mask } = paintLesion(60, 60, ellipse(30, 30, 20, 20), () => [0, 0, 0]);
    const d = lesionDiameter(mask);
    expect(d.maxFeretPx).toBeGreaterThan(40.5);
    expect(d.maxFeretPx).toBeLessThan(42.5);
    expect(d.maxFeretMm).toBeNull();
  });

  it('rejects an empty mask and a bad scale', () => {
    expect(() => lesionDiameter(createBinaryMask(2, 2))).toThrow(/empty/);
    const { mask } = paintLesion(
      4,
      4,
      () => true,
      () => [0, 0, 0],
    );
    expect(() => lesionDiameter(mask, 0)).toThrow(/pxPerMm must be > 0/);
  });
});
