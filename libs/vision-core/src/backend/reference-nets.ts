import * as tf from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';

// The two workloads of shared/bench/torch_reference.py, layer for layer, so training throughput can
// be compared with PyTorch as a ratio. 'same' padding stands in for PyTorch's padding=1: identical
// shapes and arithmetic (for stride 2 TensorFlow pads bottom/right instead of top/left).

/** Sizes of the FER reference CNN; the defaults are the benchmark's, tests use tiny ones. */
export interface FerNetSize {
  inputSize: number;
  filters: [number, number, number];
  dense: number;
  classes: number;
}

/** Sizes of the small ResNet reference; the defaults are the benchmark's, tests use tiny ones. */
export interface ResnetSize {
  inputSize: number;
  widths: [number, number, number];
  classes: number;
}

export const FER_BENCH_SIZE: FerNetSize = { inputSize: 48, filters: [32, 64, 128], dense: 128, classes: 7 };
export const RESNET_BENCH_SIZE: ResnetSize = { inputSize: 128, widths: [32, 64, 128], classes: 7 };

/** 48x48x1 -> 3 x (conv3x3 same relu, maxpool 2) -> flatten -> dense relu -> dense logits. */
export function buildFerReferenceNet(size: FerNetSize = FER_BENCH_SIZE): tf.LayersModel {
  const layers: tf.layers.Layer[] = [];
  size.filters.forEach((filters, i) => {
    layers.push(
      tf.layers.conv2d({
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        ...(i === 0 ? { inputShape: [size.inputSize, size.inputSize, 1] } : {}),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
    );
  });
  layers.push(
    tf.layers.flatten(),
    tf.layers.dense({ units: size.dense, activation: 'relu' }),
    tf.layers.dense({ units: size.classes }),
  );
  return tf.sequential({ layers, name: 'fer_reference' });
}

// PyTorch BatchNorm2d defaults (momentum 0.1 of the new value, eps 1e-5) in Keras terms.
function batchNorm(): tf.layers.Layer {
  return tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
}

function conv(filters: number, kernelSize: number, strides: number): tf.layers.Layer {
  return tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false });
}

function basicBlock(
  x: SymbolicTensor,
  inChannels: number,
  outChannels: number,
  stride: number,
): SymbolicTensor {
  let y = conv(outChannels, 3, stride).apply(x) as SymbolicTensor;
  y = batchNorm().apply(y) as SymbolicTensor;
  y = tf.layers.reLU().apply(y) as SymbolicTensor;
  y = conv(outChannels, 3, 1).apply(y) as SymbolicTensor;
  y = batchNorm().apply(y) as SymbolicTensor;
  let shortcut = x;
  if (stride !== 1 || inChannels !== outChannels) {
    shortcut = conv(outChannels, 1, stride).apply(x) as SymbolicTensor;
    shortcut = batchNorm().apply(shortcut) as SymbolicTensor;
  }
  const sum = tf.layers.add().apply([y, shortcut]) as SymbolicTensor;
  return tf.layers.reLU().apply(sum) as SymbolicTensor;
}

/** 128x128x3 -> conv3x3/2 BN relu maxpool -> 3 basic residual blocks (s1, s2, s2) -> GAP -> dense logits. */
export function buildResnetReferenceNet(size: ResnetSize = RESNET_BENCH_SIZE): tf.LayersModel {
  const input = tf.input({ shape: [size.inputSize, size.inputSize, 3] });
  const [w1, w2, w3] = size.widths;
  let x = conv(w1, 3, 2).apply(input) as SymbolicTensor;
  x = batchNorm().apply(x) as SymbolicTensor;
  x = tf.layers.reLU().apply(x) as SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as SymbolicTensor;
  x = basicBlock(x, w1, w1, 1);
  x = basicBlock(x, w1, w2, 2);
  x = basicBlock(x, w2, w3, 2);
  x = tf.layers.globalAveragePooling2d({}).apply(x) as SymbolicTensor;
  const logits = tf.layers.dense({ units: size.classes }).apply(x) as SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: 'resnet_reference' });
}
