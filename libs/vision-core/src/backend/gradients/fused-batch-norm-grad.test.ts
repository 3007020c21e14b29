import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import {
  expectResultsClose,
  prepareBackends,
  runOn,
  seededRandom,
  seededTensor,
} from '../testing/cpu-reference';

const EPS = 1e-3;

// Batch norm spelled out in elementary ops: its autodiff gradient (tfjs-core's gradients of sub,
// mul, rsqrt, add) is the independent reference for the registered batch-norm gradient.
function composite(x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, offset: tf.Tensor, scale: tf.Tensor) {
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPS))), scale), offset);
}

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |reference|)), see testing/cpu-reference.ts.
describe('lean FusedBatchNorm gradient', () => {
  beforeAll(prepareBackends);

  it('equals the autodiff gradient of the spelled-out formula, for x, mean, variance, scale and offset', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const r = seededRandom(seed * 1301);
      const shape = [r.int(1, 3), r.int(1, 5), r.int(1, 5), r.int(1, 6)].slice(4 - r.int(2, 4));
      const c = shape[shape.length - 1];
      const run = (batchNorm: typeof composite) => () => {
        const x = seededTensor(shape, seed);
        const mean = seededTensor([c], seed + 1);
        const variance = tf.add(tf.abs(seededTensor([c], seed + 2)), 0.5);
        const offset = seededTensor([c], seed + 3);
        const scale = seededTensor([c], seed + 4);
        const weights = seededTensor(shape, seed + 5);
        const loss = (...args: tf.Tensor[]) =>
          tf.sum(tf.mul(batchNorm(args[0], args[1], args[2], args[3], args[4]), weights));
        return tf.grads(loss)([x, mean, variance, offset, scale]);
      };
      const registered = (x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) =>
        tf.batchNorm(x, m, v, o, s, EPS);
      const label = JSON.stringify({ shape });
      expectResultsClose(label, await runOn('wasm', run(registered)), await runOn('cpu', run(composite)));
    }
  });

  it('equals the reference in training mode (statistics from the batch itself, as tfjs-layers does)', async () => {
    const run = (batchNorm: typeof composite) => () => {
      const x = seededTensor([4, 5, 6, 3], 9);
      const offset = seededTensor([3], 10);
      const scale = seededTensor([3], 11);
      const weights = seededTensor([4, 5, 6, 3], 12);
      const loss = (a: tf.Tensor, o: tf.Tensor, s: tf.Tensor) => {
        const { mean, variance } = tf.moments(a, [0, 1, 2]);
        return tf.sum(tf.mul(batchNorm(a, mean, variance, o, s), weights));
      };
      return tf.grads(loss)([x, offset, scale]);
    };
    const registered = (x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) =>
      tf.batchNorm(x, m, v, o, s, EPS);
    expectResultsClose('moments', await runOn('wasm', run(registered)), await runOn('cpu', run(composite)));
  });

  it('keeps tfjs-core formulas for broadcast-shaped statistics', async () => {
    const run = (batchNorm: typeof composite) => () => {
      const x = seededTensor([2, 3, 3, 4], 13);
      const mean = seededTensor([1, 1, 1, 4], 14);
      const variance = tf.add(tf.abs(seededTensor([1, 1, 1, 4], 15)), 0.5);
      const loss = (a: tf.Tensor) =>
        tf.sum(tf.square(batchNorm(a, mean, variance, tf.zeros([1, 1, 1, 4]), tf.ones([1, 1, 1, 4]))));
      return [tf.grad(loss)(x)];
    };
    const registered = (x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) =>
      tf.batchNorm(x, m, v, o, s, EPS);
    expectResultsClose(
      '[1,1,1,C] stats',
      await runOn('wasm', run(registered)),
      await runOn('cpu', run(composite)),
    );
  });
});
