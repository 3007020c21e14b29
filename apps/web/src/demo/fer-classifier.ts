// The shipped FER network in the browser: batches 48x48 gray face crops, scales them to 0..1 as in
// training (models/<fer>/card.json "input"), returns one softmax row per face.
import * as tf from '@tensorflow/tfjs';
import type { RasterImage } from '@visioncad/vision-core/image';
import type { DemoModelInfo } from './demo-model-info';

/** A loaded FER classifier and its label order. */
export interface FerClassifier {
  labels: readonly string[];
  size: number;
  /** Where the eyes sat in the training crops: faces with landmarks are cut to match. */
  framing?: DemoModelInfo['faceFraming'];
  /** Softmax probabilities per crop, in `labels` order. */
  classify(crops: readonly RasterImage[]): Float32Array[];
}

/** Loads the FER model described by `info` (tfjs LayersModel, uint8-quantized weights). */
export async function loadFerClassifier(info: DemoModelInfo): Promise<FerClassifier> {
  const model = await tf.loadLayersModel(info.modelUrl);
  const size = info.input.width;
  if (info.input.channels !== 1 || info.input.height !== size) {
    throw new Error(
      `${info.model}: the demo expects a square 1-channel face input, the card says ${size}x${info.input.height}x${info.input.channels}`,
    );
  }
  const outputs = model.outputs[0].shape[1];
  if (outputs !== info.labels.length) {
    throw new Error(
      `${info.model} outputs ${outputs} classes but its card lists ${info.labels.length} labels`,
    );
  }
  // One warm-up call compiles the backend's kernels, so the first frame's latency is not an outlier.
  tf.tidy(() => model.predict(tf.zeros([1, size, size, 1])));
  return {
    labels: info.labels,
    size,
    framing: info.faceFraming,
    classify(crops) {
      if (crops.length === 0) return [];
      const batch = new Float32Array(crops.length * size * size);
      crops.forEach((crop, k) => {
        if (crop.width !== size || crop.height !== size || crop.channels !== 1) {
          throw new RangeError(
            `face crop ${k} is ${crop.width}x${crop.height}x${crop.channels}, expected ${size}x${size}x1`,
          );
        }
        for (let i = 0; i < crop.data.length; i++) batch[k * size * size + i] = crop.data[i] / 255;
      });
      const probs = tf.tidy(() =>
        (model.predict(tf.tensor4d(batch, [crops.length, size, size, 1])) as tf.Tensor).dataSync(),
      );
      const classes = info.labels.length;
      return crops.map((_, k) => Float32Array.from(probs.subarray(k * classes, (k + 1) * classes)));
    },
  };
}
