// U-Net (Ronneberger et al. 2015) for lesion segmentation: an encoder of conv blocks and max-pools,
// a decoder that upsamples and concatenates the encoder's features at the same scale, and a sigmoid
// [H, W, 1] lesion mask — the output shape vision-core's fit loop trains with BCE + Dice.
import * as tf from '@tensorflow/tfjs';

/** Size knobs of the U-Net; the defaults are what fits CPU training on PH2. */
export interface UnetConfig {
  /** Input side in pixels; must be divisible by 2^depth. */
  inputSize: number;
  /** Number of down-sampling steps (the paper uses 4). */
  depth: number;
  /** Filters of the first block; doubled at every level down (the paper uses 64). */
  baseFilters: number;
  /** Dropout rate at the bottleneck (0 disables it). */
  bottleneckDropout: number;
  channels: 1 | 3;
}

export const DEFAULT_UNET: UnetConfig = {
  inputSize: 128,
  depth: 4,
  baseFilters: 8,
  bottleneckDropout: 0.2,
  channels: 3,
};

function convBlock(x: tf.SymbolicTensor, filters: number, name: string): tf.SymbolicTensor {
  for (const i of [1, 2]) {
    x = tf.layers
      .conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, name: `${name}_conv${i}` })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: `${name}_bn${i}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `${name}_relu${i}` }).apply(x) as tf.SymbolicTensor;
  }
  return x;
}

/** Builds a U-Net whose output is the per-pixel lesion probability, shape [inputSize, inputSize, 1]. */
export function buildUnet(config: Partial<UnetConfig> = {}): tf.LayersModel {
  const { inputSize, depth, baseFilters, bottleneckDropout, channels } = { ...DEFAULT_UNET, ...config };
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`U-Net depth must be a positive integer, got ${depth}`);
  if (inputSize % 2 ** depth !== 0) {
    throw new RangeError(`U-Net input size ${inputSize} must be divisible by 2^depth = ${2 ** depth}`);
  }
  const input = tf.input({ shape: [inputSize, inputSize, channels], name: 'image' });
  const skips: tf.SymbolicTensor[] = [];
  let x = input;
  for (let level = 0; level < depth; level++) {
    x = convBlock(x, baseFilters * 2 ** level, `enc${level}`);
    skips.push(x);
    x = tf.layers.maxPooling2d({ poolSize: 2, name: `enc${level}_pool` }).apply(x) as tf.SymbolicTensor;
  }
  x = convBlock(x, baseFilters * 2 ** depth, 'bottleneck');
  if (bottleneckDropout > 0) {
    x = tf.layers.dropout({ rate: bottleneckDropout, name: 'bottleneck_dropout' }).apply(x) as tf.SymbolicTensor;
  }
  for (let level = depth - 1; level >= 0; level--) {
    x = tf.layers.upSampling2d({ size: [2, 2], name: `dec${level}_up` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.concatenate({ name: `dec${level}_concat` }).apply([x, skips[level]]) as tf.SymbolicTensor;
    x = convBlock(x, baseFilters * 2 ** level, `dec${level}`);
  }
  const mask = tf.layers
    .conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid', name: 'mask' })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mask, name: 'lesion_unet' });
}
