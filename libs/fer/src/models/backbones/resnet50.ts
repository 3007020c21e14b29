import * as tf from '@tensorflow/tfjs';

import { assertMinInput, type BackboneOptions } from './backbone-options';

const BN_EPSILON = 1.001e-5;

function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}

function convBn(x: tf.SymbolicTensor, filters: number, kernelSize: number, strides: number, name: string) {
  const y = apply(tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', name: `${name}_conv` }), x);
  return apply(tf.layers.batchNormalization({ axis: 3, epsilon: BN_EPSILON, name: `${name}_bn` }), y);
}

/** A bottleneck residual block (1x1 reduce, 3x3, 1x1 expand x4), stride on the first 1x1 as in Keras. */
function bottleneck(x: tf.SymbolicTensor, filters: number, strides: number, projection: boolean, name: string) {
  const shortcut = projection ? convBn(x, 4 * filters, 1, strides, `${name}_0`) : x;
  let y = convBn(x, filters, 1, strides, `${name}_1`);
  y = apply(tf.layers.reLU({ name: `${name}_1_relu` }), y);
  y = convBn(y, filters, 3, 1, `${name}_2`);
  y = apply(tf.layers.reLU({ name: `${name}_2_relu` }), y);
  y = convBn(y, 4 * filters, 1, 1, `${name}_3`);
  y = apply(tf.layers.add({ name: `${name}_add` }), [shortcut, y]);
  return apply(tf.layers.reLU({ name: `${name}_out` }), y);
}

/**
 * ResNet50 (v1) without its classifier (He et al. 2016; Keras' structure and names): 7x7/2 stem,
 * 3x3/2 max pool, then 3, 4, 6 and 3 bottleneck blocks of 64, 128, 256 and 512 filters.
 * 23,587,712 parameters for 3-channel input. Input at least 32x32.
 */
export function buildResNet50(options: BackboneOptions = {}): tf.LayersModel {
  const shape = options.inputShape ?? [224, 224, 3];
  assertMinInput(shape, 32, 'ResNet50');
  const input = tf.input({ shape, name: 'input' });
  let x = apply(tf.layers.zeroPadding2d({ padding: 3, name: 'conv1_pad' }), input);
  x = apply(tf.layers.conv2d({ filters: 64, kernelSize: 7, strides: 2, name: 'conv1_conv' }), x);
  x = apply(tf.layers.batchNormalization({ axis: 3, epsilon: BN_EPSILON, name: 'conv1_bn' }), x);
  x = apply(tf.layers.reLU({ name: 'conv1_relu' }), x);
  x = apply(tf.layers.zeroPadding2d({ padding: 1, name: 'pool1_pad' }), x);
  x = apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' }), x);
  const stages: [number, number, number][] = [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ];
  stages.forEach(([filters, blocks, stride], s) => {
    for (let b = 0; b < blocks; b++) {
      x = bottleneck(x, filters, b === 0 ? stride : 1, b === 0, `conv${s + 2}_block${b + 1}`);
    }
  });
  return tf.model({ inputs: input, outputs: x, name: options.name ?? 'resnet50' });
}
