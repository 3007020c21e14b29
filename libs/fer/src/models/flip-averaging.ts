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
 * The [in, out] matrix of 1-D bilinear resampling as tf.image.resizeBilinear does it (no corner
 * alignment, no half-pixel centres): output i reads input i * in / out.
 */
export function bilinearResizeMatrix(inSize: number, outSize: number): tf.Tensor2D {
  const m = new Float32Array(inSize * outSize);
  for (let i = 0; i < outSize; i++) {
    const src = (i * inSize) / outSize;
    const i0 = Math.floor(src);
    const i1 = Math.min(i0 + 1, inSize - 1);
    const frac = src - i0;
    m[i0 * outSize + i] += 1 - frac;
    m[i1 * outSize + i] += frac;
  }
  return tf.tensor2d(m, [inSize, outSize]);
}

/**
 * A centre zoom from stock layers: `margin` pixels cropped off every side, then bilinear resampling
 * back to the input size as two fixed dense maps (width, then height).
 */
function centreZoom(
  input: tf.SymbolicTensor,
  height: number,
  width: number,
  margin: number,
  prefix: string,
): tf.SymbolicTensor {
  const cropped = tf.layers
    .cropping2D({ cropping: [[margin, margin], [margin, margin]], name: `${prefix}crop` })
    .apply(input);
  const fixed = (name: string, inSize: number, outSize: number) =>
    tf.layers.dense({
      units: outSize,
      useBias: false,
      trainable: false,
      name: `${prefix}${name}`,
      weights: [bilinearResizeMatrix(inSize, outSize)],
    });
  const widthLast = tf.layers.permute({ dims: [3, 1, 2], name: `${prefix}width_last` }).apply(cropped);
  const wide = fixed('resize_width', width - 2 * margin, width).apply(widthLast);
  const heightLast = tf.layers.permute({ dims: [1, 3, 2], name: `${prefix}height_last` }).apply(wide);
  const tall = fixed('resize_height', height - 2 * margin, height).apply(heightLast);
  return tf.layers.permute({ dims: [3, 2, 1], name: `${prefix}back` }).apply(tall) as tf.SymbolicTensor;
}

/** Options of {@link buildFlipAveraging}. */
export interface TestTimeAugmentation {
  /**
   * Also average the centre zoom that crops this many pixels off every side (and its mirror image):
   * four forward passes per face instead of two.
   */
  zoomMargin?: number;
}

/**
 * Test-time augmentation as one model: the mean of `model`'s softmax on the image and on its mirror
 * image (faces are near-symmetric, and training already used random flips), and optionally on a
 * centre zoom of both. The member keeps its weights and layer names and is shared by every branch,
 * so the file size barely changes; the cost is one forward pass per view.
 */
export function buildFlipAveraging(
  model: tf.LayersModel,
  name = `${model.name}_flip_averaged`,
  augmentation: TestTimeAugmentation = {},
): tf.LayersModel {
  const shape = model.inputs[0].shape;
  if (shape.length !== 4 || typeof shape[1] !== 'number' || typeof shape[2] !== 'number') {
    throw new Error(`flip averaging needs an image input [batch, height, width, channels], got ${JSON.stringify(shape)}`);
  }
  const [height, width] = [shape[1], shape[2]];
  const { zoomMargin } = augmentation;
  if (zoomMargin !== undefined && !(Number.isInteger(zoomMargin) && zoomMargin > 0 && 4 * zoomMargin < Math.min(height, width))) {
    throw new Error(`the zoom margin must be a whole number of pixels below a quarter of ${height}x${width}, got ${zoomMargin}`);
  }
  const input = tf.input({ shape: shape.slice(1) as number[], name: 'image' });
  const views = [input, horizontalFlip(input, width, 'tta_')];
  if (zoomMargin) {
    const zoomed = centreZoom(input, height, width, zoomMargin, 'tta_zoom_');
    views.push(zoomed, horizontalFlip(zoomed, width, 'tta_zoom_flip_'));
  }
  const outputs = views.map((v) => model.apply(v) as tf.SymbolicTensor);
  const mean = tf.layers.average({ name: 'tta_mean_probabilities' }).apply(outputs) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mean, name });
}
