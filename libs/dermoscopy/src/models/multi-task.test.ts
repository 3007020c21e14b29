import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildLesionResnet } from './lesion-resnet';
import { buildMultiTaskLesionNet, multiTaskLoss, PH2_CRITERIA } from './multi-task';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildMultiTaskLesionNet', () => {
  it('gives a diagnosis distribution and independent criteria probabilities from a shared trunk', () => {
    const source = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    const model = buildMultiTaskLesionNet(source, { diagnoses: 3, criteria: PH2_CRITERIA.length });
    const [diag, crit] = model.predict(tf.randomUniform([2, 16, 16, 3])) as tf.Tensor[];
    expect(diag.shape).toEqual([2, 3]);
    expect(crit.shape).toEqual([2, 5]);
    for (const row of diag.arraySync() as number[][]) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    for (const v of crit.dataSync()) expect(v > 0 && v < 1).toBe(true);
    expect(model.getLayer('stem_conv')).toBe(source.getLayer('stem_conv'));
  });

  it('names bad settings', () => {
    const source = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    expect(() => buildMultiTaskLesionNet(source, { diagnoses: 1, criteria: 2 })).toThrow(/>= 2 diagnoses/);
    expect(() => buildMultiTaskLesionNet(source, { diagnoses: 3, criteria: 2, featureLayer: 'x' })).toThrow(
      /no layer "x"/,
    );
  });
});

describe('multiTaskLoss', () => {
  it('adds weighted cross-entropy and mean binary cross-entropy', () => {
    const pDiag = tf.tensor2d([[0.5, 0.25, 0.25]]);
    const pCrit = tf.tensor2d([[0.8, 0.1]]);
    const y = tf.tensor2d([[1, 0, 0]]);
    const c = tf.tensor2d([[1, 0]]);
    const expected = -Math.log(0.5) + (-Math.log(0.8) - Math.log(0.9)) / 2;
    expect(multiTaskLoss([pDiag, pCrit], y, c).dataSync()[0]).toBeCloseTo(expected, 5);
    const weighted = multiTaskLoss([pDiag, pCrit], y, c, { classWeights: tf.tensor1d([2, 1, 1]), criteriaWeight: 0 });
    expect(weighted.dataSync()[0]).toBeCloseTo(-2 * Math.log(0.5), 5);
  });
});
