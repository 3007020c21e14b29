import * as tf from '@tensorflow/tfjs';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import { beforeAll, describe, expect, it } from 'vitest';

import { recomputeBatchNormStatistics } from './precise-batch-norm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function batchesOf(images: tf.Tensor4D, size: number) {
  return async function* () {
    for (let start = 0; start < images.shape[0]; start += size) {
      const n = Math.min(size, images.shape[0] - start);
      yield images.slice([start, 0, 0, 0], [n, -1, -1, -1]) as tf.Tensor4D;
    }
  };
}

/** Per-channel mean and population variance of a [..., C] tensor. */
function moments(x: tf.Tensor): { mean: number[]; variance: number[] } {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return { mean: Array.from(mean.dataSync()), variance: Array.from(variance.dataSync()) };
}

describe('recomputeBatchNormStatistics', () => {
  it('sets every BatchNorm layer to the exact statistics of its input at inference, in graph order', async () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 3 });
    const images = tf.randomUniform([40, 16, 16, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    const updated = await recomputeBatchNormStatistics(model, batchesOf(images, 16));
    const bnLayers = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
    expect(updated).toEqual(bnLayers.map((l) => l.name));
    expect(updated.length).toBeGreaterThan(3);
    // With the final statistics in place, every layer's input over all 40 images (batches of 16,
    // 16 and 8) has exactly the moments the layer stores.
    for (const layer of bnLayers) {
      const probe = tf.model({ inputs: model.inputs, outputs: layer.input as tf.SymbolicTensor });
      const expected = moments(probe.predict(images) as tf.Tensor);
      const weights = layer.getWeights();
      const stored = {
        mean: Array.from(weights[weights.length - 2].dataSync()),
        variance: Array.from(weights[weights.length - 1].dataSync()),
      };
      stored.mean.forEach((m, c) => expect(m).toBeCloseTo(expected.mean[c], 4));
      stored.variance.forEach((v, c) => expect(v).toBeCloseTo(expected.variance[c], 4));
    }
  });

  it('refuses an empty image set', async () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 3 });
    await expect(
      recomputeBatchNormStatistics(model, async function* () {
        // no batches
      }),
    ).rejects.toThrow('no images to compute the BatchNorm statistics from');
  });
});
