import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildFlipAveraging } from './flip-averaging';
import { copyPretrainedWeights, freezeAllButHead } from './pretrained-weights';
import { buildSeed000Cnn } from './seed000-cnn';
import { buildSeed003Cnn } from './seed003-cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (layer: tf.layers.Layer) => layer.getWeights().map((w) => Array.from(w.dataSync()));

describe('copyPretrainedWeights', () => {
  it('copies every layer but the classifier, which keeps its fresh initialisation', () => {
    const pretrained = buildSeed000Cnn({ numClasses: 7 });
    const fresh = buildSeed000Cnn({ numClasses: 4 });
    const headBefore = values(fresh.getLayer('predictions'));
    const copied = copyPretrainedWeights(fresh, pretrained);
    expect(copied).toEqual(['conv1', 'conv1_bn', 'conv2', 'conv2_bn', 'conv3', 'conv3_bn', 'fc1024', 'fc1024_bn']);
    for (const name of copied) expect(values(fresh.getLayer(name))).toEqual(values(pretrained.getLayer(name)));
    expect(values(fresh.getLayer('predictions'))).toEqual(headBefore);
  });

  it('takes the network out of a model exported with test-time views', () => {
    const pretrained = buildSeed000Cnn({ numClasses: 7 });
    const exported = buildFlipAveraging(pretrained, 'exported', { zoomMargin: 2 });
    const fresh = buildSeed000Cnn({ numClasses: 7 });
    const copied = copyPretrainedWeights(fresh, exported, { except: [] });
    expect(copied).toContain('predictions');
    for (const name of copied) expect(values(fresh.getLayer(name))).toEqual(values(pretrained.getLayer(name)));
  });

  it('names the layer when the pretrained model is another network', () => {
    expect(() => copyPretrainedWeights(buildSeed000Cnn(), buildSeed003Cnn())).toThrow(
      /has no layer "conv1"; it is not a seed000_cnn network/,
    );
    expect(() => copyPretrainedWeights(buildSeed000Cnn(), buildSeed000Cnn({ inputShape: [64, 64, 1] }))).toThrow(
      /layer "fc1024" .* has weights \[4096, 1024\], but seed000_cnn needs \[2304, 1024\]/,
    );
  });
});

describe('freezeAllButHead', () => {
  const trainableLayers = (m: tf.LayersModel) =>
    m.layers.filter((l) => l.trainable && l.weights.length > 0).map((l) => l.name);

  it('trains only the classifier, or also the last n layers before it', () => {
    const model = buildSeed000Cnn();
    freezeAllButHead(model);
    expect(trainableLayers(model)).toEqual(['predictions']);
    expect(model.trainableWeights).toHaveLength(2);
    // Before the classifier: fc1024, fc1024_bn, fc1024_relu, fc1024_dropout.
    freezeAllButHead(model, 3);
    expect(trainableLayers(model)).toEqual(['fc1024_bn', 'predictions']);
    freezeAllButHead(model, 4);
    expect(trainableLayers(model)).toEqual(['fc1024', 'fc1024_bn', 'predictions']);
    expect(() => freezeAllButHead(model, -1)).toThrow(/>= 0/);
  });
});
