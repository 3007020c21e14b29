import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildSeed000Cnn } from './seed000-cnn';
import { buildSeed003Cnn } from './seed003-cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightCount = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b as number), 1), 0);

describe('seed-000 CNN', () => {
  it('has the recorded stages and 2,439,463 parameters', () => {
    const model = buildSeed000Cnn();
    // conv 5x5x1x32 + 4x4x32x32 + 5x5x32x64 (no bias), BN 4x(32+32+64+1024), FC 2304x1024, softmax 1024x7+7
    expect(model.countParams()).toBe(800 + 16384 + 51200 + 4 * (32 + 32 + 64 + 1024) + 2304 * 1024 + 1024 * 7 + 7);
    expect(model.countParams()).toBe(2_439_463);
    expect(model.getLayer('pool3').outputShape).toEqual([null, 6, 6, 64]);
    expect(model.getLayer('fc1024_dropout').getConfig().rate).toBe(0.3);
    expect(model.outputs[0].shape).toEqual([null, 7]);
  });

  it('runs a forward pass to softmax rows', () => {
    const model = buildSeed000Cnn({ numClasses: 4 });
    const out = model.predict(tf.randomUniform([2, 48, 48, 1])) as tf.Tensor;
    expect(out.shape).toEqual([2, 4]);
    const sums = Array.from(out.sum(1).dataSync());
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
  });
});

describe('seed-003 CNN', () => {
  it('matches the recorded parameter counts: 3,931,975 (FER2013) and 4,062,535 (CK+)', () => {
    const fer = buildSeed003Cnn();
    expect(fer.countParams()).toBe(3_931_975);
    expect(weightCount(fer.trainableWeights)).toBe(3_929_031);
    expect(buildSeed003Cnn({ variant: 'ckplus' }).countParams()).toBe(4_062_535);
    expect(fer.getLayer('block4_pool').outputShape).toEqual([null, 3, 3, 512]);
  });

  it('square 3x3 kernels give the ~7.05M network the text describes', () => {
    expect(buildSeed003Cnn({ kernels: 'square' }).countParams()).toBe(7_053_511);
  });

  it('runs a forward pass', () => {
    const out = buildSeed003Cnn({ variant: 'ckplus' }).predict(tf.zeros([1, 48, 48, 1])) as tf.Tensor;
    expect(out.shape).toEqual([1, 7]);
  });
});
