import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe('Sum on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random shapes and axis sets, with and without keepDims', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = seededRandom(seed * 1009);
      const rank = r.int(1, 4);
      const shape = Array.from({ length: rank }, () => r.int(1, 6));
      const axes = [...new Set(Array.from({ length: r.int(1, rank) }, () => r.int(0, rank - 1)))];
      const keepDims = r.int(0, 1) === 1;
      await expectWasmMatchesCpu(JSON.stringify({ shape, axes, keepDims }), () => {
        const x = seededTensor(shape, seed);
        return [
          tf.sum(x, axes, keepDims),
          tf.cast(tf.sum(tf.cast(tf.mul(x, 10), 'int32'), axes, keepDims), 'float32'),
          tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.sum(a, axes, keepDims))))(x),
        ];
      });
    }
  });

  it('sums a long leading-axis reduction (bias gradient) accurately', async () => {
    await expectWasmMatchesCpu('[64*32*33, 3] over axis 0', () => [
      tf.sum(seededTensor([64, 32, 33, 3], 5), [0, 1, 2]),
    ]);
  });
});
