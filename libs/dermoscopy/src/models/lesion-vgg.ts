// A small VGG-style lesion classifier (Simonyan & Zisserman 2015): stages of two 3x3 conv-BN-ReLU
// layers followed by 2x2 max-pooling, filters doubling per stage, then global average pooling
// (instead of VGG's large dense layers, which would dominate the parameters at this size), dropout
// and a softmax over the diagnoses. The plain-stack counterpart of the residual `buildLesionResnet`.
import * as tf from '@tensorflow/tfjs';

/** Size knobs of the lesion VGG. */
export interface LesionVggConfig {
  inputSize: number;
  numClasses: number;
  /** Filters of the first stage; doubled at each later stage. */
  baseFilters: number;
  /** Number of conv-conv-pool stages; each halves the resolution. */
  stages: number;
  dropout: number;
  /** BatchNormalization momentum (0.9, as the ResNet: see its note). */
  batchNormMomentum: number;
}

export const DEFAULT_LESION_VGG: LesionVggConfig = {
  inputSize: 64,
  numClasses: 7,
  baseFilters: 16,
  stages: 4,
  dropout: 0.3,
  batchNormMomentum: 0.9,
};

/** Name of the last convolutional feature map (before the last pool): Grad-CAM's target layer. */
export const LESION_VGG_FEATURE_LAYER = 'features';

/** Builds the classifier: [inputSize, inputSize, 3] in [0, 1] → softmax over `numClasses`. */
export function buildLesionVgg(config: Partial<LesionVggConfig> = {}): tf.LayersModel {
  const { inputSize, numClasses, baseFilters, stages, dropout, batchNormMomentum } = {
    ...DEFAULT_LESION_VGG,
    ...config,
  };
  if (inputSize % 2 ** stages !== 0) {
    throw new RangeError(`lesion VGG input ${inputSize} must be divisible by 2^stages = ${2 ** stages}`);
  }
  const input = tf.input({ shape: [inputSize, inputSize, 3], name: 'image' });
  let x: tf.SymbolicTensor = input;
  for (let s = 0; s < stages; s++) {
    const filters = baseFilters * 2 ** s;
    for (const part of ['a', 'b']) {
      const name = `block${s}_${part}`;
      x = tf.layers
        .conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, name: `${name}_conv` })
        .apply(x) as tf.SymbolicTensor;
      x = tf.layers.batchNormalization({ momentum: batchNormMomentum, name: `${name}_bn` }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.reLU({ name: `${name}_relu` }).apply(x) as tf.SymbolicTensor;
    }
    if (s === stages - 1) {
      // A linear activation gives the last feature map a stable name for Grad-CAM to hook.
      x = tf.layers.activation({ activation: 'linear', name: LESION_VGG_FEATURE_LAYER }).apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.maxPooling2d({ poolSize: 2, name: `block${s}_pool` }).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  if (dropout > 0) x = tf.layers.dropout({ rate: dropout, name: 'dropout' }).apply(x) as tf.SymbolicTensor;
  const probs = tf.layers
    .dense({ units: numClasses, activation: 'softmax', name: 'diagnosis' })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: probs, name: 'lesion_vgg' });
}
