import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe('BatchMatMul on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend for every transpose combination, unbatched and batched', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 1201);
      const [m, k, n] = [r.int(1, 9), r.int(1, 9), r.int(1, 9)];
      const [transposeA, transposeB] = [r.int(0, 1) === 1, r.int(0, 1) === 1];
      const batch = r.pick([[], [], [1], [3]]);
      const aShape = [...batch, ...(transposeA ? [k, m] : [m, k])];
      const bShape = [...batch, ...(transposeB ? [n, k] : [k, n])];
      await expectWasmMatchesCpu(JSON.stringify({ aShape, bShape, transposeA, transposeB }), () => {
        const a = seededTensor(aShape, seed);
        const b = seededTensor(bShape, seed + 1);
        const product = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, transposeA, transposeB);
        return [product(a, b), ...tf.grads(product)([a, b], seededTensor(product(a, b).shape, seed + 2))];
      });
    }
  });
});
