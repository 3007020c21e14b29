import * as tf from '@tensorflow/tfjs';

/** Options of {@link buildFrameEncoder}. */
export interface FrameEncoderOptions {
  frameShape?: [number, number, number];
  /** Filters of the conv stages (3x3 conv, batch norm, ReLU, 2x2 max pool each). */
  filters?: readonly number[];
  /** Size of the per-frame embedding. */
  embedding?: number;
}

/** A small CNN mapping one frame to an embedding vector: the per-frame encoder of a CNN-BiLSTM. */
export function buildFrameEncoder(options: FrameEncoderOptions = {}): tf.LayersModel {
  const input = tf.input({ shape: options.frameShape ?? [48, 48, 1], name: 'frame' });
  let x: tf.SymbolicTensor = input;
  (options.filters ?? [32, 64, 128]).forEach((filters, i) => {
    x = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, name: `enc_conv${i + 1}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: `enc_bn${i + 1}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `enc_relu${i + 1}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling2d({ poolSize: 2, name: `enc_pool${i + 1}` }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.globalAveragePooling2d({ name: 'enc_gap' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: options.embedding ?? 256, activation: 'relu', name: 'enc_embedding' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x, name: 'frame_encoder' });
}

/** Options of {@link buildCnnBiLstm}. */
export interface CnnBiLstmOptions {
  /** Frames per sequence (CK+48 keeps 3 per sequence). */
  frames: number;
  frameShape?: [number, number, number];
  numClasses: number;
  /** Per-frame encoder; default {@link buildFrameEncoder}. A trained single-frame CNN's backbone fits here. */
  encoder?: tf.LayersModel;
  /** Units of each LSTM direction. */
  lstmUnits?: number;
  dropout?: number;
}

/**
 * CNN-BiLSTM of seed paper 004: the encoder runs on every frame (TimeDistributed), a bidirectional
 * LSTM reads the embeddings forwards and backwards (outputs concatenated), dropout, softmax.
 * Input [batch, frames, height, width, channels].
 */
export function buildCnnBiLstm(options: CnnBiLstmOptions): tf.LayersModel {
  const frameShape = options.frameShape ?? [48, 48, 1];
  const encoder = options.encoder ?? buildFrameEncoder({ frameShape });
  const input = tf.input({ shape: [options.frames, ...frameShape], name: 'frames' });
  let x = tf.layers.timeDistributed({ layer: encoder, name: 'per_frame_cnn' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers
    .bidirectional({ layer: tf.layers.lstm({ units: options.lstmUnits ?? 128 }) as tf.RNN, mergeMode: 'concat', name: 'bilstm' })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: options.dropout ?? 0.3, name: 'dropout' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: options.numClasses, activation: 'softmax', name: 'predictions' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'cnn_bilstm' });
}
