import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { balancedAccuracy } from './accuracy';
import {
  adjustedArgmax,
  adjustedArgmaxRows,
  balancedNll,
  fitLogitAdjustment,
  priorLogitAdjustment,
} from './logit-adjustment';
import { argmaxRows } from './probabilities';

/**
 * n samples of three 1-D Gaussian classes (means -1.5, 0, 1.5, unit variance) drawn with `priors`,
 * and their exact posteriors p(k|x) under those priors: a perfectly calibrated but imbalanced model.
 */
function gaussianClasses(n: number, priors: number[], seed: string) {
  const random = seedrandom(seed);
  const means = [-1.5, 0, 1.5];
  const y: number[] = [];
  const probs: number[][] = [];
  for (let i = 0; i < n; i++) {
    const u = random();
    const k = u < priors[0] ? 0 : u < priors[0] + priors[1] ? 1 : 2;
    // Box-Muller
    const x = means[k] + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const joint = means.map((m, c) => priors[c] * Math.exp(-0.5 * (x - m) ** 2));
    const total = joint.reduce((s, v) => s + v, 0);
    y.push(k);
    probs.push(joint.map((v) => v / total));
  }
  return { y, probs };
}

describe('logit adjustment', () => {
  const priors = [0.7, 0.2, 0.1];

  it('recovers -log(prior) from calibrated posteriors, the Bayes rule for balanced accuracy', () => {
    const { y, probs } = gaussianClasses(20000, priors, 'fit');
    const fit = fitLogitAdjustment(probs, y);
    const expected = priorLogitAdjustment(priors);
    fit.offsets.forEach((b, k) => expect(b).toBeCloseTo(expected[k], 1));
    expect(fit.offsets.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
    expect(fit.balancedNllAfter).toBeLessThan(fit.balancedNllBefore);
    expect(fit.balancedNllAfter).toBeCloseTo(balancedNll(probs, y, fit.offsets), 12);
  });

  it('raises balanced accuracy on held-out data of the same distribution', () => {
    const validation = gaussianClasses(5000, priors, 'validation');
    const fitted = fitLogitAdjustment(validation.probs, validation.y);
    const test = gaussianClasses(5000, priors, 'test');
    const plain = balancedAccuracy(test.y, argmaxRows(test.probs), 3);
    const adjusted = balancedAccuracy(test.y, adjustedArgmaxRows(test.probs, fitted.offsets), 3);
    // Argmax favours the frequent class; the adjusted rule recalls the rare ones.
    expect(adjusted).toBeGreaterThan(plain + 0.05);
  });

  it('leaves balanced posteriors (equal priors) almost unadjusted', () => {
    const { y, probs } = gaussianClasses(20000, [1 / 3, 1 / 3, 1 / 3], 'balanced');
    for (const b of fitLogitAdjustment(probs, y).offsets) expect(Math.abs(b)).toBeLessThan(0.06);
  });

  it('shrinks the offsets towards 0 with an L2 penalty', () => {
    const { y, probs } = gaussianClasses(3000, priors, 'l2');
    const free = fitLogitAdjustment(probs, y).offsets;
    const penalised = fitLogitAdjustment(probs, y, { l2: 0.05 }).offsets;
    const norm = (b: number[]) => Math.hypot(...b);
    expect(norm(penalised)).toBeLessThan(norm(free));
    expect(norm(penalised)).toBeGreaterThan(0);
  });

  it('decides by log p + b, first class on ties', () => {
    expect(adjustedArgmax([0.6, 0.3, 0.1], [0, 0, 0])).toBe(0);
    expect(adjustedArgmax([0.6, 0.3, 0.1], [0, Math.log(3), 0])).toBe(1);
    expect(adjustedArgmax([0.5, 0.25, 0.25], [0, Math.log(2), 0])).toBe(0);
    // A class with probability 0 can still be decided when its offset is large enough.
    expect(adjustedArgmax([1, 0], [0, 100])).toBe(1);
  });

  it('prior correction offsets are -log(prior), centred', () => {
    const b = priorLogitAdjustment([0.5, 0.25, 0.25]);
    expect(b[1] - b[0]).toBeCloseTo(Math.log(2), 12);
    expect(b[2]).toBeCloseTo(b[1], 12);
    expect(b.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
    expect(() => priorLogitAdjustment([1, 0])).toThrow('priors[1] = 0 must be > 0');
  });

  it('names what is wrong with its input', () => {
    const probs = [
      [0.7, 0.2, 0.1],
      [0.2, 0.7, 0.1],
    ];
    expect(() => fitLogitAdjustment(probs, [0, 1])).toThrow('class 2 never occurs in yTrue');
    expect(() => fitLogitAdjustment(probs, [0])).toThrow('yTrue has 1 entries but probs has 2');
    expect(() => fitLogitAdjustment(probs, [0, 3])).toThrow('yTrue[1] = 3 is not a class index');
    expect(() => fitLogitAdjustment(probs, [0, 1], { l2: -1 })).toThrow('l2 must be >= 0');
    expect(() => adjustedArgmax([0.5, 0.5], [0, 0, 0])).toThrow(
      'offsets has 3 entries but there are 2 classes',
    );
    expect(() => adjustedArgmax([0.5, 0.5], [0, NaN])).toThrow('offsets[1] = NaN is not a finite number');
  });
});
