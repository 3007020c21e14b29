import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import {
  expectResultsClose,
  prepareBackends,
  runOn,
  seededRandom,
  seededTensor,
} from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |reference|)), see testing/cpu-reference.ts.
// Reference: the autodiff gradient of sum(x, axes) / n (tfjs-core's Sum gradient).
describe('lean Mean gradient', () => {
  beforeAll(prepareBackends);

  it('equals the gradient of sum / count on random shapes and axes', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = seededRandom(seed * 1409);
      const rank = r.int(1, 4);
      const shape = Array.from({ length: rank }, () => r.int(1, 5));
      const axes = [...new Set(Array.from({ length: r.int(1, rank) }, () => r.int(0, rank - 1)))];
      const keepDims = r.int(0, 1) === 1;
      const count = axes.reduce((n, a) => n * shape[a], 1);
      const run = (reduce: (x: tf.Tensor) => tf.Tensor) => () => {
        const x = seededTensor(shape, seed);
        const weights = seededTensor(reduce(x).shape, seed + 1);
        return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(reduce(a), weights)))(x)];
      };
      expectResultsClose(
        JSON.stringify({ shape, axes, keepDims }),
        await runOn(
          'wasm',
          run((x) => tf.mean(x, axes, keepDims)),
        ),
        await runOn(
          'cpu',
          run((x) => tf.div(tf.sum(x, axes, keepDims), count)),
        ),
      );
    }
  });
});
