import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelSmoothingTargets } from './label-smoothing';
import { useCpuBackend } from './tiny-model.test-support';

beforeAll(useCpuBackend);

const xs = tf.zeros([2, 4, 4, 1]) as tf.Tensor4D;

describe('labelSmoothingTargets', () => {
  it('moves epsilon of every one-hot row evenly onto all K classes', async () => {
    const ys = tf.tensor2d([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    const rows = (await labelSmoothingTargets(0.2)(xs, ys).array()) as number[][];
    expect(rows[0][0]).toBeCloseTo(0.05, 6);
    expect(rows[0][1]).toBeCloseTo(0.85, 6);
    expect(rows[1][0]).toBeCloseTo(0.85, 6);
    for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('smooths the targets of an inner replacement (distillation) rather than the labels', async () => {
    const ys = tf.tensor2d([[1, 0]]);
    const inner = () => tf.tensor2d([[0.5, 0.5]]);
    expect(((await labelSmoothingTargets(0.5, inner)(xs, ys).array()) as number[][])[0]).toEqual([0.5, 0.5]);
    const skewed = () => tf.tensor2d([[0.9, 0.1]]);
    const [[a, b]] = (await labelSmoothingTargets(0.2, skewed)(xs, ys).array()) as number[][];
    expect(a).toBeCloseTo(0.82, 6);
    expect(b).toBeCloseTo(0.18, 6);
  });

  it('is the identity at 0 and refuses epsilon outside [0, 1)', async () => {
    const ys = tf.tensor2d([[0, 1, 0]]);
    expect(await labelSmoothingTargets(0)(xs, ys).array()).toEqual([[0, 1, 0]]);
    expect(() => labelSmoothingTargets(1)).toThrow(/label smoothing must be at least 0 and below 1, got 1/);
    expect(() => labelSmoothingTargets(-0.1)).toThrow(/got -0.1/);
    expect(() => labelSmoothingTargets(Number.NaN)).toThrow(/got NaN/);
  });
});
