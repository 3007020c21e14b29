// "Precise BatchNorm" (Wu & Johnson 2021, "Rethinking 'Batch' in BatchNorm"): replace each
// BatchNormalization layer's moving mean and variance — an exponential average over the last
// training batches, taken while the weights were still moving — by statistics of the current weights
// over a fixed image set (the training images, without augmentation). Two ways:
// - recomputeBatchNormStatistics: exact. Layers are processed in graph order, each with the layers
//   before it already updated and in inference mode, so every layer's statistics are those it sees at
//   inference. One forward pass per layer: for a shallow net after training (the lesion nets: with
//   momentum 0.9 their validation balanced accuracy jumped by several points between epochs even with
//   the learning rate near 0; exact statistics remove that noise).
// - averageBatchNormStatistics: one forward pass in training mode, every layer's moving statistics
//   set to the plain average of its per-batch mean and variance (fvcore's update_bn_stats). Cheap
//   enough to run before every validation, and it reaches layers inside nested models (a transfer
//   backbone). A from-scratch MobileNetV2 (52 BatchNorm layers) trained on FER faces predicted one
//   class in inference mode with its moving averages, at momentum 0.999 and at 0.99
//   (apps/trainer/scripts/fer-backbone-bn-probe.ts).
import * as tf from '@tensorflow/tfjs-core';
import { model as tfModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';

/** Streams a fixed set of images as [n, H, W, C] batches in [0, 1]. */
export type ImageBatches = () => AsyncIterable<tf.Tensor4D>;

interface BatchNormLayer {
  name: string;
  getClassName(): string;
  getWeights(): tf.Tensor[];
  setWeights(weights: tf.Tensor[]): void;
  input: SymbolicTensor | SymbolicTensor[];
  getConfig(): { center?: boolean; scale?: boolean; axis?: number | number[] };
  /** Read by the layer at every training-mode call (tfjs-layers' BatchNormalization). */
  momentum: number;
}

/** Every BatchNormalization layer of `model`, including those of nested models, in graph order. */
function batchNormLayersOf(model: LayersModel): BatchNormLayer[] {
  return model.layers.flatMap((l) => {
    if (l.getClassName() === 'BatchNormalization') return [l as unknown as BatchNormLayer];
    const nested = (l as unknown as { layers?: unknown }).layers;
    return Array.isArray(nested) ? batchNormLayersOf(l as unknown as LayersModel) : [];
  });
}

/** Per-channel sum and sum of squares of a [..., C] tensor over every other axis, in float64 on the CPU. */
async function accumulate(x: tf.Tensor, sums: Float64Array, squares: Float64Array): Promise<number> {
  const channels = x.shape[x.shape.length - 1]!;
  const data = (await x.data()) as Float32Array;
  for (let i = 0; i < data.length; i++) {
    const c = i % channels;
    sums[c] += data[i];
    squares[c] += data[i] * data[i];
  }
  return data.length / channels;
}

/**
 * Recomputes every BatchNormalization layer's moving mean and variance of `model` over the images
 * `batches` yields. Returns the names of the layers updated. The model is changed in place.
 */
export async function recomputeBatchNormStatistics(
  model: LayersModel,
  batches: ImageBatches,
): Promise<string[]> {
  const layers = (model.layers as unknown as BatchNormLayer[]).filter(
    (l) => l.getClassName() === 'BatchNormalization',
  );
  for (const layer of layers) {
    const axis = layer.getConfig().axis;
    const last = Array.isArray(axis) ? axis : [axis ?? -1];
    if (last.length !== 1 || !(last[0] === -1 || last[0] === model.inputs[0].shape.length - 1)) {
      throw new Error(
        `BatchNormalization layer ${layer.name} normalises axis ${JSON.stringify(axis)}; only channels-last is supported`,
      );
    }
    const input = Array.isArray(layer.input) ? layer.input[0] : layer.input;
    const probe = tfModel({ inputs: model.inputs, outputs: input });
    const channels = input.shape[input.shape.length - 1]!;
    const sums = new Float64Array(channels);
    const squares = new Float64Array(channels);
    let count = 0;
    for await (const x of batches()) {
      const activations = tf.tidy(() => probe.predict(x) as tf.Tensor);
      count += await accumulate(activations, sums, squares);
      activations.dispose();
      x.dispose();
    }
    if (count === 0) throw new Error('no images to compute the BatchNorm statistics from');
    const mean = Array.from(sums, (s) => s / count);
    // The population variance, as BatchNormalization's moving variance estimates it.
    const variance = Array.from(squares, (s, c) => Math.max(0, s / count - mean[c] * mean[c]));
    const weights = layer.getWeights();
    // Keras' order: [gamma], [beta], moving_mean, moving_variance (gamma/beta only when scale/center).
    const k = weights.length;
    const updated = [...weights.slice(0, k - 2), tf.tensor1d(mean), tf.tensor1d(variance)];
    layer.setWeights(updated);
    updated.slice(k - 2).forEach((t) => t.dispose());
  }
  return layers.map((l) => l.name);
}

/**
 * Sets every BatchNormalization layer's moving mean and variance (nested models included) to the
 * average of the per-batch statistics it sees in one training-mode pass over `batches` (so the
 * images should be a fixed, un-augmented set, in batches of 32 or more). Other training-mode layers
 * (Dropout, GaussianNoise) are active during the pass. Weights are not changed. Returns the names of
 * the layers updated.
 */
export async function averageBatchNormStatistics(
  model: LayersModel,
  batches: ImageBatches,
): Promise<string[]> {
  const layers = batchNormLayersOf(model);
  const momenta = layers.map((l) => l.momentum);
  let seen = 0;
  try {
    for await (const x of batches()) {
      // new = old - (old - batch) * (1 - momentum): with momentum k / (k + 1) at the k-th batch
      // (k from 0), the stored value is the running mean of the batch values.
      for (const layer of layers) layer.momentum = seen / (seen + 1);
      tf.tidy(() => {
        model.apply(x, { training: true });
      });
      x.dispose();
      seen++;
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = momenta[i]));
  }
  if (seen === 0) throw new Error('no images to compute the BatchNorm statistics from');
  return layers.map((l) => l.name);
}
