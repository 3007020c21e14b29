import * as tf from '@tensorflow/tfjs';
import { findNestedLayer } from '@visioncad/vision-core/ensemble';

/** Options of {@link copyPretrainedWeights}. */
export interface CopyPretrainedWeightsOptions {
  /**
   * Layers of the target that keep their fresh initialisation. Default: the last layer (the
   * classifier), because the source was trained on another label set (FER2013's neutral is not
   * CK+'s contempt, and the 4-class head has other outputs altogether).
   */
  except?: readonly string[];
}

/**
 * A shipped model may wrap its network in test-time views (buildFlipAveraging: mirror and zoom
 * branches that share one nested network): the weights then come from the nested model that has
 * the target's name. Any other source is taken as it is.
 */
function sameNetworkInside(target: tf.LayersModel, source: tf.LayersModel): tf.LayersModel {
  const nested = findNestedLayer(source, target.name)?.layer;
  return nested instanceof tf.LayersModel ? nested : source;
}

/**
 * Fine-tuning's starting point: copies into `target` the weights of every layer the two models
 * share by name (same architecture, e.g. a seed-000 CNN pretrained on FER2013 into a fresh seed-000
 * CNN for CK+), except the classifier. A target layer with weights that the source lacks, or holds
 * in another shape, is an error naming the layer: the source is not the same network. Returns the
 * names of the layers copied. A source exported with test-time views gives the network inside it.
 */
export function copyPretrainedWeights(
  target: tf.LayersModel,
  source: tf.LayersModel,
  options: CopyPretrainedWeightsOptions = {},
): string[] {
  source = sameNetworkInside(target, source);
  const except = new Set(options.except ?? [target.layers[target.layers.length - 1].name]);
  const copied: string[] = [];
  for (const layer of target.layers) {
    if (except.has(layer.name) || layer.weights.length === 0) continue;
    const from = source.layers.find((l) => l.name === layer.name);
    if (!from) {
      throw new Error(
        `the pretrained model ${source.name} has no layer "${layer.name}"; it is not a ${target.name} network`,
      );
    }
    const shapes = (l: tf.layers.Layer) => l.weights.map((w) => `[${w.shape.join(', ')}]`).join(' ');
    if (shapes(from) !== shapes(layer)) {
      throw new Error(
        `layer "${layer.name}" of the pretrained model ${source.name} has weights ${shapes(from)}, but ${target.name} needs ${shapes(layer)}`,
      );
    }
    layer.setWeights(from.getWeights());
    copied.push(layer.name);
  }
  return copied;
}

/**
 * Transfer learning on a model whose last layer is its classifier: with no `unfreezeLast` every
 * layer but the classifier is frozen; with `unfreezeLast` n the last n layers before the classifier
 * train too (as Keras' `base.layers[-n:]`). Batch norm layers keep using batch statistics in
 * training even when frozen (tfjs, unlike Keras 2).
 */
export function freezeAllButHead(model: tf.LayersModel, unfreezeLast = 0): void {
  if (!Number.isInteger(unfreezeLast) || unfreezeLast < 0) {
    throw new RangeError(`number of layers to unfreeze must be >= 0, got ${unfreezeLast}`);
  }
  const head = model.layers.length - 1;
  model.layers.forEach((layer, i) => (layer.trainable = i === head || i >= head - unfreezeLast));
}
