import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundTrip } from '@visioncad/vision-core/models/round-trip.test-support';

import { bilinearResizeMatrix, buildFlipAveraging } from './flip-averaging';
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

  it('with a zoom margin also averages the centre zoom and its mirror, as tf.image crops and resizes', async () => {
    const model = buildSeed000Cnn({ numClasses: 7 });
    const tta = buildFlipAveraging(model, 'tta', { zoomMargin: 2 });
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 11);
    const zoom = (t: tf.Tensor4D) =>
      tf.image.resizeBilinear(tf.slice(t, [0, 2, 2, 0], [-1, 44, 44, 1]) as tf.Tensor4D, [48, 48]);
    const views = [x, tf.reverse(x, 2), zoom(x as tf.Tensor4D), tf.reverse(zoom(x as tf.Tensor4D), 2)];
    const expected = tf
      .addN(views.map((v) => model.predict(v) as tf.Tensor))
      .div(4)
      .dataSync();
    for (const m of [tta, await roundTrip(tta)]) {
      Array.from((m.predict(x) as tf.Tensor).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
    expect(tta.countParams()).toBe(model.countParams() + 48 * 48 * 2 + 44 * 48 * 2);
    expect(() => buildFlipAveraging(model, 'x', { zoomMargin: 12 })).toThrow(/zoom margin must be a whole number/);
  });

  it('resizes like tf.image.resizeBilinear', () => {
    const row = tf.tensor2d([[0, 10, 20, 40, 80]]);
    const resized = tf.image.resizeBilinear(row.reshape([1, 1, 5, 1]) as tf.Tensor4D, [1, 7]).dataSync();
    const mapped = tf.matMul(row, bilinearResizeMatrix(5, 7)).dataSync();
    Array.from(mapped).forEach((v, i) => expect(v).toBeCloseTo(resized[i], 5));
  });

  it('refuses a model whose input is not an image', () => {
    const input = tf.input({ shape: [4] });
    const m = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor });
    expect(() => buildFlipAveraging(m)).toThrow(/image input/);
  });
});
