import { describe, expect, it } from 'vitest';
import { dice } from './dice';
import { jaccard, thresholdedJaccard } from './jaccard';

describe('mask overlap metrics', () => {
  it('Dice and Jaccard of a hand-counted pair (|A∩B| = 2, |A| = |B| = 3)', () => {
    const truth = [1, 1, 0, 0, 1];
    const pred = [1, 0, 0, 1, 1];
    expect(dice(truth, pred)).toBeCloseTo(2 / 3, 12);
    expect(jaccard(truth, pred)).toBeCloseTo(0.5, 12);
    expect(thresholdedJaccard(truth, pred)).toBe(0);
  });

  it('keeps a Jaccard index at or above 0.65', () => {
    const truth = [1, 1, 1, 1, 0];
    const pred = [1, 1, 1, 0, 0];
    expect(jaccard(truth, pred)).toBeCloseTo(0.75, 12);
    expect(thresholdedJaccard(truth, pred)).toBeCloseTo(0.75, 12);
    expect(thresholdedJaccard(truth, pred, { threshold: 0.8 })).toBe(0);
    expect(dice(truth, pred)).toBeCloseTo(6 / 7, 12);
  });

  it('binarizes 0/255 masks and probability maps at 0.5 by default', () => {
    expect(dice([255, 255, 0, 0], [0.9, 0.4, 0.6, 0.1])).toBeCloseTo(0.5, 12);
    expect(jaccard([255, 255, 0, 0], [0.9, 0.4, 0.6, 0.1], { binarizeAt: 0.3 })).toBeCloseTo(2 / 3, 12);
  });

  it('scores two empty masks as perfect agreement', () => {
    expect(dice([0, 0], [0, 0])).toBe(1);
    expect(jaccard([0, 0], [0, 0])).toBe(1);
  });

  it('rejects masks of different sizes', () => {
    expect(() => dice([1, 0, 1], [1, 0])).toThrow('truth mask has 3 entries but predicted mask has 2');
  });
});
