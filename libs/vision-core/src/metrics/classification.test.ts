import { describe, expect, it } from 'vitest';
import { accuracy, balancedAccuracy } from './accuracy';
import { confusionMatrix, normalizeConfusionMatrix } from './confusion-matrix';
import {
  averageScores,
  precisionRecallF1,
  ratesFromConfusionMatrix,
  sensitivitySpecificity,
} from './precision-recall';
import { cohenKappa } from './cohen-kappa';

// Hand-computed case: CM rows (true) [[2,1,0],[0,1,1],[1,1,3]].
const yTrue = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
const yPred = [0, 0, 1, 1, 2, 2, 2, 2, 0, 1];

describe('confusion matrix', () => {
  it('counts true rows against predicted columns', () => {
    expect(confusionMatrix(yTrue, yPred, 3)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 1, 3],
    ]);
  });

  it('row-normalizes, leaving absent classes at zero', () => {
    expect(
      normalizeConfusionMatrix([
        [2, 2],
        [0, 0],
      ]),
    ).toEqual([
      [0.5, 0.5],
      [0, 0],
    ]);
  });

  it('rejects labels outside the class range and length mismatches', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow('yTrue[1] = 3 is not a class index in [0, 3)');
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow('yTrue has 2 entries but yPred has 1');
    expect(() => confusionMatrix([0.5], [0], 3)).toThrow('yTrue[0] = 0.5');
  });
});

describe('accuracy and per-class scores', () => {
  it('accuracy and balanced accuracy', () => {
    expect(accuracy(yTrue, yPred)).toBeCloseTo(0.6, 12);
    expect(balancedAccuracy(yTrue, yPred, 3)).toBeCloseTo(53 / 90, 12);
  });

  it('balanced accuracy skips classes with no true samples', () => {
    // class 2 never occurs in yTrue: mean of recalls 1/2 and 1.
    expect(balancedAccuracy([0, 0, 1], [0, 2, 1], 3)).toBeCloseTo(0.75, 12);
  });

  it('precision, recall, F1, support per class', () => {
    const s = precisionRecallF1(yTrue, yPred, 3);
    expect(s.map((c) => c.support)).toEqual([3, 2, 5]);
    const expected = [
      [2 / 3, 2 / 3, 2 / 3],
      [1 / 3, 1 / 2, 2 / 5],
      [3 / 4, 3 / 5, 2 / 3],
    ];
    s.forEach((c, k) => {
      expect(c.precision).toBeCloseTo(expected[k][0], 12);
      expect(c.recall).toBeCloseTo(expected[k][1], 12);
      expect(c.f1).toBeCloseTo(expected[k][2], 12);
    });
  });

  it('macro and weighted averages', () => {
    const s = precisionRecallF1(yTrue, yPred, 3);
    expect(averageScores(s, 'macro').f1).toBeCloseTo(26 / 45, 12);
    expect(averageScores(s, 'weighted').f1).toBeCloseTo(46 / 75, 12);
    expect(averageScores(s, 'macro').precision).toBeCloseTo((2 / 3 + 1 / 3 + 3 / 4) / 3, 12);
    expect(averageScores(s, 'weighted').recall).toBeCloseTo(0.6, 12);
    expect(averageScores(s, 'weighted').support).toBe(10);
  });

  it('scores zero where a ratio is undefined (no predictions of a class)', () => {
    const [, c1] = precisionRecallF1([0, 1], [0, 0], 2);
    expect(c1).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('one-vs-rest TPR and FPR', () => {
    const r = ratesFromConfusionMatrix(confusionMatrix(yTrue, yPred, 3));
    expect(r[0].tpr).toBeCloseTo(2 / 3, 12);
    expect(r[0].fpr).toBeCloseTo(1 / 7, 12);
    expect(r[1].fpr).toBeCloseTo(2 / 8, 12);
    expect(r[2].tpr).toBeCloseTo(3 / 5, 12);
    expect(r[2].fpr).toBeCloseTo(1 / 5, 12);
  });

  it('sensitivity and specificity for a positive class', () => {
    const { sensitivity, specificity } = sensitivitySpecificity(yTrue, yPred, 2);
    expect(sensitivity).toBeCloseTo(0.6, 12);
    expect(specificity).toBeCloseTo(0.8, 12);
  });
});

describe('Cohen kappa', () => {
  it('matches the textbook 2x2 example (kappa = 0.4)', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 (po = 0.7, pe = 0.5).
    const a = [...Array(25).fill(1), ...Array(25).fill(0)];
    const b = [...Array(20).fill(1), ...Array(5).fill(0), ...Array(10).fill(1), ...Array(15).fill(0)];
    expect(cohenKappa(a, b, 2)).toBeCloseTo(0.4, 12);
  });

  it('unweighted, linear and quadratic on a 3-class ordinal case', () => {
    expect(cohenKappa(yTrue, yPred, 3)).toBeCloseTo(5 / 13, 12);
    expect(cohenKappa(yTrue, yPred, 3, 'linear')).toBeCloseTo(21 / 46, 12);
    expect(cohenKappa(yTrue, yPred, 3, 'quadratic')).toBeCloseTo(38 / 73, 12);
  });

  it('is 1 for perfect agreement and NaN when chance disagreement is zero', () => {
    expect(cohenKappa([0, 1, 2], [0, 1, 2], 3, 'quadratic')).toBe(1);
    expect(cohenKappa([1, 1], [1, 1], 3)).toBeNaN();
  });
});
