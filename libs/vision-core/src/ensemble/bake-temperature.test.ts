import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { bakeTemperature } from './bake-temperature';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function classifier(activation: 'softmax' | 'sigmoid' = 'softmax'): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers
    .dense({ units: 5, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) })
    .apply(input);
  const out = tf.layers
    .dense({
      units: 3,
      activation,
      kernelInitializer: tf.initializers.randomNormal({ seed: 2 }),
      biasInitializer: 'ones',
    })
    .apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

describe('bakeTemperature', () => {
  it('makes the model output softmax(logits / T)', () => {
    const model = classifier();
    const x = tf.randomUniform([6, 4], -2, 2, 'float32', 3);
    const before = model.predict(x) as tf.Tensor;
    const expected = tf.softmax(tf.log(before).div(2.5)).dataSync();
    bakeTemperature(model, 2.5);
    Array.from((model.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(expected[i], 5),
    );
  });

  it('refuses a non-positive temperature and an output that is not a softmax Dense', () => {
    expect(() => bakeTemperature(classifier(), 0)).toThrow(/positive number, got 0/);
    expect(() => bakeTemperature(classifier('sigmoid'), 1.5)).toThrow(
      /activation sigmoid, not a softmax Dense/,
    );
  });
});
