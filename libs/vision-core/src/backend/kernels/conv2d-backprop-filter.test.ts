import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import {
  expectWasmMatchesCpu,
  prepareBackends,
  randomPadding,
  seededRandom,
  seededTensor,
} from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
// tfjs-core's conv2d gradient rejects dilations > 1, so the filter gradient has none.
describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random shapes, strides and paddings', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 101);
      const [n, h, w, cin, cout] = [r.int(1, 3), r.int(1, 9), r.int(1, 9), r.int(1, 5), r.int(1, 5)];
      const [kh, kw] = [r.int(1, Math.min(4, h)), r.int(1, Math.min(4, w))];
      const strides: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const pad = randomPadding(r);
      const label = JSON.stringify({ n, h, w, cin, cout, kh, kw, strides, pad });
      await expectWasmMatchesCpu(label, () => {
        const x = seededTensor([n, h, w, cin], seed) as tf.Tensor4D;
        const filter = seededTensor([kh, kw, cin, cout], seed + 1) as tf.Tensor4D;
        const y = tf.conv2d(x, filter, strides, pad);
        const dy = seededTensor(y.shape, seed + 2);
        const dFilter = tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, strides, pad))(filter, dy);
        return [dFilter];
      });
    }
  });

  it('matches the cpu backend on a benchmark-like layer (wide reduction over the batch)', async () => {
    await expectWasmMatchesCpu('16x12x12x8 -> 16', () => {
      const x = seededTensor([16, 12, 12, 8], 7) as tf.Tensor4D;
      const dy = seededTensor([16, 12, 12, 16], 8) as tf.Tensor4D;
      return [filterGradient(x, dy)];
    });
  });
});

function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor {
  return tf
    .engine()
    .runKernel(
      'Conv2DBackpropFilter',
      { x, dy },
      { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 8, 16] },
    ) as tf.Tensor;
}
