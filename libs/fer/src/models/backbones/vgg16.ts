import * as tf from '@tensorflow/tfjs';

import { assertMinInput, type BackboneOptions } from './backbone-options';

/**
 * Variance 2 / fan-out, that of torchvision's `kaiming_normal_(mode='fan_out', nonlinearity='relu')`,
 * drawn uniformly: tfjs' 'normal' is a normal truncated at two deviations without rescaling, whose
 * variance would be 23% short.
 */
function heFanOut() {
  return tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' });
}

/**
 * VGG16 without its classifier (Simonyan & Zisserman 2015; Keras' layer names): five blocks of 3x3
 * ReLU convolutions (64, 128, 256, 512, 512 filters; 2, 2, 3, 3, 3 layers) each closed by 2x2 max
 * pooling. 14,714,688 parameters for 3-channel input. Input at least 32x32.
 *
 * The kernels start from He et al.'s (2015) variance 2 / fan-out, as in torchvision's VGG, not from
 * Keras' Glorot default: without batch normalisation, Glorot's variance (about half of He's for
 * these square 3x3 stages) shrinks the ReLU signal at each of the 13 convolutions, and trained from
 * scratch on CK+ the network never left the class prior.
 */
export function buildVgg16(options: BackboneOptions = {}): tf.LayersModel {
  const shape = options.inputShape ?? [224, 224, 3];
  assertMinInput(shape, 32, 'VGG16');
  const input = tf.input({ shape, name: 'input' });
  let x: tf.SymbolicTensor = input;
  const blocks: [number, number][] = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ];
  blocks.forEach(([filters, convs], b) => {
    for (let c = 0; c < convs; c++) {
      x = tf.layers
        .conv2d({
          filters,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: heFanOut(),
          name: `block${b + 1}_conv${c + 1}`,
        })
        .apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }).apply(x) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: x, name: options.name ?? 'vgg16' });
}
