import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe('AvgPoolGrad on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random windows, strides and paddings', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 809);
      const [n, h, w, c] = [r.int(1, 2), r.int(2, 9), r.int(2, 9), r.int(1, 5)];
      const filter: [number, number] = [r.int(1, Math.min(3, h)), r.int(1, Math.min(3, w))];
      const strides: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const pad = r.pick(['same', 'valid'] as const);
      await expectWasmMatchesCpu(JSON.stringify({ n, h, w, c, filter, strides, pad }), () => {
        const x = seededTensor([n, h, w, c], seed) as tf.Tensor4D;
        const dy = seededTensor(tf.avgPool(x, filter, strides, pad).shape, seed + 1);
        return [tf.grad((a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, filter, strides, pad))(x, dy)];
      });
    }
  });
});
