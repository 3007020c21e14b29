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
// tfjs-core's conv2d gradient rejects dilations > 1, so the input gradient has none.
describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random shapes, strides and paddings (input gradient)', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 211);
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
        return [tf.grad((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, filter, strides, pad))(x, dy)];
      });
    }
  });

  it('matches the cpu backend as the forward pass of conv2dTranspose', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const r = seededRandom(seed * 307);
      const [h, w, cin, cout, k, stride] = [
        r.int(2, 6),
        r.int(2, 6),
        r.int(1, 4),
        r.int(1, 4),
        r.int(1, 3),
        r.int(1, 3),
      ];
      const pad = r.pick(['same', 'valid'] as const);
      const outShape: [number, number, number, number] =
        pad === 'same'
          ? [2, h * stride, w * stride, cout]
          : [2, (h - 1) * stride + k, (w - 1) * stride + k, cout];
      await expectWasmMatchesCpu(JSON.stringify({ h, w, cin, cout, k, stride, pad }), () => [
        tf.conv2dTranspose(
          seededTensor([2, h, w, cin], seed) as tf.Tensor4D,
          seededTensor([k, k, cout, cin], seed + 1) as tf.Tensor4D,
          outShape,
          stride,
          pad,
        ),
      ]);
    }
  });
});
