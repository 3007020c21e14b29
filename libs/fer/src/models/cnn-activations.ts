import * as tf from '@tensorflow/tfjs';
import { findNestedLayer } from '@visioncad/vision-core/ensemble';
import type { RasterImage } from '@visioncad/vision-core/image';

import { buildFlipAveraging } from './flip-averaging';

/**
 * A network whose output is the named layers' activations of a trained FER CNN, each flattened and
 * concatenated in the order given; with `flip` the mean of the face's and its mirror image's
 * activations. The layers may sit in a network nested in `model` (a shipped model that wraps its CNN
 * in test-time views): the features then come from that CNN itself. `where` names the model in errors.
 */
export function buildCnnActivations(
  model: tf.LayersModel,
  layers: readonly string[],
  flip: boolean,
  where = 'the model',
): tf.LayersModel {
  if (layers.length === 0) throw new RangeError(`${where}: name at least one layer for CNN features`);
  const found = layers.map((name) => {
    const hit = findNestedLayer(model, name);
    if (!hit) {
      throw new Error(`${where} has no layer "${name}"; its layers: ${model.layers.map((l) => l.name).join(', ')}`);
    }
    return hit;
  });
  const { owner } = found[0];
  if (found.some((hit) => hit.owner !== owner)) {
    throw new Error(`${where}: the layers ${layers.join(', ')} are not all in the same network`);
  }
  const outputs = found.map(({ layer }) => {
    const output = layer.output as tf.SymbolicTensor;
    return output.shape.length > 2 ? (tf.layers.flatten().apply(output) as tf.SymbolicTensor) : output;
  });
  const activations = tf.model({
    inputs: owner.inputs,
    outputs: outputs.length > 1 ? (tf.layers.concatenate().apply(outputs) as tf.SymbolicTensor) : outputs[0],
  });
  return flip ? buildFlipAveraging(activations) : activations;
}

/** The extractor's activations for gray face crops (scaled to [0, 1] as in training), in batches. */
export async function cnnActivationRows(
  extractor: tf.LayersModel,
  faces: readonly RasterImage[],
  batchSize = 128,
): Promise<Float32Array[]> {
  const [, height, width, channels] = extractor.inputs[0].shape;
  const rows: Float32Array[] = [];
  for (let start = 0; start < faces.length; start += batchSize) {
    const batch = faces.slice(start, start + batchSize);
    batch.forEach((face, k) => {
      if (face.width !== width || face.height !== height || face.channels !== channels) {
        throw new RangeError(
          `face ${start + k} is ${face.width}x${face.height}x${face.channels}; the CNN takes ${width}x${height}x${channels}`,
        );
      }
    });
    const x = tf.tidy(() =>
      tf.stack(
        batch.map((face) =>
          tf.tensor3d(Float32Array.from(face.data, (v) => v / 255), [face.height, face.width, face.channels]),
        ),
      ),
    );
    const y = extractor.predict(x) as tf.Tensor2D;
    const data = await y.data();
    const units = y.shape[1];
    for (let i = 0; i < batch.length; i++) rows.push(Float32Array.from(data.subarray(i * units, (i + 1) * units)));
    tf.dispose([x, y]);
  }
  return rows;
}
