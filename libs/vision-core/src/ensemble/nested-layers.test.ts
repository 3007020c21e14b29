import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAveragingEnsemble } from './probability-ensemble';
import { findNestedLayer, nestedModelNames } from './nested-layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function net(name: string): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers.dense({ units: 3, activation: 'relu', name: 'hidden' }).apply(input);
  const output = tf.layers.dense({ units: 2, activation: 'softmax', name: 'predictions' }).apply(hidden);
  return tf.model({ inputs: input, outputs: output as tf.SymbolicTensor, name });
}

describe('findNestedLayer', () => {
  it('finds layers of the model itself and inside nested members, with their owner', () => {
    const ensemble = buildAveragingEnsemble([net('a'), net('b')], 'pair');
    const names = nestedModelNames(ensemble);
    expect(names).toHaveLength(2);
    const second = findNestedLayer(ensemble, names[1]);
    expect(second?.owner).toBe(ensemble);
    expect(second?.layer).toBeInstanceOf(tf.LayersModel);
    const inner = findNestedLayer(ensemble, (second!.layer as tf.LayersModel).layers[1].name);
    expect(inner?.owner).toBe(second!.layer);
    expect(findNestedLayer(ensemble, 'nowhere')).toBeNull();
  });
});
