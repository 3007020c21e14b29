import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';

import { averageBatchNormStatistics, recomputeBatchNormStatistics } from './batch-norm-statistics';
import { withSeededRandom } from './determinism';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function batchesOf(images: tf.Tensor4D, size: number) {
  return async function* () {
    for (let start = 0; start < images.shape[0]; start += size) {
      const n = Math.min(size, images.shape[0] - start);
      yield tf.slice(images, [start, 0, 0, 0], [n, -1, -1, -1]);
    }
  };
}

/** Per-channel mean and population variance of a [..., C] tensor. */
function moments(x: tf.Tensor): { mean: number[]; variance: number[] } {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return { mean: Array.from(mean.dataSync()), variance: Array.from(variance.dataSync()) };
}

function storedMoments(layer: tfl.layers.Layer): { mean: number[]; variance: number[] } {
  const weights = layer.getWeights();
  return {
    mean: Array.from(weights[weights.length - 2].dataSync()),
    variance: Array.from(weights[weights.length - 1].dataSync()),
  };
}

const apply = (layer: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]) =>
  layer.apply(x) as tfl.SymbolicTensor;

/** Two conv + BatchNorm + ReLU stages with a residual add, then a softmax head. */
function residualNet(): tfl.LayersModel {
  return withSeededRandom(3, ['init'], () => {
    const input = tfl.input({ shape: [16, 16, 3] });
    const a = apply(
      tfl.layers.activation({ activation: 'relu' }),
      apply(
        tfl.layers.batchNormalization(),
        apply(tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }), input),
      ),
    );
    const b = apply(
      tfl.layers.batchNormalization(),
      apply(tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }), a),
    );
    const c = apply(tfl.layers.activation({ activation: 'relu' }), apply(tfl.layers.add(), [a, b]));
    const pooled = apply(tfl.layers.globalAveragePooling2d({}), c);
    return tfl.model({
      inputs: input,
      outputs: apply(tfl.layers.dense({ units: 3, activation: 'softmax' }), pooled),
    });
  });
}

/** A transfer-style net: a nested backbone (conv + BatchNorm) inside an outer model with its own BatchNorm. */
function nestedNet(): { outer: tfl.LayersModel; backbone: tfl.LayersModel } {
  return withSeededRandom(5, ['init'], () => {
    const inner = tfl.input({ shape: [8, 8, 2] });
    const features = apply(
      tfl.layers.batchNormalization({ momentum: 0.999, name: 'backbone_bn' }),
      apply(tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }), inner),
    );
    const backbone = tfl.model({ inputs: inner, outputs: features, name: 'backbone' });
    const input = tfl.input({ shape: [8, 8, 2] });
    const scaled = apply(tfl.layers.dense({ units: 2, name: 'mix' }), input);
    const y = apply(
      tfl.layers.batchNormalization({ momentum: 0.999, name: 'head_bn' }),
      apply(backbone, scaled),
    );
    const out = apply(tfl.layers.dense({ units: 2, activation: 'softmax' }), apply(tfl.layers.flatten(), y));
    return { outer: tfl.model({ inputs: input, outputs: out }), backbone };
  });
}

describe('recomputeBatchNormStatistics', () => {
  it('sets every BatchNorm layer to the exact statistics of its input at inference, in graph order', async () => {
    const model = residualNet();
    const images = tf.randomUniform([40, 16, 16, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    const updated = await recomputeBatchNormStatistics(model, batchesOf(images, 16));
    const bnLayers = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
    expect(updated).toEqual(bnLayers.map((l) => l.name));
    expect(updated).toHaveLength(2);
    // With the final statistics in place, every layer's input over all 40 images (batches of 16,
    // 16 and 8) has exactly the moments the layer stores.
    for (const layer of bnLayers) {
      const probe = tfl.model({ inputs: model.inputs, outputs: layer.input as tfl.SymbolicTensor });
      const expected = moments(probe.predict(images) as tf.Tensor);
      const stored = storedMoments(layer);
      stored.mean.forEach((m, c) => expect(m).toBeCloseTo(expected.mean[c], 4));
      stored.variance.forEach((v, c) => expect(v).toBeCloseTo(expected.variance[c], 4));
    }
  });

  it('refuses an empty image set', async () => {
    await expect(
      recomputeBatchNormStatistics(residualNet(), async function* () {
        // no batches
      }),
    ).rejects.toThrow('no images to compute the BatchNorm statistics from');
  });
});

describe('averageBatchNormStatistics', () => {
  it('stores the average per-batch statistics in every BatchNorm layer, nested ones included', async () => {
    const { outer, backbone } = nestedNet();
    const images = tf.randomNormal([48, 8, 8, 2], 3, 2, 'float32', 11) as tf.Tensor4D;
    const trainable = outer.trainableWeights.map((w) => Array.from(w.read().dataSync()));
    const updated = await averageBatchNormStatistics(outer, batchesOf(images, 16));
    expect(updated).toEqual(['backbone_bn', 'head_bn']);

    // The backbone's layer sees the conv of the mixed input: expected = mean over the 3 batches of
    // each batch's moments (equal batch sizes, so the mean is the overall mean).
    const mix = tfl.model({
      inputs: outer.inputs,
      outputs: outer.getLayer('mix').output as tfl.SymbolicTensor,
    });
    const mixed = mix.predict(images) as tf.Tensor4D;
    const convOut = tfl.model({
      inputs: backbone.inputs,
      outputs: backbone.getLayer('backbone_bn').input as tfl.SymbolicTensor,
    });
    const perBatch = [0, 16, 32].map((s) => moments(convOut.predict(tf.slice(mixed, s, 16)) as tf.Tensor));
    const stored = storedMoments(backbone.getLayer('backbone_bn'));
    stored.mean.forEach((m, c) => expect(m).toBeCloseTo(perBatch.reduce((t, b) => t + b.mean[c], 0) / 3, 4));
    stored.variance.forEach((v, c) =>
      expect(v).toBeCloseTo(perBatch.reduce((t, b) => t + b.variance[c], 0) / 3, 4),
    );
    // The head's layer sees the backbone's batch-normalised output (training mode): per batch,
    // gamma = 1 and beta = 0 make it mean 0 and variance just under 1.
    const head = storedMoments(outer.getLayer('head_bn'));
    head.mean.forEach((m) => expect(m).toBeCloseTo(0, 4));
    head.variance.forEach((v) => expect(v).toBeGreaterThan(0.99));
    head.variance.forEach((v) => expect(v).toBeLessThan(1));

    // Weights are untouched and the layers' momentum restored.
    outer.trainableWeights.forEach((w, i) => expect(Array.from(w.read().dataSync())).toEqual(trainable[i]));
    expect((outer.getLayer('head_bn').getConfig() as { momentum: number }).momentum).toBe(0.999);
    expect((backbone.getLayer('backbone_bn').getConfig() as { momentum: number }).momentum).toBe(0.999);
  });

  it('refuses an empty image set and keeps the momentum', async () => {
    const { outer } = nestedNet();
    await expect(
      averageBatchNormStatistics(outer, async function* () {
        // no batches
      }),
    ).rejects.toThrow('no images to compute the BatchNorm statistics from');
    expect((outer.getLayer('head_bn').getConfig() as { momentum: number }).momentum).toBe(0.999);
  });
});
