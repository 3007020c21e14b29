import * as tf from '@tensorflow/tfjs';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';

import { averageProbabilities, deepFeatures, featureExtractor } from './calibrated-classifier';
import {
  balancedClassWeights,
  featureSvmProbabilities,
  fitFeatureSvm,
  logProbabilities,
} from './feature-svm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Three Gaussian blobs in 6-d, class k centred at 3 · e_k, with more of class 0 than the others. */
function blobs(n: number, seed: string) {
  const rng = seedrandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 5 < 3 ? 0 : (i % 5) - 2;
    rows.push(Array.from({ length: 6 }, (_, j) => (j === k ? 3 : 0) + gauss()));
    labels.push(k);
  }
  return { rows, labels };
}

describe('SVM on deep features', () => {
  it('weights classes by inverse frequency', () => {
    expect(balancedClassWeights([0, 0, 0, 1], 2)).toEqual({ 0: 4 / 6, 1: 2 });
    expect(balancedClassWeights([0, 0], 3)).toEqual({ 0: 2 / 6 });
  });

  it('chooses C and gamma on validation, gives calibrated probabilities that separate the blobs', async () => {
    const fitted = await fitFeatureSvm(blobs(150, 'train'), blobs(60, 'val'), 3, {
      C: [0.1, 10],
      gammaScale: [1],
    });
    expect(fitted.grid).toHaveLength(2);
    expect(fitted.grid.map((g) => g.params.C)).toContain(fitted.chosen.C);
    expect(fitted.temperature).toBeGreaterThan(0);
    const test = blobs(60, 'test');
    const probs = featureSvmProbabilities(fitted.scaler, fitted.svm, test.rows);
    let correct = 0;
    probs.forEach((row, i) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (row.indexOf(Math.max(...row)) === test.labels[i]) correct++;
    });
    expect(correct / test.rows.length).toBeGreaterThan(0.85);
    expect(logProbabilities([[0, 1]])[0][0]).toBeCloseTo(Math.log(1e-7));
    fitted.svm.dispose();
  });
});

describe('ensemble and feature helpers', () => {
  it('averages the members probability rows and refuses mismatched members', () => {
    expect(
      averageProbabilities([
        [
          [0.2, 0.8],
          [1, 0],
        ],
        [
          [0.6, 0.4],
          [0, 1],
        ],
      ]),
    ).toEqual([
      [0.4, 0.6000000000000001],
      [0.5, 0.5],
    ]);
    expect(() => averageProbabilities([[[1]], []])).toThrow(/member 1 scored 0 images/);
    expect(() => averageProbabilities([])).toThrow(/at least one member/);
  });

  it('extracts the global-average-pooled features of a classifier', async () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 3 });
    const decode = async (path: string) => ({
      width: 16,
      height: 16,
      channels: 3 as const,
      data: new Uint8Array(16 * 16 * 3).fill(Number(path) * 40),
    });
    const images = [0, 1, 2, 3, 4].map((i) => ({ path: String(i), label: 0 }));
    const rows = await deepFeatures(model, images, decode, 'gap', 2);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveLength(8);
    expect(() => featureExtractor(model, 'nope')).toThrow(/no layer "nope"/);
  });
});
