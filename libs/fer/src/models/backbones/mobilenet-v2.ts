import * as tf from '@tensorflow/tfjs';

import { assertMinInput, type BackboneOptions } from './backbone-options';

const BN = { epsilon: 1e-3, momentum: 0.999 };

function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}

function bnRelu6(x: tf.SymbolicTensor, name: string, relu = true): tf.SymbolicTensor {
  const y = apply(tf.layers.batchNormalization({ ...BN, name: `${name}_BN` }), x);
  return relu ? apply(tf.layers.reLU({ maxValue: 6, name: `${name}_relu` }), y) : y;
}

/** Inverted residual: 1x1 expand (unless t = 1), 3x3 depthwise, linear 1x1 projection, skip if shapes match. */
function invertedResidual(x: tf.SymbolicTensor, expansion: number, filters: number, stride: number, block: number) {
  const inChannels = x.shape[3] as number;
  const name = block === 0 ? 'expanded_conv' : `block_${block}`;
  let y = x;
  if (expansion !== 1) {
    y = apply(tf.layers.conv2d({ filters: inChannels * expansion, kernelSize: 1, useBias: false, name: `${name}_expand` }), y);
    y = bnRelu6(y, `${name}_expand`);
  }
  y = apply(
    tf.layers.depthwiseConv2d({ kernelSize: 3, strides: stride, padding: 'same', useBias: false, name: `${name}_depthwise` }),
    y,
  );
  y = bnRelu6(y, `${name}_depthwise`);
  y = apply(tf.layers.conv2d({ filters, kernelSize: 1, useBias: false, name: `${name}_project` }), y);
  y = bnRelu6(y, `${name}_project`, false);
  return stride === 1 && inChannels === filters ? apply(tf.layers.add({ name: `${name}_add` }), [x, y]) : y;
}

/**
 * MobileNetV2 (width 1.0) without its classifier (Sandler et al. 2018; Keras' structure and names):
 * 3x3/2 stem of 32, seventeen inverted-residual blocks, 1x1 conv to 1280. 2,257,984 parameters for
 * 3-channel input. Input at least 32x32. On the wasm backend its depthwise convolutions train with
 * vision-core's DepthwiseConv2dNativeBackprop* kernels (backend/register-training-kernels.ts).
 * Trained from scratch, its BatchNorm moving averages (Keras' momentum 0.999) lag the weights: train
 * with `--precise-bn` (vision-core training/batch-norm-statistics.ts).
 */
export function buildMobileNetV2(options: BackboneOptions = {}): tf.LayersModel {
  const shape = options.inputShape ?? [224, 224, 3];
  assertMinInput(shape, 32, 'MobileNetV2');
  const input = tf.input({ shape, name: 'input' });
  let x = apply(tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'Conv1' }), input);
  x = bnRelu6(x, 'Conv1');
  // (expansion t, output channels c, repeats n, first stride s) from the paper's Table 2.
  const settings: [number, number, number, number][] = [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ];
  let block = 0;
  for (const [t, c, n, s] of settings) {
    for (let i = 0; i < n; i++) x = invertedResidual(x, t, c, i === 0 ? s : 1, block++);
  }
  x = apply(tf.layers.conv2d({ filters: 1280, kernelSize: 1, useBias: false, name: 'Conv_1' }), x);
  x = bnRelu6(x, 'Conv_1');
  return tf.model({ inputs: input, outputs: x, name: options.name ?? 'mobilenetv2' });
}
