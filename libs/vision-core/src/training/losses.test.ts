import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryCrossEntropy, categoricalCrossEntropy, diceLoss } from './losses';
import { useCpuBackend } from './tiny-model.test-support';

beforeAll(useCpuBackend);

const value = (t: tf.Scalar): number => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

describe('losses', () => {
  it('categorical cross-entropy: mean of -log p(true class), weighted per sample', () => {
    const y = tf.tensor2d([
      [0, 1],
      [1, 0],
    ]);
    const p = tf.tensor2d([
      [0.2, 0.8],
      [0.6, 0.4],
    ]);
    const expected = (-Math.log(0.8) - Math.log(0.6)) / 2;
    expect(value(categoricalCrossEntropy(y, p))).toBeCloseTo(expected, 6);
    const w = tf.tensor1d([2, 0.5]);
    expect(value(categoricalCrossEntropy(y, p, { sampleWeights: w }))).toBeCloseTo(
      (-2 * Math.log(0.8) - 0.5 * Math.log(0.6)) / 2,
      6,
    );
    // Logits whose softmax is p give the same loss.
    expect(value(categoricalCrossEntropy(y, tf.log(p) as tf.Tensor2D, { fromLogits: true }))).toBeCloseTo(
      expected,
      6,
    );
  });

  it('categorical cross-entropy stays finite for a confidently wrong prediction', () => {
    const loss = value(categoricalCrossEntropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 1]])));
    expect(loss).toBeCloseTo(-Math.log(1e-7), 3);
  });

  it('binary cross-entropy from probabilities and from logits', () => {
    const y = tf.tensor2d([[1, 0]]);
    const expected = (-Math.log(0.9) - Math.log(1 - 0.3)) / 2;
    expect(value(binaryCrossEntropy(y, tf.tensor2d([[0.9, 0.3]])))).toBeCloseTo(expected, 6);
    const logit = (p: number): number => Math.log(p / (1 - p));
    expect(
      value(binaryCrossEntropy(y, tf.tensor2d([[logit(0.9), logit(0.3)]]), { fromLogits: true })),
    ).toBeCloseTo(expected, 6);
  });

  it('soft Dice loss per image', () => {
    // 1 - (2 * 1.5 + 1) / (2 + 1.5 + 1)
    const loss = value(diceLoss(tf.tensor2d([[1, 1, 0, 0]]), tf.tensor2d([[1, 0.5, 0, 0]])));
    expect(loss).toBeCloseTo(1 - 4 / 4.5, 6);
    expect(value(diceLoss(tf.tensor2d([[0, 0]]), tf.tensor2d([[0, 0]])))).toBeCloseTo(0, 6);
  });
});
