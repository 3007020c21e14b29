// A small ResNet-style lesion classifier (He et al. 2016 basic blocks, BN after every conv) sized
// for CPU training: a 3x3 stem and 2x2 max-pool, one residual block per stage with the filters
// doubling and the resolution halving after the first, global average pooling, dropout and a
// softmax over the diagnoses.
import * as tf from '@tensorflow/tfjs';

/** Size knobs of the lesion ResNet. */
export interface LesionResnetConfig {
  inputSize: number;
  numClasses: number;
  /** Filters of the stem and first stage; doubled at each later stage. */
  baseFilters: number;
  /** Number of stages after the stem; each halves the resolution. */
  stages: number;
  dropout: number;
  /**
   * Momentum of the BatchNormalization moving statistics. Keras' 0.99 averages over ~100 steps,
   * longer than a short CPU run in which the weights still move fast: inference then normalizes
   * with stale statistics and collapses to one class. 0.9 tracks the last ~10 steps.
   */
  batchNormMomentum: number;
}

export const DEFAULT_LESION_RESNET: LesionResnetConfig = {
  inputSize: 64,
  numClasses: 7,
  baseFilters: 16,
  stages: 4,
  dropout: 0.3,
  batchNormMomentum: 0.9,
};

/** Name of the last convolutional feature map: Grad-CAM's default target layer. */
export const LESION_RESNET_FEATURE_LAYER = 'features';

function convBn(
  x: tf.SymbolicTensor,
  filters: number,
  strides: number,
  name: string,
  relu: boolean,
  momentum: number,
): tf.SymbolicTensor {
  x = tf.layers
    .conv2d({ filters, kernelSize: 3, strides, padding: 'same', useBias: false, name: `${name}_conv` })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ momentum, name: `${name}_bn` }).apply(x) as tf.SymbolicTensor;
  return relu ? (tf.layers.reLU({ name: `${name}_relu` }).apply(x) as tf.SymbolicTensor) : x;
}

function residualBlock(
  x: tf.SymbolicTensor,
  filters: number,
  strides: number,
  name: string,
  momentum: number,
): tf.SymbolicTensor {
  let shortcut = x;
  if (strides !== 1 || x.shape[3] !== filters) {
    shortcut = tf.layers
      .conv2d({ filters, kernelSize: 1, strides, useBias: false, name: `${name}_proj` })
      .apply(x) as tf.SymbolicTensor;
    shortcut = tf.layers.batchNormalization({ momentum, name: `${name}_proj_bn` }).apply(shortcut) as tf.SymbolicTensor;
  }
  let y = convBn(x, filters, strides, `${name}_a`, true, momentum);
  y = convBn(y, filters, 1, `${name}_b`, false, momentum);
  const sum = tf.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as tf.SymbolicTensor;
  return tf.layers.reLU({ name: `${name}_out` }).apply(sum) as tf.SymbolicTensor;
}

/** Builds the classifier: [inputSize, inputSize, 3] in [0, 1] → softmax over `numClasses`. */
export function buildLesionResnet(config: Partial<LesionResnetConfig> = {}): tf.LayersModel {
  const { inputSize, numClasses, baseFilters, stages, dropout, batchNormMomentum } = { ...DEFAULT_LESION_RESNET, ...config };
  if (inputSize % 2 ** stages !== 0) {
    throw new RangeError(`lesion ResNet input ${inputSize} must be divisible by 2^stages = ${2 ** stages}`);
  }
  const input = tf.input({ shape: [inputSize, inputSize, 3], name: 'image' });
  let x = convBn(input, baseFilters, 1, 'stem', true, batchNormMomentum);
  // Pooling right after the stem keeps full-resolution work to one conv: most of the CPU budget.
  x = tf.layers.maxPooling2d({ poolSize: 2, name: 'stem_pool' }).apply(x) as tf.SymbolicTensor;
  for (let s = 0; s < stages; s++) {
    x = residualBlock(x, baseFilters * 2 ** s, s === 0 ? 1 : 2, `stage${s}`, batchNormMomentum);
  }
  // A linear activation gives the last feature map a stable name for Grad-CAM to hook.
  x = tf.layers.activation({ activation: 'linear', name: LESION_RESNET_FEATURE_LAYER }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  if (dropout > 0) x = tf.layers.dropout({ rate: dropout, name: 'dropout' }).apply(x) as tf.SymbolicTensor;
  const probs = tf.layers.dense({ units: numClasses, activation: 'softmax', name: 'diagnosis' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: probs, name: 'lesion_resnet' });
}
