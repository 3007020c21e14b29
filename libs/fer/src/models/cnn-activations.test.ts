import * as tf from '@tensorflow/tfjs';
import { createRasterImage } from '@visioncad/vision-core/image';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildCnnActivations, cnnActivationRows } from './cnn-activations';
import { buildFlipAveraging } from './flip-averaging';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small CNN on 8x8 gray faces with named layers, nested in a wrapper as shipped models are. */
function nestedCnn() {
  const input = tf.input({ shape: [8, 8, 1] });
  const conv = tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'conv' }).apply(input);
  const flat = tf.layers.flatten({ name: 'flat' }).apply(conv);
  const fc = tf.layers.dense({ units: 4, activation: 'relu', name: 'fc' }).apply(flat);
  const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'head' }).apply(fc);
  const cnn = tf.model({ inputs: input, outputs: out as tf.SymbolicTensor, name: 'cnn' });
  const outer = tf.input({ shape: [8, 8, 1] });
  return { cnn, wrapper: tf.model({ inputs: outer, outputs: cnn.apply(outer) as tf.SymbolicTensor }) };
}

const face = (k: number) =>
  createRasterImage(8, 8, 1, Uint8Array.from({ length: 64 }, (_, p) => (p * 37 + k * 11) % 256));

describe('CNN activations as features', () => {
  it("concatenates the named layers' flattened outputs, found inside a nested network", async () => {
    const { cnn, wrapper } = nestedCnn();
    const extractor = buildCnnActivations(wrapper, ['conv', 'fc'], false);
    const faces = [face(1), face(2), face(3)];
    const rows = await cnnActivationRows(extractor, faces, 2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveLength(6 * 6 * 2 + 4);
    const x = tf.tensor4d(Float32Array.from(faces[2].data, (v) => v / 255), [1, 8, 8, 1]);
    const fc = tf.model({ inputs: cnn.inputs, outputs: cnn.getLayer('fc').output as tf.SymbolicTensor });
    const expected = (fc.predict(x) as tf.Tensor).dataSync();
    Array.from(rows[2].subarray(72)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('with flip, averages the activations of the face and its mirror image', async () => {
    const { wrapper } = nestedCnn();
    const plain = buildCnnActivations(wrapper, ['fc'], false);
    const [flipped] = await cnnActivationRows(buildCnnActivations(wrapper, ['fc'], true), [face(4)]);
    const expected = await cnnActivationRows(buildFlipAveraging(plain), [face(4)]);
    expect(Array.from(flipped)).toEqual(Array.from(expected[0]));
  });

  it('names a missing layer, the model and its layers, and a face of the wrong size', async () => {
    const { wrapper } = nestedCnn();
    expect(() => buildCnnActivations(wrapper, ['fc1024_relu'], false, 'models/x')).toThrow(
      /models\/x has no layer "fc1024_relu"; its layers: /,
    );
    expect(() => buildCnnActivations(wrapper, [], false, 'models/x')).toThrow(/models\/x: name at least one layer/);
    const extractor = buildCnnActivations(wrapper, ['fc'], false);
    await expect(cnnActivationRows(extractor, [face(1), createRasterImage(9, 8, 1)])).rejects.toThrow(
      /face 1 is 9x8x1; the CNN takes 8x8x1/,
    );
  });
});
