import * as tf from '@tensorflow/tfjs';

/**
 * The training recipe recorded in seed paper 000 (67.18% on FER2013, 7 classes): SGD with momentum
 * 0.9, learning rate 0.1 halved when validation accuracy has not improved for 10 epochs, batch 128,
 * weight decay 1e-4, 300 epochs. Field names follow vision-core's training engine; weight decay is
 * applied by its optimizer, so the builder adds no L2 regularisers.
 */
export const SEED000_TRAINING_CONFIG = {
  optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9, weightDecay: 1e-4 },
  batchSize: 128,
  epochs: 300,
  reduceLROnPlateau: { monitor: 'val_accuracy', factor: 0.5, patience: 10 },
} as const;

/** Options of {@link buildSeed000Cnn}. */
export interface Seed000CnnOptions {
  /** [height, width, channels]; default FER2013's [48, 48, 1]. */
  inputShape?: [number, number, number];
  numClasses?: number;
  /** Dropout after the 1024-unit layer. */
  dropout?: number;
}

/**
 * The custom FER CNN of seed paper 000: three stages of conv (32 5x5, 32 4x4, 64 5x5; 'same') ->
 * batch norm -> ReLU -> 3x3 max-pool with stride 2, then FC 1024 -> batch norm -> ReLU ->
 * dropout 0.3 -> softmax. Convolutions and the FC layer have no bias: the batch norm after each
 * supplies the offset. 2,439,463 parameters for 48x48x1 and 7 classes.
 */
export function buildSeed000Cnn(options: Seed000CnnOptions = {}): tf.Sequential {
  const model = tf.sequential({ name: 'seed000_cnn' });
  const stages: [number, number][] = [
    [32, 5],
    [32, 4],
    [64, 5],
  ];
  stages.forEach(([filters, kernelSize], i) => {
    model.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: options.inputShape ?? [48, 48, 1] } : {}),
        filters,
        kernelSize,
        padding: 'same',
        useBias: false,
        name: `conv${i + 1}`,
      }),
    );
    model.add(tf.layers.batchNormalization({ name: `conv${i + 1}_bn` }));
    model.add(tf.layers.reLU({ name: `conv${i + 1}_relu` }));
    model.add(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: `pool${i + 1}` }));
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 1024, useBias: false, name: 'fc1024' }));
  model.add(tf.layers.batchNormalization({ name: 'fc1024_bn' }));
  model.add(tf.layers.reLU({ name: 'fc1024_relu' }));
  model.add(tf.layers.dropout({ rate: options.dropout ?? 0.3, name: 'fc1024_dropout' }));
  model.add(tf.layers.dense({ units: options.numClasses ?? 7, activation: 'softmax', name: 'predictions' }));
  return model;
}
