import * as tf from '@tensorflow/tfjs';

/** A layer found by name, with the (sub)model whose graph holds it. */
export interface NestedLayer {
  owner: tf.LayersModel;
  layer: tf.layers.Layer;
}

/**
 * The layer called `name` in `model` or, depth first, in a model nested in it: an ensemble's member
 * networks and the network inside a test-time-views wrapper are nested models. Null when there is none.
 */
export function findNestedLayer(model: tf.LayersModel, name: string): NestedLayer | null {
  for (const layer of model.layers) {
    if (layer.name === name) return { owner: model, layer };
    if (layer instanceof tf.LayersModel) {
      const nested = findNestedLayer(layer, name);
      if (nested) return nested;
    }
  }
  return null;
}

/** The names of the models nested in `model`, depth first (what {@link findNestedLayer} can take out whole). */
export function nestedModelNames(model: tf.LayersModel): string[] {
  return model.layers.flatMap((l) => (l instanceof tf.LayersModel ? [l.name, ...nestedModelNames(l)] : []));
}
