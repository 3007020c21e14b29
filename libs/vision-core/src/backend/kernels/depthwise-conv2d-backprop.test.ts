import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import {
  expectResultsClose,
  expectWasmMatchesCpu,
  prepareBackends,
  runOn,
  seededRandom,
  seededTensor,
  seededValues,
} from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
// The cpu backend's depthwise backprop kernels ignore dilations, and tfjs-core's depthwiseConv2d
// gradient rejects them, so the reference for a dilated filter is the undilated gradient (on cpu)
// of the same filter with zeros inserted between its taps; the kernels are called directly.
describe('DepthwiseConv2dNativeBackpropFilter/Input on wasm', () => {
  beforeAll(prepareBackends);

  it('match the reference on random shapes, multipliers, strides, dilations and paddings', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = seededRandom(seed * 601);
      const [n, h, w, c, m] = [r.int(1, 2), r.int(3, 9), r.int(3, 9), r.int(1, 4), r.pick([1, 1, 2])];
      const dilated = r.int(0, 2) === 0;
      const strides: [number, number] = dilated ? [1, 1] : [r.int(1, 2), r.int(1, 2)];
      const dilations: [number, number] = dilated ? [r.int(1, 2), 2] : [1, 1];
      const [kh, kw] = [r.int(1, 3), r.int(1, 3)];
      const pad = r.pick(['same', 'valid'] as const);
      const label = JSON.stringify({ n, h, w, c, m, kh, kw, strides, dilations, pad });
      const [ekh, ekw] = [(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1];
      if (pad === 'valid' && (ekh > h || ekw > w)) continue;
      const filterValues = seededValues(kh * kw * c * m, seed + 1);
      const dilatedValues = new Float32Array(ekh * ekw * c * m);
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const from = (i * kw + j) * c * m;
          dilatedValues.set(
            filterValues.subarray(from, from + c * m),
            (i * dilations[0] * ekw + j * dilations[1]) * c * m,
          );
        }
      }
      const dyFor = (x: tf.Tensor4D, f: tf.Tensor4D) =>
        seededTensor(tf.depthwiseConv2d(x, f, strides, pad, 'NHWC', dilations).shape, seed + 2);
      const actual = await runOn('wasm', () => {
        const x = seededTensor([n, h, w, c], seed) as tf.Tensor4D;
        const filter = tf.tensor4d(filterValues, [kh, kw, c, m]);
        const dy = dyFor(x, filter);
        const attrs = { strides, dilations, pad };
        return [
          tf
            .engine()
            .runKernel(
              'DepthwiseConv2dNativeBackpropInput',
              { dy, filter },
              { ...attrs, inputShape: x.shape },
            ),
          tf
            .engine()
            .runKernel(
              'DepthwiseConv2dNativeBackpropFilter',
              { x, dy },
              { ...attrs, filterShape: filter.shape },
            ),
        ] as tf.Tensor[];
      });
      const expected = await runOn('cpu', () => {
        const x = seededTensor([n, h, w, c], seed) as tf.Tensor4D;
        const filter = tf.tensor4d(filterValues, [kh, kw, c, m]);
        const wide = tf.tensor4d(dilatedValues, [ekh, ekw, c, m]);
        const dy = dyFor(x, filter);
        const loss = (a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad), dy));
        const [dx, dWide] = tf.grads(loss)([x, wide]);
        return [dx, tf.stridedSlice(dWide, [0, 0, 0, 0], dWide.shape, [dilations[0], dilations[1], 1, 1])];
      });
      expectResultsClose(label, actual, expected);
    }
  });

  it('give the same gradients as cpu through tf.grads (MobileNet-style 3x3, stride 2)', async () => {
    await expectWasmMatchesCpu('3x3 s2 same', () => {
      const x = seededTensor([2, 7, 8, 3], 1) as tf.Tensor4D;
      const filter = seededTensor([3, 3, 3, 1], 2) as tf.Tensor4D;
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')));
      return tf.grads(f)([x, filter]);
    });
  });
});
