// A classifier's image features: the activations of one of its spatial layers averaged over the
// image (global average pooling), i.e. what its classification head reads when that layer is the
// last spatial one. Used to tell how unlike the training images an image is (./image-novelty).
import * as tf from '@tensorflow/tfjs';

const featureModels = new WeakMap<tf.LayersModel, Map<string, tf.LayersModel>>();

function featureModel(model: tf.LayersModel, layer: string): tf.LayersModel {
  let byLayer = featureModels.get(model);
  if (!byLayer) featureModels.set(model, (byLayer = new Map()));
  let extractor = byLayer.get(layer);
  if (!extractor) {
    let output: tf.SymbolicTensor;
    try {
      output = model.getLayer(layer).output as tf.SymbolicTensor;
    } catch {
      throw new Error(`the classifier has no layer "${layer}"`);
    }
    if (output.shape.length !== 4) {
      throw new Error(`layer "${layer}" outputs [${output.shape.join(', ')}], not a spatial [N, H, W, C] map`);
    }
    extractor = tf.model({ inputs: model.inputs, outputs: output });
    byLayer.set(layer, extractor);
  }
  return extractor;
}

/** The globally average-pooled activations of `layer` for each image of the batch [N, S, S, C]. */
export function pooledFeatures(model: tf.LayersModel, layer: string, input: tf.Tensor4D): Float32Array[] {
  const extractor = featureModel(model, layer);
  const [n, channels] = [input.shape[0], (extractor.outputs[0].shape as number[])[3]];
  const flat = tf.tidy(() => (extractor.predict(input) as tf.Tensor4D).mean([1, 2]).dataSync() as Float32Array);
  return Array.from({ length: n }, (_, i) => flat.slice(i * channels, (i + 1) * channels));
}
