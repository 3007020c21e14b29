import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundTrip } from './round-trip.test-support';

import { buildCnnBiLstm, buildFrameEncoder } from './cnn-bilstm';
import { averageProbabilities, buildAveragingEnsemble } from './probability-ensemble';
import { buildSeed000Cnn } from './seed000-cnn';

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


  it('weights the members when asked, and the weighting survives saving and loading', async () => {
    const members = [member(1), member(2)];
    const loaded = await roundTrip(buildAveragingEnsemble(members, 'weighted', [2, 1]));
    const x = tf.randomUniform([5, 4], -1, 1, 'float32', 9);
    const [a, b] = members.map((m) => (m.predict(x) as tf.Tensor).dataSync());
    Array.from((loaded.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo((2 * a[i] + b[i]) / 3, 6),
    );
    expect(() => buildAveragingEnsemble(members, 'w', [1])).toThrow(/one positive weight per member \(2\)/);
    expect(() => buildAveragingEnsemble(members, 'w', [1, 0])).toThrow(/positive weight/);
  });

  it('holds members of one architecture (same layer names) and saves and loads as one model', async () => {
    const members = [buildSeed000Cnn({ numClasses: 4 }), buildSeed000Cnn({ numClasses: 4 })];
    const ensemble = buildAveragingEnsemble(members);
    const loaded = await roundTrip(ensemble);
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 4);
    const expected = tf.addN(members.map((m) => m.predict(x) as tf.Tensor)).div(2).dataSync();
    for (const model of [ensemble, loaded]) {
      Array.from((model.predict(x) as tf.Tensor).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
    expect(loaded.layers.map((l) => l.name)).toEqual(['image', 'm1_seed000_cnn', 'm2_seed000_cnn', 'mean_probabilities']);
  });

  it('renames the layers of nested models too (a CNN-BiLSTM wraps its frame encoder)', async () => {
    const make = () =>
      buildCnnBiLstm({
        frames: 3,
        frameShape: [8, 8, 1],
        numClasses: 3,
        lstmUnits: 4,
        encoder: buildFrameEncoder({ frameShape: [8, 8, 1], filters: [4], embedding: 8 }),
        framesAsChannels: true,
      });
    const members = [make(), make()];
    const loaded = await roundTrip(buildAveragingEnsemble(members));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 6);
    const expected = tf.addN(members.map((m) => m.predict(x) as tf.Tensor)).div(2).dataSync();
    Array.from((loaded.predict(x) as tf.Tensor).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
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
