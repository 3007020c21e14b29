import { seededRandom } from '../data/seeded-random';

/**
 * Runs a synchronous function with Math.random replaced by a stream seeded by (seed, ...key).
 *
 * tfjs draws every unseeded random number (weight initializers, Dropout masks, GaussianNoise) from
 * Math.random, and a per-layer `seed` would repeat the same dropout mask on every step. Swapping
 * Math.random only for the duration of a synchronous call is safe: no other JavaScript can run
 * until it returns. Use it to build a model reproducibly; the training loop uses it for each step.
 */
export function withSeededRandom<T>(seed: number, key: (string | number)[], fn: () => T): T {
  const original = Math.random;
  Math.random = seededRandom(seed, 'math-random', ...key);
  try {
    const result = fn();
    if (result instanceof Promise) {
      throw new Error(
        'withSeededRandom needs a synchronous function: an async one would leak the seeded Math.random',
      );
    }
    return result;
  } finally {
    Math.random = original;
  }
}
