import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe('Mean on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random shapes and axis sets, with and without keepDims', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = seededRandom(seed * 1103);
      const rank = r.int(1, 4);
      const shape = Array.from({ length: rank }, () => r.int(1, 6));
      const axes = [...new Set(Array.from({ length: r.int(1, rank) }, () => r.int(0, rank - 1)))];
      const keepDims = r.int(0, 1) === 1;
      await expectWasmMatchesCpu(JSON.stringify({ shape, axes, keepDims }), () => {
        const x = seededTensor(shape, seed);
        return [
          tf.mean(x, axes, keepDims),
          tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.mean(a, axes, keepDims))))(x),
        ];
      });
    }
  });

  it('computes batch-norm moments and global average pooling like cpu', async () => {
    await expectWasmMatchesCpu('moments over [0,1,2], GAP over [1,2]', () => {
      const x = seededTensor([8, 9, 7, 6], 3);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return [mean, variance, tf.mean(x, [1, 2])];
    });
  });
});
