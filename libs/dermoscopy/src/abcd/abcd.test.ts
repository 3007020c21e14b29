import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { computeAbcd } from './abcd';
import { totalDermoscopyScore } from './tds';

describe('computeAbcd', () => {
  it('combines the sub-scores into the TDS and reports the diameter', () => {
    const { image, mask } = paintLesion(120, 100, ellipse(60, 50, 40, 25), (x) =>
      x < 60 ? [190, 130, 90] : [40, 32, 30],
    );
    const result = computeAbcd(image, mask, { pxPerMm: 20 });
    expect(result.tds).toBe(
      totalDermoscopyScore({
        asymmetry: result.asymmetry.score,
        border: result.border.score,
        colours: result.colours.score,
        structures: result.structures.score,
      }),
    );
    expect(result.colours.score).toBe(2);
    expect(result.diameter.maxFeretMm).toBeCloseTo(81 / 20, 0);
    expect(['benign', 'suspicious', 'highly_suspicious']).toContain(result.band);
  });

  it('rejects an image and mask of different sizes', () => {
    const a = paintLesion(50, 40, ellipse(25, 20, 10, 8), () => [100, 60, 40]);
    const b = paintLesion(40, 40, ellipse(20, 20, 10, 8), () => [100, 60, 40]);
    expect(() => computeAbcd(a.image, b.mask)).toThrow(/differ/);
  });
});
