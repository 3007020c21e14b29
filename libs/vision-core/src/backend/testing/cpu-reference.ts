// Test support: runs the same computation on the cpu backend (the reference) and on wasm with the
// training kernels, on identical inputs, and compares. Not exported from the barrels.
// '@tensorflow/tfjs' (not tfjs-core alone) registers the gradient functions tf.grads needs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels';

/**
 * Tolerance of every kernel test: max |wasm - cpu| <= 1e-4 * max(1, max |cpu|). XNNPACK sums in
 * float32 in a different order than the cpu backend (float64 JS numbers); measured errors are
 * about 1e-6 on these sizes, so 1e-4 flags real mistakes, which show up as O(1) differences.
 */
export const KERNEL_TOLERANCE = 1e-4;

/** Makes both backends ready and the training kernels registered (once per test file). */
export async function prepareBackends(): Promise<void> {
  registerTrainingKernels();
  for (const name of ['cpu', 'wasm']) {
    if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' failed to start`);
  }
}

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

export interface Result {
  shape: number[];
  values: Float32Array;
}

/** Runs `fn` on one backend and copies every tensor it returns out of that backend. */
export async function runOn(backend: 'cpu' | 'wasm', fn: () => tf.Tensor[]): Promise<Result[]> {
  await tf.setBackend(backend);
  return tf.tidy(fn).map((t) => {
    const result = { shape: t.shape, values: Float32Array.from(t.dataSync()) };
    t.dispose();
    return result;
  });
}

/** Asserts `fn` gives the same shapes and (within KERNEL_TOLERANCE) values on wasm as on cpu. */
export async function expectWasmMatchesCpu(label: string, fn: () => tf.Tensor[]): Promise<void> {
  expectResultsClose(label, await runOn('wasm', fn), await runOn('cpu', fn));
}

/** Asserts equal shapes and values within KERNEL_TOLERANCE. */
export function expectResultsClose(label: string, actual: Result[], expected: Result[]): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((a, i) => {
    expect(a.shape, `${label} output ${i} shape`).toEqual(expected[i].shape);
    expect(relativeError(a.values, expected[i].values), `${label} output ${i}`).toBeLessThanOrEqual(
      KERNEL_TOLERANCE,
    );
  });
}

/** Deterministic uniform [-1, 1) values (mulberry32), so a failing case can be replayed. */
export function seededValues(size: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** A seeded random source for picking test shapes. */
export function seededRandom(seed: number): { int(lo: number, hi: number): number; pick<T>(xs: T[]): T } {
  const values = seededValues(256, seed);
  let next = 0;
  const unit = () => (values[next++ % values.length] + 1) / 2;
  return {
    int: (lo, hi) => lo + Math.min(hi - lo, Math.floor(unit() * (hi - lo + 1))),
    pick: (xs) => xs[Math.min(xs.length - 1, Math.floor(unit() * xs.length))],
  };
}

/** A 'same', 'valid' or explicit NHWC padding, chosen by `random`. */
export function randomPadding(random: ReturnType<typeof seededRandom>): 'same' | 'valid' | ExplicitPadding {
  const kind = random.int(0, 2);
  if (kind === 0) return 'same';
  if (kind === 1) return 'valid';
  return [
    [0, 0],
    [random.int(0, 2), random.int(0, 2)],
    [random.int(0, 2), random.int(0, 2)],
    [0, 0],
  ];
}

/** A tensor of seeded values. */
export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
  );
}

/** Largest |a - b| relative to max(1, largest |b|); Infinity for length mismatch or NaN. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (Number.isNaN(d)) return Infinity;
    maxDiff = Math.max(maxDiff, d);
    maxRef = Math.max(maxRef, Math.abs(expected[i]));
  }
  return maxDiff / Math.max(maxRef, 1);
}
