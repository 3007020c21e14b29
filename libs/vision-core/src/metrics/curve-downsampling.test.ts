import { describe, expect, it } from 'vitest';
import { downsampleCurve } from './curve-downsampling';
import { auc, rocCurve } from './roc';

// Deterministic pseudo-random numbers (LCG), so the test data is the same on every run.
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32;
  };
}

describe('downsampleCurve', () => {
  it('drops collinear points first, leaving the curve and its area unchanged', () => {
    const x = [0, 0, 0, 0.5, 1, 1];
    const y = [0, 0.25, 0.5, 0.5, 0.5, 1];
    const c = downsampleCurve(x, y, 100);
    expect(c).toEqual({ x: [0, 0, 1, 1], y: [0, 0.5, 0.5, 1] });
    expect(auc(c.x, c.y)).toBe(auc(x, y));
  });

  it('keeps a long ROC curve within the budget, its end points and its area', () => {
    const rand = lcg(7);
    const labels = Array.from({ length: 3000 }, () => (rand() < 0.3 ? 1 : 0));
    const scores = labels.map((l) => rand() + 0.6 * l);
    const full = rocCurve(labels, scores);
    expect(full.fpr.length).toBeGreaterThan(1000);
    const c = downsampleCurve(full.fpr, full.tpr, 100);
    expect(c.x.length).toBeLessThanOrEqual(100);
    expect([c.x[0], c.y[0]]).toEqual([0, 0]);
    expect([c.x.at(-1), c.y.at(-1)]).toEqual([1, 1]);
    expect(Math.abs(auc(c.x, c.y) - auc(full.fpr, full.tpr))).toBeLessThan(0.002);
    // Still monotonic like the curve it came from.
    for (let i = 1; i < c.x.length; i++) {
      expect(c.x[i]).toBeGreaterThanOrEqual(c.x[i - 1]);
      expect(c.y[i]).toBeGreaterThanOrEqual(c.y[i - 1]);
    }
  });

  it('returns a short curve as it is and refuses a budget under 2', () => {
    expect(downsampleCurve([0, 1], [0, 1], 2)).toEqual({ x: [0, 1], y: [0, 1] });
    expect(() => downsampleCurve([0, 1], [0, 1], 1)).toThrow(
      'maxPoints must be an integer of at least 2, got 1',
    );
  });
});
