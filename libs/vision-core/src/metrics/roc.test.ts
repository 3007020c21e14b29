import { describe, expect, it } from 'vitest';
import { auc, rocAuc, rocCurve, rocOneVsRest } from './roc';

describe('ROC', () => {
  const y = [1, 0, 1, 0, 1, 0];
  const s = [0.9, 0.8, 0.5, 0.5, 0.3, 0.1];

  it('groups tied scores into one point', () => {
    const c = rocCurve(y, s);
    expect(c.thresholds).toEqual([Infinity, 0.9, 0.8, 0.5, 0.3, 0.1]);
    expect(c.fpr).toEqual([0, 0, 1 / 3, 2 / 3, 2 / 3, 1]);
    expect(c.tpr).toEqual([0, 1 / 3, 1 / 3, 2 / 3, 1, 1]);
  });

  it('AUC by trapezoids equals the Mann-Whitney probability with ties counted half', () => {
    expect(rocAuc(y, s)).toBeCloseTo(11 / 18, 12);
    expect(rocAuc([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0, 1], [0.2, 0.8])).toBe(1);
    expect(rocAuc([1, 0], [0.2, 0.8])).toBe(0);
  });

  it('trapezoid area of a simple curve', () => {
    expect(auc([0, 0.5, 1], [0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('refuses a curve with a single class present', () => {
    expect(() => rocCurve([1, 1], [0.3, 0.4])).toThrow('2 positives and 0 negatives');
  });

  it('one-vs-rest AUCs and their macro mean', () => {
    const probs = [
      [0.6, 0.3, 0.1],
      [0.5, 0.4, 0.1],
      [0.2, 0.3, 0.5],
      [0.1, 0.6, 0.3],
    ];
    const r = rocOneVsRest([0, 1, 2, 2], probs, 3);
    expect(r.aucs[0]).toBe(1);
    expect(r.aucs[1]).toBeCloseTo(2 / 3, 12);
    expect(r.aucs[2]).toBe(1);
    expect(r.macroAuc).toBeCloseTo(8 / 9, 12);
  });

  it('gives null for a class absent from yTrue and leaves it out of the macro mean', () => {
    const r = rocOneVsRest(
      [0, 1],
      [
        [0.7, 0.2, 0.1],
        [0.2, 0.7, 0.1],
      ],
      3,
    );
    expect(r.aucs).toEqual([1, 1, null]);
    expect(r.macroAuc).toBe(1);
  });
});
