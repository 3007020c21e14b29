// Grad-CAM (Selvaraju et al. 2017): a class-activation heat map from a convolutional layer's
// activations weighted by the spatially averaged gradients of the class score. Browser-safe.
import * as tf from '@tensorflow/tfjs';
import { averagingEnsembleParts } from '../ensemble/probability-ensemble';
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

/** The unnormalised Grad-CAM of class k at `layerName`, upsampled to the input size ([h, w]). */
function classActivationMap(
  model: tf.LayersModel,
  x: tf.Tensor4D,
  layerName: string,
  k: number,
): tf.Tensor2D {
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
  const activations = tf
    .model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor })
    .predict(x) as tf.Tensor4D;
  const classScore = (a: tf.Tensor) =>
    classOutput(runLayerGraph(model, x, { layer: layerName, value: a }), k);
  const gradients = tf.grad(classScore)(activations);
  const weights = gradients.mean([1, 2], true);
  const cam = activations.mul(weights).sum(3, true).relu() as tf.Tensor4D;
  const [, height, width] = x.shape;
  return tf.image.resizeBilinear(cam, [height, width]).squeeze([0, 3]);
}

/**
 * Grad-CAM of one image ([h, w, c] or [1, h, w, c], preprocessed as the model expects), upsampled
 * bilinearly to the input size and scaled to [0, 1]. Works for any top-level layer with a spatial
 * output, including a nested backbone model. For a probability-averaging ensemble (vision-core
 * ensemble) without `layerName`, the class is chosen on the ensemble's output and the map is the
 * members' Grad-CAMs (each at its own last spatial layer) weighted by their shares: the ensemble's
 * class score is that weighted sum of the members' scores.
 */
export function gradCam(
  model: tf.LayersModel,
  image: tf.Tensor3D | tf.Tensor4D,
  options: GradCamOptions = {},
): ExplanationMap {
  const ensemble = options.layerName === undefined ? averagingEnsembleParts(model) : null;
  const layerName = ensemble ? null : (options.layerName ?? lastSpatialLayer(model));
  return tf.tidy(() => {
    const x = asSingleBatch(image);
    const probabilities = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const k = chooseClass(probabilities, options.classIndex);
    const map = ensemble
      ? tf.addN(
          ensemble.members.map((member, i) =>
            classActivationMap(member, x, lastSpatialLayer(member), k).mul(ensemble.weights[i]),
          ),
        )
      : classActivationMap(model, x, layerName!, k);
    const [, height, width] = x.shape;
    return {
      width,
      height,
      data: normalizeMap(map.dataSync() as Float32Array),
      classIndex: k,
      score: probabilities[k],
    };
  });
}
