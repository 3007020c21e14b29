import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { averageProbabilities, buildAveragingEnsemble } from './probability-ensemble';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function member(seed: number, units = 3): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const out = tf.layers
    .dense({ units, activation: 'softmax', kernelInitializer: tf.initializers.randomNormal({ seed }) })
    .apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

describe('buildAveragingEnsemble', () => {
  it('outputs the mean of the members’ probabilities', () => {
    const members = [member(1), member(2), member(3)];
    const ensemble = buildAveragingEnsemble(members);
    const x = tf.randomUniform([5, 4], -1, 1, 'float32', 9);
    const expected = tf.addN(members.map((m) => m.predict(x) as tf.Tensor)).div(3);
    const got = ensemble.predict(x) as tf.Tensor;
    Array.from(got.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dataSync()[i], 6));
    expect(ensemble.countParams()).toBe(3 * (4 * 3 + 3));
  });

  it('refuses members with different outputs or too few members', () => {
    expect(() => buildAveragingEnsemble([member(1), member(2, 4)])).toThrow(/outputs \[null,4\]/);
    expect(() => buildAveragingEnsemble([member(1)])).toThrow(/at least 2 models/);
  });
});

describe('averageProbabilities', () => {
  it('weights the models', () => {
    const svm = [[1, 0]];
    const cnn = [[0, 1]];
    expect(Array.from(averageProbabilities([svm, cnn])[0])).toEqual([0.5, 0.5]);
    expect(Array.from(averageProbabilities([svm, cnn], [3, 1])[0])).toEqual([0.75, 0.25]);
    expect(() => averageProbabilities([svm, [[1, 0, 0]]])).toThrow(/model 1 has 1 rows of 3 classes/);
    expect(() => averageProbabilities([svm, cnn], [0, 0])).toThrow(/non-negative weight/);
  });
});
