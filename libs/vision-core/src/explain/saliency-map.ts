// Vanilla-gradient saliency (Simonyan et al. 2014): how strongly each input pixel moves the class
// score. Browser-safe.
import * as tf from '@tensorflow/tfjs';

/** A per-pixel importance map in [0, 1], row-major, the size of the model input. */
export interface ExplanationMap {
  width: number;
  height: number;
  data: Float32Array;
  /** The class explained (the top prediction unless one was asked for). */
  classIndex: number;
  /** The model's probability (output) for that class. */
  score: number;
}

/** Scales values to [0, 1] by their maximum (all zeros stay zero). */
export function normalizeMap(values: Float32Array): Float32Array {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max > 0 ? values.map((v) => v / max) : values;
}

/** Adds the batch axis to a single image ([h, w, c] → [1, h, w, c]); batches of one pass through. */
export function asSingleBatch(image: tf.Tensor3D | tf.Tensor4D): tf.Tensor4D {
  if (image.rank === 3) return image.expandDims(0) as tf.Tensor4D;
  if (image.shape[0] !== 1) throw new Error(`explain one image at a time; got a batch of ${image.shape[0]}`);
  return image as tf.Tensor4D;
}

/**
 * The output of class k summed over the batch. A one-hot product rather than gather: gather's
 * gradient needs UnsortedSegmentSum, which the wasm backend lacks.
 */
export function classOutput(output: tf.Tensor, k: number): tf.Scalar {
  const numClasses = output.shape[output.rank - 1]!;
  return output.mul(tf.oneHot([k], numClasses)).sum();
}

/** The class to explain: `requested` (checked) or the top prediction. */
export function chooseClass(
  probabilities: Float32Array | Int32Array | Uint8Array,
  requested?: number,
): number {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 0 || requested >= probabilities.length) {
      throw new Error(`class index ${requested} is outside the model's ${probabilities.length} outputs`);
    }
    return requested;
  }
  let top = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[top]) top = k;
  return top;
}

/**
 * Saliency of one image ([h, w, c] or [1, h, w, c], preprocessed as the model expects): the
 * absolute gradient of the class output with respect to the input, max over channels, scaled to [0, 1].
 */
export function saliencyMap(
  model: tf.LayersModel,
  image: tf.Tensor3D | tf.Tensor4D,
  classIndex?: number,
): ExplanationMap {
  return tf.tidy(() => {
    const x = asSingleBatch(image);
    const probabilities = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const k = chooseClass(probabilities, classIndex);
    const gradient = tf.grad((input: tf.Tensor) => classOutput(model.apply(input) as tf.Tensor, k))(x);
    const map = gradient.abs().max(3).squeeze([0]);
    const [height, width] = map.shape;
    return {
      width,
      height,
      data: normalizeMap(map.dataSync() as Float32Array),
      classIndex: k,
      score: probabilities[k],
    };
  });
}
