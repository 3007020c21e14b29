import * as tf from '@tensorflow/tfjs';

/**
 * Seed paper 003's recipe: Adam with learning rate 0.01, batch 32, 25 epochs, early stopping with
 * min_delta 1e-4 (patience not recorded), 80/20 train/test.
 */
export const SEED003_TRAINING_CONFIG = {
  optimizer: { type: 'adam', learningRate: 0.01 },
  batchSize: 32,
  epochs: 25,
  earlyStopping: { minDelta: 1e-4 },
} as const;

/** Options of {@link buildSeed003Cnn}. */
export interface Seed003CnnOptions {
  /** 'fer2013': dense 512 head (3,931,975 params); 'ckplus': dense 512 + 256 (4,062,535 params). */
  variant?: 'fer2013' | 'ckplus';
  inputShape?: [number, number, number];
  numClasses?: number;
  /**
   * 'factorized' (default): each block's two convolutions are 3x1 then 1x3, which is what the
   * paper's recorded layer table adds up to (conv params 256, 12,352, ... = 3-tap kernels; ~3.9M in
   * total). 'square': two 3x3 convolutions as the text describes (about 7.0M parameters).
   */
  kernels?: 'factorized' | 'square';
  /** Dropout after each conv block and each dense layer (rates not recorded in the paper). */
  blockDropout?: number;
  denseDropout?: number;
}

/**
 * The deeper FER CNN of seed paper 003: four blocks of [conv x2, batch norm, ReLU, max-pool 2,
 * dropout] with 64/128/256/512 filters, flatten, dense 512 (+ dense 256 for CK+) each with batch
 * norm, ReLU and dropout, then softmax.
 */
export function buildSeed003Cnn(options: Seed003CnnOptions = {}): tf.Sequential {
  const factorized = (options.kernels ?? 'factorized') === 'factorized';
  const model = tf.sequential({ name: `seed003_cnn_${options.variant ?? 'fer2013'}` });
  [64, 128, 256, 512].forEach((filters, b) => {
    const name = `block${b + 1}`;
    model.add(
      tf.layers.conv2d({
        ...(b === 0 ? { inputShape: options.inputShape ?? [48, 48, 1] } : {}),
        filters,
        kernelSize: factorized ? [3, 1] : 3,
        padding: 'same',
        name: `${name}_conv1`,
      }),
    );
    model.add(tf.layers.conv2d({ filters, kernelSize: factorized ? [1, 3] : 3, padding: 'same', name: `${name}_conv2` }));
    model.add(tf.layers.batchNormalization({ name: `${name}_bn` }));
    model.add(tf.layers.reLU({ name: `${name}_relu` }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2, name: `${name}_pool` }));
    model.add(tf.layers.dropout({ rate: options.blockDropout ?? 0.25, name: `${name}_dropout` }));
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  const dense = options.variant === 'ckplus' ? [512, 256] : [512];
  for (const units of dense) {
    model.add(tf.layers.dense({ units, name: `dense${units}` }));
    model.add(tf.layers.batchNormalization({ name: `dense${units}_bn` }));
    model.add(tf.layers.reLU({ name: `dense${units}_relu` }));
    model.add(tf.layers.dropout({ rate: options.denseDropout ?? 0.5, name: `dense${units}_dropout` }));
  }
  model.add(tf.layers.dense({ units: options.numClasses ?? 7, name: 'logits' }));
  model.add(tf.layers.activation({ activation: 'softmax', name: 'predictions' }));
  return model;
}
