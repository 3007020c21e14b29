// Temperature scaling (Guo et al. 2017) written into a softmax classifier's weights: dividing the
// output Dense layer's kernel and bias by T divides its logits by T, so the model itself outputs
// softmax(z / T). Members calibrated this way can then share one averaging graph
// (probability-ensemble) that means exactly "the mean of the calibrated probabilities".
import * as tf from '@tensorflow/tfjs';

/** Divides `model`'s output logits by `temperature` in place; the output layer must be a softmax Dense. */
export function bakeTemperature(model: tf.LayersModel, temperature: number): void {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a positive number, got ${temperature}`);
  }
  const output = (model.outputs[0] as unknown as { sourceLayer: tf.layers.Layer }).sourceLayer;
  const config = output.getConfig();
  if (output.getClassName() !== 'Dense' || config.activation !== 'softmax') {
    throw new Error(
      `model ${model.name}: its output layer ${output.name} is a ${output.getClassName()} with activation ${String(config.activation)}, not a softmax Dense, so no temperature can be written into it`,
    );
  }
  const scaled = tf.tidy(() => output.getWeights().map((w) => w.div(temperature)));
  output.setWeights(scaled);
  tf.dispose(scaled);
}
