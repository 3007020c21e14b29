import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildLesionResnet, LESION_RESNET_FEATURE_LAYER } from './lesion-resnet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildLesionResnet', () => {
  it('outputs a probability distribution over the classes', () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    const probs = tf.tidy(() => (model.predict(tf.randomUniform([3, 16, 16, 3])) as tf.Tensor).arraySync() as number[][]);
    expect(probs).toHaveLength(3);
    for (const row of probs) {
      expect(row).toHaveLength(7);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    model.dispose();
  });

  it('downsamples once per stage after the stem pool and exposes the feature map for Grad-CAM', () => {
    const model = buildLesionResnet({ inputSize: 32, baseFilters: 4, stages: 3 });
    // 32 → pool 16 → stride-2 stages 8 → 4, filters 4 · 2^2.
    expect(model.getLayer(LESION_RESNET_FEATURE_LAYER).outputShape).toEqual([null, 4, 4, 16]);
    expect(model.getLayer('stage1_proj')).toBeDefined();
    expect(model.getLayer('stage2_b_bn').getConfig().momentum).toBe(0.9);
    model.dispose();
  });

  it('refuses an input size the stages cannot halve', () => {
    expect(() => buildLesionResnet({ inputSize: 20, stages: 4 })).toThrow(/divisible by 2\^stages = 16/);
  });
});
