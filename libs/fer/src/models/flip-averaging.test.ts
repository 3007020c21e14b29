import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundTrip } from './round-trip.test-support';

import { buildFlipAveraging } from './flip-averaging';
import { buildSeed000Cnn } from './seed000-cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});


describe('buildFlipAveraging', () => {
  it('outputs the mean of the model on the image and on its mirror image, also after save and load', async () => {
    const model = buildSeed000Cnn({ numClasses: 5 });
    const tta = buildFlipAveraging(model);
    const x = tf.randomUniform([3, 48, 48, 1], 0, 1, 'float32', 7);
    const direct = model.predict(x) as tf.Tensor;
    const mirrored = model.predict(tf.reverse(x, 2)) as tf.Tensor;
    const expected = direct.add(mirrored).div(2).dataSync();
    expect(Array.from(direct.dataSync())).not.toEqual(Array.from(mirrored.dataSync()));
    for (const m of [tta, await roundTrip(tta)]) {
      Array.from((m.predict(x) as tf.Tensor).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
    // The member is shared by both branches: only the fixed mirror matrix is added.
    expect(tta.countParams()).toBe(model.countParams() + 48 * 48);
  });

  it('gives the same answer for an image and its mirror image', () => {
    const tta = buildFlipAveraging(buildSeed000Cnn({ numClasses: 7 }));
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 3);
    const a = (tta.predict(x) as tf.Tensor).dataSync();
    const b = (tta.predict(tf.reverse(x, 2)) as tf.Tensor).dataSync();
    Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
  });

  it('refuses a model whose input is not an image', () => {
    const input = tf.input({ shape: [4] });
    const m = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor });
    expect(() => buildFlipAveraging(m)).toThrow(/image input/);
  });
});
