import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAveragingEnsemble } from '@visioncad/vision-core/ensemble';
import { roundTrip } from '@visioncad/vision-core/models/round-trip.test-support';

import { buildCnnBiLstm, buildFrameEncoder } from './cnn-bilstm';
import { buildSeed000Cnn } from './seed000-cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The generic behaviour is tested in vision-core; these are the FER architectures the trainer ensembles.
describe('buildAveragingEnsemble of FER networks', () => {
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
});
