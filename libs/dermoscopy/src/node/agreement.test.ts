import { describe, expect, it } from 'vitest';

import { ordinalAgreement, presenceAgreement } from './agreement';

describe('agreement', () => {
  it('summarises ordinal scores with kappa, accuracy, MAE and a confusion matrix', () => {
    const a = ordinalAgreement([0, 1, 2, 2], [0, 2, 2, 1], 0, 2);
    expect(a.accuracy).toBe(0.5);
    expect(a.meanAbsoluteError).toBe(0.5);
    expect(a.confusionMatrix).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ]);
    expect(a.labels).toEqual([0, 1, 2]);
    expect(ordinalAgreement([1, 2, 3], [1, 2, 3], 1, 3).quadraticWeightedKappa).toBe(1);
  });

  it('reports presence agreement and null where a rate is undefined', () => {
    const p = presenceAgreement([true, true, false, false], [true, false, false, false]);
    expect(p).toMatchObject({
      expertPositive: 2,
      predictedPositive: 1,
      accuracy: 0.75,
      sensitivity: 0.5,
      specificity: 1,
    });
    expect(presenceAgreement([false, false], [false, false]).kappa).toBeNull();
  });
});
