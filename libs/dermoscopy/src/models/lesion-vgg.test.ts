import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { gradCamHead } from './classify-with-grad-cam';
import { buildLesionVgg, LESION_VGG_FEATURE_LAYER } from './lesion-vgg';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildLesionVgg', () => {
  it('outputs a probability distribution over the classes', () => {
    const model = buildLesionVgg({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    const probs = tf.tidy(() => (model.predict(tf.randomUniform([3, 16, 16, 3])) as tf.Tensor).arraySync() as number[][]);
    expect(probs).toHaveLength(3);
    for (const row of probs) {
      expect(row).toHaveLength(7);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    model.dispose();
  });

  it('stacks two convolutions per stage, halves the resolution per stage and names the feature map', () => {
    const model = buildLesionVgg({ inputSize: 32, baseFilters: 4, stages: 3 });
    // Feature map before the last pool: 32 → 16 → 8, filters 4 · 2^2.
    expect(model.getLayer(LESION_VGG_FEATURE_LAYER).outputShape).toEqual([null, 8, 8, 16]);
    expect(model.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(6);
    expect(model.layers.some((l) => l.getClassName() === 'Add')).toBe(false);
    // analyze()'s single-pass Grad-CAM applies to it.
    expect(gradCamHead(model)).toEqual(['gap', 'dropout', 'diagnosis']);
    model.dispose();
  });

  it('refuses an input size the stages cannot halve', () => {
    expect(() => buildLesionVgg({ inputSize: 20, stages: 4 })).toThrow(/divisible by 2\^stages = 16/);
  });
});
