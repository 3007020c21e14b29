import * as tf from '@tensorflow/tfjs';
import { buildAveragingEnsemble } from '@visioncad/vision-core/ensemble';
import { gradCam } from '@visioncad/vision-core/explain';
import { roundTrip } from '@visioncad/vision-core/models/round-trip.test-support';
import { beforeAll, describe, expect, it } from 'vitest';

import { classifyWithGradCam, gradCamHead } from './classify-with-grad-cam';
import { pooledFeatures } from './pooled-features';
import { buildLesionResnet } from './lesion-resnet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomInput(size: number, seed: number): tf.Tensor4D {
  return tf.randomUniform([1, size, size, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
}

describe('classifyWithGradCam', () => {
  it('gives the same probabilities as predict and the same map as vision-core gradCam (chain head)', () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 5 });
    expect(gradCamHead(model)).toEqual(['gap', 'dropout', 'diagnosis']);
    for (const seed of [1, 2, 3]) {
      const input = randomInput(16, seed);
      const pass = classifyWithGradCam(model, input);
      const predicted = (model.predict(input) as tf.Tensor).dataSync();
      [...pass.probabilities].forEach((p, i) => expect(p).toBeCloseTo(predicted[i], 6));
      const reference = gradCam(model, input);
      expect(pass.heatMap!.classIndex).toBe(reference.classIndex);
      expect([pass.heatMap!.width, pass.heatMap!.height]).toEqual([16, 16]);
      let maxDiff = 0;
      reference.data.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - pass.heatMap!.data[i]))));
      expect(maxDiff).toBeLessThan(1e-4);
      expect(pass.timingsMs.forward).toBeGreaterThanOrEqual(0);
    }
  });

  it('serves a saved averaging ensemble of classifiers: its probabilities and vision-core’s ensemble Grad-CAM', async () => {
    // Two independently initialised networks of one architecture.
    const resnet = () => buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 5 });
    const ensemble = await roundTrip(buildAveragingEnsemble([resnet(), resnet()], 'lesion_ensemble', [2, 1]));
    expect(gradCamHead(ensemble)).toBeNull();
    for (const seed of [6, 7]) {
      const input = randomInput(16, seed);
      const pass = classifyWithGradCam(ensemble, input);
      const predicted = (ensemble.predict(input) as tf.Tensor).dataSync();
      [...pass.probabilities].forEach((p, i) => expect(p).toBeCloseTo(predicted[i], 6));
      const reference = gradCam(ensemble, input);
      expect(pass.heatMap!.classIndex).toBe(reference.classIndex);
      let maxDiff = 0;
      reference.data.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - pass.heatMap!.data[i]))));
      expect(maxDiff).toBeLessThan(1e-4);
      expect(Math.max(...pass.heatMap!.data)).toBeCloseTo(1, 6);
    }
  });

  it('falls back to vision-core gradCam when the layers after the feature map are not a chain', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(conv) as tf.SymbolicTensor;
    const maxed = tf.layers.globalMaxPooling2d({}).apply(conv) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate().apply([pooled, maxed]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(joined) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const x = randomInput(8, 4);
    expect(gradCamHead(model)).toBeNull();
    const pass = classifyWithGradCam(model, x);
    const reference = gradCam(model, x);
    reference.data.forEach((v, i) => expect(pass.heatMap!.data[i]).toBeCloseTo(v, 5));
  });

  it('skips the map when not asked for', () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 3 });
    const pass = classifyWithGradCam(model, randomInput(16, 5), { heatMap: false });
    expect(pass.heatMap).toBeNull();
    expect(pass.probabilities).toHaveLength(3);
  });

  it('returns the pooled features of a named layer: from the same pass at the Grad-CAM layer, else its own', () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 3 });
    const input = randomInput(16, 9);
    expect(classifyWithGradCam(model, input).pooled).toBeNull();
    const spatial = model.layers.filter((l) => (l.outputShape as number[]).length === 4).map((l) => l.name);
    for (const layer of [spatial.at(-1)!, spatial[1]]) {
      const expected = pooledFeatures(model, layer, input)[0];
      for (const heatMap of [true, false]) {
        const pooled = classifyWithGradCam(model, input, { heatMap, pooled: layer }).pooled!;
        expect(pooled).toHaveLength(expected.length);
        pooled.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
      }
    }
    expect(() => classifyWithGradCam(model, input, { pooled: 'nope' })).toThrow(/the classifier has no layer "nope"/);
  });
});
