import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { setSimdKernelsEnabled } from '../simd/simd-kernels';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe.each([
  ['SIMD loop', true],
  ['JS loop (engines without wasm SIMD)', false],
])('MaxPoolGrad on wasm, %s', (_, simd) => {
  beforeAll(async () => {
    await prepareBackends();
    setSimdKernelsEnabled(simd);
  });
  afterAll(() => setSimdKernelsEnabled(true));

  it('matches the cpu backend on random windows, strides and paddings', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 701);
      const [n, h, w, c] = [r.int(1, 2), r.int(2, 9), r.int(2, 9), r.int(1, 5)];
      const filter: [number, number] = [r.int(1, Math.min(3, h)), r.int(1, Math.min(3, w))];
      const strides: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const pad = r.pick(['same', 'valid'] as const);
      await expectWasmMatchesCpu(JSON.stringify({ n, h, w, c, filter, strides, pad }), () => {
        const x = seededTensor([n, h, w, c], seed) as tf.Tensor4D;
        const y = tf.maxPool(x, filter, strides, pad);
        const dy = seededTensor(y.shape, seed + 1);
        return [tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, filter, strides, pad))(x, dy)];
      });
    }
  });

  it('sends the gradient of tied maxima to the first one in the window, like cpu', async () => {
    for (const [filter, stride] of [
      [3, 2],
      [2, 2],
      [2, 3],
    ]) {
      await expectWasmMatchesCpu(`relu zeros and repeated values, ${filter}x${filter}/${stride}`, () => {
        const x = tf.relu(tf.round(tf.mul(seededTensor([2, 9, 9, 3], 3), 2))) as tf.Tensor4D;
        const pool = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, filter, stride, 'valid');
        return [tf.grad(pool)(x, seededTensor(pool(x).shape, 4))];
      });
    }
  });
});
