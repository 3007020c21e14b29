import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, reliabilityDiagram } from './calibration';
import { evaluationCurves } from './evaluation-curves';

const labels = ['a', 'b', 'c'];
const yTrue = [0, 1, 2, 2];
const probs = [
  [0.6, 0.3, 0.1],
  [0.5, 0.4, 0.1],
  [0.2, 0.3, 0.5],
  [0.1, 0.6, 0.3],
];

describe('evaluationCurves', () => {
  it('stores each class one-vs-rest ROC curve without its collinear points, with the full AUC', () => {
    const { rocCurves } = evaluationCurves(yTrue, probs, labels);
    expect(rocCurves.a).toEqual({ fpr: [0, 0, 1], tpr: [0, 1, 1], auc: 1 });
    // b's only positive (0.4) is outscored by one of its three negatives (0.6).
    expect(rocCurves.b.fpr).toEqual([0, 0.3333, 0.3333, 1]);
    expect(rocCurves.b.tpr).toEqual([0, 0, 1, 1]);
    expect(rocCurves.b.auc).toBeCloseTo(2 / 3, 12);
    expect(rocCurves.c).toEqual({ fpr: [0, 0, 1], tpr: [0, 1, 1], auc: 1 });
  });

  it('leaves out a class absent from yTrue', () => {
    const { rocCurves } = evaluationCurves(
      [0, 1],
      [
        [0.7, 0.2, 0.1],
        [0.2, 0.7, 0.1],
      ],
      labels,
    );
    expect(Object.keys(rocCurves)).toEqual(['a', 'b']);
  });

  it('keeps the reliability bins the ECE is computed over', () => {
    const { reliabilityBins } = evaluationCurves(yTrue, probs, labels, { nBins: 10 });
    expect(reliabilityBins).toEqual(reliabilityDiagram(yTrue, probs, 10));
    const ece = reliabilityBins.reduce((s, b) => s + (b.count / 4) * Math.abs(b.accuracy - b.confidence), 0);
    expect(ece).toBeCloseTo(expectedCalibrationError(yTrue, probs, 10), 12);
    expect(reliabilityBins.filter((b) => b.count > 0).map((b) => b.accuracy)).toEqual([0.5, 0.5]);
  });

  it('caps a long curve at maxPoints', () => {
    const n = 500;
    const y = Array.from({ length: n }, (_, i) => i % 3);
    const p = y.map((c, i) => {
      const row = [0.2, 0.2, 0.2];
      row[(c + (i % 7 === 0 ? 1 : 0)) % 3] += (0.4 * ((i * 37) % 101)) / 101;
      const total = row.reduce((s, v) => s + v, 0);
      return row.map((v) => v / total);
    });
    const { rocCurves } = evaluationCurves(y, p, labels, { maxPoints: 20 });
    for (const label of labels) expect(rocCurves[label].fpr.length).toBeLessThanOrEqual(20);
  });
});
