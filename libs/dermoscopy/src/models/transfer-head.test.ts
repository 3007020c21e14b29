import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildLesionResnet } from './lesion-resnet';
import { transferClassifier } from './transfer-head';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('transferClassifier', () => {
  it('keeps the source trunk and its weights and puts a new softmax head on the pooled features', () => {
    const source = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    const model = transferClassifier(source, 3);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    const stem = source.getLayer('stem_conv').getWeights()[0];
    const shared = model.getLayer('stem_conv').getWeights()[0];
    expect(tf.max(tf.abs(tf.sub(stem, shared))).dataSync()[0]).toBe(0);
    // The source's 7-class head is not part of the new model.
    expect(model.layers.map((l) => l.name)).not.toContain('diagnosis');
    const probs = (model.predict(tf.randomUniform([2, 16, 16, 3])) as tf.Tensor).arraySync() as number[][];
    for (const row of probs) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('names the problem with a bad feature layer or class count', () => {
    const source = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    expect(() => transferClassifier(source, 3, { featureLayer: 'nope' })).toThrow(/no layer "nope"/);
    expect(() => transferClassifier(source, 3, { featureLayer: 'features' })).toThrow(/not a \[batch, features\] vector/);
    expect(() => transferClassifier(source, 1)).toThrow(/at least 2 classes/);
  });
});
