// Transfer learning from our own lesion classifier: keep its convolutional trunk (and its trained
// weights) up to the global-average-pooled features and put a new softmax head on top for another
// label set, e.g. HAM10000's 7 diagnoses → PH2's common nevus / atypical nevus / melanoma.
import * as tf from '@tensorflow/tfjs';

/** Settings of the new head. */
export interface TransferHeadOptions {
  /** Layer whose output feeds the new head (default 'gap', the pooled features). */
  featureLayer?: string;
  /** Dropout before the new dense layer (default 0.3, as the source classifiers). */
  dropout?: number;
  /** Name of the new softmax layer. */
  headName?: string;
}

/**
 * A model sharing `source`'s layers (and so its weights) up to `featureLayer`, followed by dropout
 * and a new dense softmax over `numClasses`. Training it fine-tunes the shared trunk in place.
 */
export function transferClassifier(
  source: tf.LayersModel,
  numClasses: number,
  { featureLayer = 'gap', dropout = 0.3, headName = 'transfer_head' }: TransferHeadOptions = {},
): tf.LayersModel {
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new RangeError(`a transfer head needs at least 2 classes, got ${numClasses}`);
  }
  const names = source.layers.map((l) => l.name);
  if (!names.includes(featureLayer)) {
    throw new Error(`source model ${source.name} has no layer "${featureLayer}"; layers: ${names.join(', ')}`);
  }
  let x = source.getLayer(featureLayer).output as tf.SymbolicTensor;
  if (x.shape.length !== 2) {
    throw new Error(`layer "${featureLayer}" outputs ${JSON.stringify(x.shape)}, not a [batch, features] vector`);
  }
  if (dropout > 0) x = tf.layers.dropout({ rate: dropout, name: `${headName}_dropout` }).apply(x) as tf.SymbolicTensor;
  const probs = tf.layers
    .dense({ units: numClasses, activation: 'softmax', name: headName })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: source.inputs, outputs: probs, name: `${source.name}_transfer` });
}
