import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report';

const labels = ['a', 'b', 'c'];
const yTrue = [0, 1, 2, 2];
const probs = [
  [0.6, 0.3, 0.1],
  [0.5, 0.4, 0.1],
  [0.2, 0.3, 0.5],
  [0.1, 0.6, 0.3],
];

describe('classificationReport', () => {
  it('has exactly the documented shape and hand-computed values', () => {
    const r = classificationReport(yTrue, probs, labels);
    expect(Object.keys(r).sort()).toEqual(
      [
        'accuracy',
        'balancedAccuracy',
        'macroF1',
        'weightedF1',
        'rocAucMacro',
        'labels',
        'perClass',
        'confusionMatrix',
        'n',
        'rocCurves',
        'reliabilityBins',
      ].sort(),
    );
    // argmax predictions: [0, 0, 2, 1]
    expect(r.confusionMatrix).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 1],
    ]);
    expect(r.accuracy).toBe(0.5);
    expect(r.balancedAccuracy).toBeCloseTo((1 + 0 + 0.5) / 3, 12);
    // F1: a = 2*(1/2*1)/(3/2) = 2/3, b = 0, c = 2*(1*1/2)/(3/2) = 2/3
    expect(r.macroF1).toBeCloseTo(4 / 9, 12);
    expect(r.weightedF1).toBeCloseTo((2 / 3 + 0 + 2 * (2 / 3)) / 4, 12);
    expect(r.rocAucMacro).toBeCloseTo(8 / 9, 12);
    expect(r.perClass.a).toEqual({
      precision: 0.5,
      recall: 1,
      f1: r.perClass.a.f1,
      support: 1,
      tpr: 1,
      fpr: 1 / 3,
    });
    expect(r.perClass.c.fpr).toBe(0);
    expect(r.n).toBe(4);
    expect(r.labels).toEqual(labels);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('accepts flat model output and hard predictions', () => {
    const flat = new Float32Array(probs.flat());
    expect(classificationReport(yTrue, flat, labels).confusionMatrix).toEqual(
      classificationReport(yTrue, probs, labels).confusionMatrix,
    );
    const hard = classificationReport(yTrue, [0, 0, 2, 1], labels);
    expect(hard.rocAucMacro).toBeNull();
    expect(hard.rocCurves).toBeUndefined();
    expect(hard.reliabilityBins).toBeUndefined();
    expect(hard.accuracy).toBe(0.5);
  });

  it('explains a predictions array of the wrong size', () => {
    expect(() => classificationReport(yTrue, [0, 1, 2], labels)).toThrow(
      'predictions has 3 values: expected 4 class indices or 12 probabilities',
    );
    expect(() => classificationReport(yTrue, [[0.5, 0.5]], labels)).toThrow('probs[0] has 2 scores');
  });
});
