import * as tf from '@tensorflow/tfjs';
import type { RasterImage } from '@visioncad/vision-core/image';

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
  /**
   * Take each sequence as one image of shape [height, width, frames] (gray frames stacked as
   * channels, see {@link stackFrames}) instead of [frames, height, width, 1], so image pipelines
   * built for [h, w, c] tensors (batching, geometric augmentation applied alike to every frame)
   * feed the model unchanged. Needs 1-channel frames.
   */
  framesAsChannels?: boolean;
}

/**
 * CNN-BiLSTM of seed paper 004: the encoder runs on every frame (TimeDistributed), a bidirectional
 * LSTM reads the embeddings forwards and backwards (outputs concatenated), dropout, softmax.
 * Input [batch, frames, height, width, channels].
 */
export function buildCnnBiLstm(options: CnnBiLstmOptions): tf.LayersModel {
  const frameShape = options.frameShape ?? [48, 48, 1];
  const encoder = options.encoder ?? buildFrameEncoder({ frameShape });
  const [h, w, c] = frameShape;
  let input: tf.SymbolicTensor;
  let x: tf.SymbolicTensor;
  if (options.framesAsChannels) {
    if (c !== 1) throw new Error(`framesAsChannels needs 1-channel frames, got ${c} channels`);
    input = tf.input({ shape: [h, w, options.frames], name: 'stacked_frames' });
    x = tf.layers.permute({ dims: [3, 1, 2], name: 'frames_first' }).apply(input) as tf.SymbolicTensor;
    x = tf.layers.reshape({ targetShape: [options.frames, h, w, 1], name: 'frame_sequence' }).apply(x) as tf.SymbolicTensor;
  } else {
    input = tf.input({ shape: [options.frames, ...frameShape], name: 'frames' });
    x = input;
  }
  x = tf.layers.timeDistributed({ layer: encoder, name: 'per_frame_cnn' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .bidirectional({ layer: tf.layers.lstm({ units: options.lstmUnits ?? 128 }) as tf.RNN, mergeMode: 'concat', name: 'bilstm' })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: options.dropout ?? 0.3, name: 'dropout' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: options.numClasses, activation: 'softmax', name: 'predictions' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'cnn_bilstm' });
}

/**
 * Stacks same-sized gray frames (in time order) into one image whose channel t is frame t: the input
 * of a {@link buildCnnBiLstm} model built with `framesAsChannels`.
 */
export function stackFrames(frames: readonly RasterImage[]): RasterImage {
  if (![1, 3, 4].includes(frames.length)) {
    throw new RangeError(`an image has 1, 3 or 4 channels, so 1, 3 or 4 frames stack; got ${frames.length}`);
  }
  const { width, height } = frames[0];
  frames.forEach((f, t) => {
    if (f.channels !== 1 || f.width !== width || f.height !== height) {
      throw new Error(`frame ${t} is ${f.width}x${f.height}x${f.channels}; every frame must be ${width}x${height}x1`);
    }
  });
  const n = frames.length;
  const data = new Uint8Array(width * height * n);
  frames.forEach((f, t) => {
    for (let p = 0; p < width * height; p++) data[p * n + t] = f.data[p];
  });
  return { width, height, channels: n as RasterImage['channels'], data };
}
