// Grad-CAM (Selvaraju et al. 2017): a class-activation heat map from a convolutional layer's
// activations weighted by the spatially averaged gradients of the class score. Browser-safe.
import * as tf from '@tensorflow/tfjs';
import { runLayerGraph } from './layer-graph';
import { asSingleBatch, chooseClass, classOutput, normalizeMap, type ExplanationMap } from './saliency-map';

/** Options of {@link gradCam}. */
export interface GradCamOptions {
  /** Layer whose activations are weighted; default the last top-level layer with a 4-D output. */
  layerName?: string;
  /** Class to explain; default the top prediction. */
  classIndex?: number;
}

const isSpatial = (layer: tf.layers.Layer): boolean => {
  const shape = layer.outputShape;
  // A multi-output layer reports a list of shapes.
  return Array.isArray(shape) && !Array.isArray(shape[0]) && shape.length === 4;
};

/** The default Grad-CAM layer: the last top-level layer producing [batch, h, w, channels]. */
export function lastSpatialLayer(model: tf.LayersModel): string {
  const spatial = model.layers.filter((l) => l.getClassName() !== 'InputLayer' && isSpatial(l));
  if (spatial.length === 0)
    throw new Error(`model ${model.name} has no layer with a [h, w, channels] output for Grad-CAM`);
  return spatial[spatial.length - 1].name;
}

/**
 * Grad-CAM of one image ([h, w, c] or [1, h, w, c], preprocessed as the model expects), upsampled
 * bilinearly to the input size and scaled to [0, 1]. Works for any top-level layer with a spatial
 * output, including a nested backbone model.
 */
export function gradCam(
  model: tf.LayersModel,
  image: tf.Tensor3D | tf.Tensor4D,
  options: GradCamOptions = {},
): ExplanationMap {
  const layerName = options.layerName ?? lastSpatialLayer(model);
  const layer = model.layers.find((l) => l.name === layerName);
  if (!layer) {
    throw new Error(
      `model ${model.name} has no layer "${layerName}"; layers: ${model.layers.map((l) => l.name).join(', ')}`,
    );
  }
  if (!isSpatial(layer))
    throw new Error(
      `layer "${layerName}" has output shape ${JSON.stringify(layer.outputShape)}, not [batch, h, w, channels]`,
    );
  return tf.tidy(() => {
    const x = asSingleBatch(image);
    const probabilities = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const k = chooseClass(probabilities, options.classIndex);
    const activations = tf
      .model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor })
      .predict(x) as tf.Tensor4D;
    const classScore = (a: tf.Tensor) =>
      classOutput(runLayerGraph(model, x, { layer: layerName, value: a }), k);
    const gradients = tf.grad(classScore)(activations);
    const weights = gradients.mean([1, 2], true);
    const cam = activations.mul(weights).sum(3, true).relu() as tf.Tensor4D;
    const [, height, width] = x.shape;
    const resized = tf.image.resizeBilinear(cam, [height, width]).squeeze([0, 3]);
    return {
      width,
      height,
      data: normalizeMap(resized.dataSync() as Float32Array),
      classIndex: k,
      score: probabilities[k],
    };
  });
}
