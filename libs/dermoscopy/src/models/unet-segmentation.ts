// Runs a trained lesion U-Net on an image of any size: resize to the network input, predict, scale
// the probability map back to the image and keep the main connected lesion (holes filled).
import * as tf from '@tensorflow/tfjs';
import { resizeBilinear, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';

import { resizeUnitMap } from './resize-map';
import { postprocessProbabilityMap, type MainLesionOptions } from '../segmentation/main-lesion';
import type { ProbabilityMap } from '../segmentation/probability-map';

/** The network's lesion mask at the image's resolution, and the raw probabilities behind it. */
export interface UnetSegmentation {
  mask: BinaryMask;
  probability: ProbabilityMap;
}

/** [1, size, size, 3] float input in [0, 1] from an RGB raster (resized bilinearly). */
export function imageToInputTensor(image: RasterImage, size: number): tf.Tensor4D {
  if (image.channels !== 3) throw new RangeError(`lesion networks take RGB images, got ${image.channels} channels`);
  const resized = image.width === size && image.height === size ? image : resizeBilinear(image, size, size);
  return tf.tidy(() => tf.tensor4d(resized.data, [1, size, size, 3], 'int32').toFloat().div(255) as tf.Tensor4D);
}

/** Segments the lesion with `model` (sigmoid [S, S, 1] output); `threshold` binarizes the probabilities. */
export function segmentLesionUnet(
  model: tf.LayersModel,
  image: RasterImage,
  { threshold = 0.5, mainLesion = {} }: { threshold?: number; mainLesion?: MainLesionOptions } = {},
): UnetSegmentation {
  const size = model.inputs[0].shape[1];
  if (typeof size !== 'number') throw new Error('the U-Net needs a fixed input size');
  const small = tf.tidy(() => {
    const input = imageToInputTensor(image, size);
    return (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
  });
  const data = resizeUnitMap(small, size, size, image.width, image.height);
  const probability: ProbabilityMap = { width: image.width, height: image.height, data };
  return { mask: postprocessProbabilityMap(probability, threshold, mainLesion), probability };
}
