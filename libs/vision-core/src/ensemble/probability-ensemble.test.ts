import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { roundTrip } from '../models/round-trip.test-support';
import {
  averageProbabilities,
  averagingEnsembleParts,
  buildAveragingEnsemble,
  withoutMemberPrefix,
} from './probability-ensemble';

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

/** A small CNN whose layer names are fixed, so two of them collide unless renamed. */
function convNet(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 3], name: 'pixels' });
  const init = tf.initializers.glorotNormal({ seed });
  const conv = tf.layers
    .conv2d({
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init,
      name: 'conv',
    })
    .apply(input) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(conv) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: 3, activation: 'softmax', kernelInitializer: init, name: 'probabilities' })
    .apply(gap) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'conv_net' });
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

  it('holds convolutional members with the same layer names and saves and loads as one model', async () => {
    const members = [convNet(1), convNet(2)];
    const loaded = await roundTrip(buildAveragingEnsemble(members));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 4);
    const expected = tf
      .addN(members.map((m) => m.predict(x) as tf.Tensor))
      .div(2)
      .dataSync();
    Array.from((loaded.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(expected[i], 5),
    );
    expect(loaded.layers.map((l) => l.name)).toEqual([
      'image',
      'm1_conv_net',
      'm2_conv_net',
      'mean_probabilities',
    ]);
  });

  it('refuses members with different outputs or too few members', () => {
    expect(() => buildAveragingEnsemble([member(1), member(2, 4)])).toThrow(/outputs \[null,4\]/);
    expect(() => buildAveragingEnsemble([member(1)])).toThrow(/at least 2 models/);
  });
});

describe('averagingEnsembleParts', () => {
  it('finds the members and their shares of an equal or weighted ensemble, after saving and loading too', async () => {
    const members = [convNet(1), convNet(2), convNet(3)];
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 5);
    for (const weights of [undefined, [2, 1, 1]]) {
      for (const model of [
        buildAveragingEnsemble(members, 'e', weights),
        await roundTrip(buildAveragingEnsemble(members, 'e', weights)),
      ]) {
        const parts = averagingEnsembleParts(model)!;
        expect(parts.members.map((m) => m.name)).toEqual(['m1_conv_net', 'm2_conv_net', 'm3_conv_net']);
        const shares = weights ? [0.5, 0.25, 0.25] : [1 / 3, 1 / 3, 1 / 3];
        parts.weights.forEach((w, i) => expect(w).toBeCloseTo(shares[i], 6));
        // The parts reproduce the ensemble's output.
        const recombined = tf.addN(
          parts.members.map((m, i) => (m.predict(x) as tf.Tensor).mul(parts.weights[i])),
        );
        const direct = (model.predict(x) as tf.Tensor).dataSync();
        Array.from(recombined.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(direct[i], 5));
      }
    }
  });

  it('gives a saved member back as the network it was built from (names without the m<i>_ prefix)', async () => {
    const original = convNet(2);
    const [, second] = averagingEnsembleParts(
      await roundTrip(buildAveragingEnsemble([convNet(1), original])),
    )!.members;
    const network = withoutMemberPrefix(second);
    expect(network.name).toBe('conv_net');
    expect(network.layers.map((l) => l.name)).toEqual(original.layers.map((l) => l.name));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 6);
    expect(Array.from((network.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((original.predict(x) as tf.Tensor).dataSync()),
    );
    // Anything else is left as it is.
    expect(withoutMemberPrefix(original)).toBe(original);
  });

  it('is null for a model that is not an averaging ensemble', () => {
    expect(averagingEnsembleParts(convNet(1))).toBeNull();
    // Averaging two heads of one network is not an ensemble of models.
    const input = tf.input({ shape: [4] });
    const heads = [1, 2].map(
      (k) =>
        tf.layers
          .dense({ units: 3, activation: 'softmax', name: `head${k}` })
          .apply(input) as tf.SymbolicTensor,
    );
    const averaged = tf.layers.average().apply(heads) as tf.SymbolicTensor;
    expect(averagingEnsembleParts(tf.model({ inputs: input, outputs: averaged }))).toBeNull();
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
