import * as tf from '@tensorflow/tfjs';

/**
 * A layer that mirrors an image left-right, built from stock layers so the model saves and loads in
 * any tfjs runtime without a custom layer: the width axis is moved last, multiplied by a fixed
 * anti-identity matrix (a permutation, exact also after uint8 weight quantization) and moved back.
 */
function horizontalFlip(input: tf.SymbolicTensor, width: number, prefix: string): tf.SymbolicTensor {
  const widthLast = tf.layers.permute({ dims: [3, 1, 2], name: `${prefix}width_last` }).apply(input);
  const mirror = tf.layers.dense({
    units: width,
    useBias: false,
    trainable: false,
    name: `${prefix}mirror`,
    weights: [tf.reverse(tf.eye(width), 1)],
  });
  const mirrored = mirror.apply(widthLast);
  return tf.layers.permute({ dims: [2, 3, 1], name: `${prefix}width_back` }).apply(mirrored) as tf.SymbolicTensor;
}

/**
 * Test-time augmentation as one model: the mean of `model`'s softmax on the image and on its mirror
 * image (faces are near-symmetric, and training already used random flips). The member keeps its
 * weights and layer names and is shared by both branches, so the file size barely changes; the cost
 * is one extra forward pass per face.
 */
export function buildFlipAveraging(model: tf.LayersModel, name = `${model.name}_flip_averaged`): tf.LayersModel {
  const shape = model.inputs[0].shape;
  if (shape.length !== 4 || typeof shape[2] !== 'number') {
    throw new Error(`flip averaging needs an image input [batch, height, width, channels], got ${JSON.stringify(shape)}`);
  }
  const input = tf.input({ shape: shape.slice(1) as number[], name: 'image' });
  const direct = model.apply(input) as tf.SymbolicTensor;
  const mirrored = model.apply(horizontalFlip(input, shape[2], 'tta_')) as tf.SymbolicTensor;
  const mean = tf.layers.average({ name: 'tta_mean_probabilities' }).apply([direct, mirrored]) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mean, name });
}
