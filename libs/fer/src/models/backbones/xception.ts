import * as tf from '@tensorflow/tfjs';

import { assertMinInput, type BackboneOptions } from './backbone-options';

function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}

function bn(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return apply(tf.layers.batchNormalization({ name }), x);
}

function relu(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return apply(tf.layers.reLU({ name }), x);
}

function sepConv(x: tf.SymbolicTensor, filters: number, name: string): tf.SymbolicTensor {
  return apply(tf.layers.separableConv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, name }), x);
}

/** Entry/exit-flow block: [ReLU] sepconv BN ReLU sepconv BN, 3x3/2 max pool, plus a 1x1/2 conv shortcut. */
function downBlock(x: tf.SymbolicTensor, filters: [number, number], name: string, leadingRelu: boolean) {
  let shortcut = apply(
    tf.layers.conv2d({ filters: filters[1], kernelSize: 1, strides: 2, padding: 'same', useBias: false, name: `${name}_shortcut` }),
    x,
  );
  shortcut = bn(shortcut, `${name}_shortcut_bn`);
  let y = leadingRelu ? relu(x, `${name}_sepconv1_act`) : x;
  y = bn(sepConv(y, filters[0], `${name}_sepconv1`), `${name}_sepconv1_bn`);
  y = relu(y, `${name}_sepconv2_act`);
  y = bn(sepConv(y, filters[1], `${name}_sepconv2`), `${name}_sepconv2_bn`);
  y = apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: `${name}_pool` }), y);
  return apply(tf.layers.add({ name: `${name}_add` }), [y, shortcut]);
}

/**
 * Xception without its classifier (Chollet 2017; Keras' structure): entry flow (two convs, three
 * down-sampling separable blocks to 728 channels), eight middle-flow residual blocks of three 728
 * separable convs, exit flow to 2048 channels. 20,861,480 parameters for 3-channel input. Input at
 * least 71x71.
 */
export function buildXception(options: BackboneOptions = {}): tf.LayersModel {
  const shape = options.inputShape ?? [299, 299, 3];
  assertMinInput(shape, 71, 'Xception');
  const input = tf.input({ shape, name: 'input' });
  let x = apply(tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, useBias: false, name: 'block1_conv1' }), input);
  x = relu(bn(x, 'block1_conv1_bn'), 'block1_conv1_act');
  x = apply(tf.layers.conv2d({ filters: 64, kernelSize: 3, useBias: false, name: 'block1_conv2' }), x);
  x = relu(bn(x, 'block1_conv2_bn'), 'block1_conv2_act');
  x = downBlock(x, [128, 128], 'block2', false);
  x = downBlock(x, [256, 256], 'block3', true);
  x = downBlock(x, [728, 728], 'block4', true);
  for (let b = 5; b <= 12; b++) {
    let y = x;
    for (let c = 1; c <= 3; c++) {
      y = relu(y, `block${b}_sepconv${c}_act`);
      y = bn(sepConv(y, 728, `block${b}_sepconv${c}`), `block${b}_sepconv${c}_bn`);
    }
    x = apply(tf.layers.add({ name: `block${b}_add` }), [y, x]);
  }
  x = downBlock(x, [728, 1024], 'block13', true);
  x = relu(bn(sepConv(x, 1536, 'block14_sepconv1'), 'block14_sepconv1_bn'), 'block14_sepconv1_act');
  x = relu(bn(sepConv(x, 2048, 'block14_sepconv2'), 'block14_sepconv2_bn'), 'block14_sepconv2_act');
  return tf.model({ inputs: input, outputs: x, name: options.name ?? 'xception' });
}
