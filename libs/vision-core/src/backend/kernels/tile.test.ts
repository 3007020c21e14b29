import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)); tiles are copies, so exact in practice.
describe('Tile on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random ranks, shapes and repetitions (float32, int32, bool)', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 907);
      const rank = r.int(1, 5);
      // tfjs-core's tile gradient stops at rank 4; rank 5 checks the values only.
      const shape = Array.from({ length: rank }, () => r.int(1, 4));
      const reps = Array.from({ length: rank }, () => r.int(1, 3));
      await expectWasmMatchesCpu(JSON.stringify({ shape, reps }), () => {
        const x = seededTensor(shape, seed);
        return [
          tf.tile(x, reps),
          tf.cast(tf.tile(tf.cast(tf.mul(x, 10), 'int32'), reps), 'float32'),
          tf.cast(tf.tile(tf.greater(x, 0), reps), 'float32'),
          ...(rank <= 4
            ? [tf.grad((a: tf.Tensor) => tf.tile(a, reps))(x, seededTensor(tf.tile(x, reps).shape, seed + 1))]
            : []),
        ];
      });
    }
  });

  it('tiles string tensors (the stock wasm kernel aborts on them)', async () => {
    await tf.setBackend('wasm');
    const tiled = tf.tile(tf.tensor2d(['a', 'b', 'c', 'd'], [2, 2], 'string'), [2, 3]);
    await tf.setBackend('cpu');
    const expected = tf.tile(tf.tensor2d(['a', 'b', 'c', 'd'], [2, 2], 'string'), [2, 3]);
    expect(tiled.shape).toEqual([4, 6]);
    expect(tiled.dataSync()).toEqual(expected.dataSync());
  });

  it('tiles the batch-norm gradient pattern [1,1,1,C] -> [N,H,W,C]', async () => {
    await expectWasmMatchesCpu('[1,1,1,5] x [3,4,6,1]', () => [
      tf.tile(seededTensor([1, 1, 1, 5], 1), [3, 4, 6, 1]),
    ]);
  });
});
