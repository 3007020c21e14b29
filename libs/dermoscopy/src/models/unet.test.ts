import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildUnet } from './unet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildUnet', () => {
  it('maps an RGB image to a same-size sigmoid mask', () => {
    const model = buildUnet({ inputSize: 32, depth: 2, baseFilters: 4 });
    expect(model.inputs[0].shape).toEqual([null, 32, 32, 3]);
    expect(model.outputs[0].shape).toEqual([null, 32, 32, 1]);
    const out = tf.tidy(() => (model.predict(tf.randomUniform([2, 32, 32, 3])) as tf.Tensor).dataSync());
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
    model.dispose();
  });

  it('has one encoder block per level and skip concatenations at every level', () => {
    const model = buildUnet({ inputSize: 32, depth: 3, baseFilters: 4 });
    const names = model.layers.map((l) => l.name);
    expect(names.filter((n) => /^enc\d_pool$/.test(n))).toHaveLength(3);
    expect(names.filter((n) => /^dec\d_concat$/.test(n))).toHaveLength(3);
    expect(model.getLayer('bottleneck_conv2').getWeights()[0].shape).toEqual([3, 3, 32, 32]);
    model.dispose();
  });

  it('refuses an input size the pooling cannot halve depth times', () => {
    expect(() => buildUnet({ inputSize: 40, depth: 4 })).toThrow(/divisible by 2\^depth = 16/);
  });
});
