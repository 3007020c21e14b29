import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildVgg16 } from './backbones/vgg16';
import {
  backboneFromModel,
  backboneInputSide,
  backboneNames,
  buildBackbone,
  buildTransferModel,
  freezeBackbone,
  registerBackbone,
  unfreezeLastLayers,
} from './transfer-learning';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const count = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b as number), 1), 0);

/** A small conv net standing in for a pretrained model a user brings. */
function smallClassifier(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3] });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, name: 'c1' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 3, name: 'c2' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 3, name: 'c3' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 10, activation: 'softmax', name: 'imagenet_head' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'pretrained' });
}

describe('backbone registry', () => {
  it('builds the four families by name and accepts new ones', () => {
    expect(backboneNames()).toEqual(expect.arrayContaining(['vgg16', 'resnet50', 'mobilenetv2', 'xception']));
    expect(() => buildBackbone('senet50')).toThrow(/unknown backbone "senet50"/);
    registerBackbone('tiny-test', () => backboneFromModel(smallClassifier()));
    expect(buildBackbone('tiny-test').outputs[0].shape).toEqual([null, 800]);
    expect(backboneInputSide('tiny-test', 20)).toBe(20);
    expect(() => registerBackbone('vgg16', buildVgg16)).toThrow(/already registered/);
  });
});

describe('buildTransferModel', () => {
  it('a 48 px face reaches Xception at its 71 px minimum; the other families take it as it is', () => {
    expect(backboneInputSide('xception', 48)).toBe(71);
    expect(backboneInputSide('xception', 96)).toBe(96);
    expect(backboneInputSide('mobilenetv2', 48)).toBe(48);
    expect(() => backboneInputSide('senet50', 48)).toThrow(/unknown backbone "senet50"/);
  });
  it('feeds 48x48 gray images to a 3-channel backbone through repeat + resize, GAP + dense head', () => {
    const backbone = backboneFromModel(smallClassifier(), 'c3');
    const model = buildTransferModel({ backbone, inputShape: [48, 48, 1], numClasses: 7, gaussianNoise: 0.1, inputBatchNorm: true });
    expect(model.getLayer('gray_to_rgb').outputShape).toEqual([null, 48, 48, 3]);
    expect(model.getLayer('resize').outputShape).toEqual([null, 16, 16, 3]);
    expect(model.getLayer('input_noise').getClassName()).toBe('GaussianNoise');
    expect(model.countParams()).toBe(count(backbone.weights) + 8 * 7 + 7 + 4 * 3);
    const out = model.predict(tf.randomUniform([2, 48, 48, 1])) as tf.Tensor;
    expect(out.shape).toEqual([2, 7]);
  });

  it('the FC 4096 + 1024 head of seed 000', () => {
    const backbone = backboneFromModel(smallClassifier());
    const model = buildTransferModel({ backbone, inputShape: [16, 16, 3], numClasses: 4, head: 'fc-4096-1024' });
    expect(model.getLayer('fc4096').outputShape).toEqual([null, 4096]);
    expect(model.getLayer('fc1024_dropout').getConfig().rate).toBe(0.5);
    expect(model.countParams()).toBe(count(backbone.weights) + 800 * 4096 + 4096 + 4096 * 1024 + 1024 + 1024 * 4 + 4);
  });

  it('refuses RGB data for a gray backbone', () => {
    const input = tf.input({ shape: [16, 16, 1] });
    const gray = tf.model({ inputs: input, outputs: tf.layers.flatten().apply(input) as tf.SymbolicTensor });
    expect(() => buildTransferModel({ backbone: gray, inputShape: [16, 16, 3], numClasses: 2 })).toThrow(
      /cannot feed 3-channel data to a 1-channel backbone/,
    );
  });
});

describe('pretrained models a user brings', () => {
  it('loads a saved LayersModel and drops its classifier to serve as a backbone, weights intact', async () => {
    const original = smallClassifier();
    let saved: tf.io.ModelArtifacts | undefined;
    await original.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: {} as never })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const backbone = backboneFromModel(loaded);
    expect(backbone.outputs[0].shape).toEqual([null, 800]);
    const x = tf.randomUniform([1, 16, 16, 3]);
    const reference = backboneFromModel(original);
    expect(Array.from((backbone.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((reference.predict(x) as tf.Tensor).dataSync()),
    );
    expect(backboneFromModel(loaded, 'c2').outputs[0].shape).toEqual([null, 12, 12, 8]);
  });

  it('takes the nested backbone out of one of our own transfer models (pretrained here, then reused)', async () => {
    const pretrained = buildTransferModel({
      backbone: backboneFromModel(smallClassifier(), 'c2'),
      inputShape: [16, 16, 1],
      numClasses: 7,
      gaussianNoise: 0.1,
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await pretrained.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: {} as never })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const backbone = backboneFromModel(loaded);
    expect(backbone.inputs[0].shape).toEqual([null, 16, 16, 3]);
    expect(backbone.outputs[0].shape).toEqual([null, 12, 12, 8]);
    const x = tf.randomUniform([2, 16, 16, 3]);
    const nestedOfOriginal = pretrained.layers.find((l) => l instanceof tf.LayersModel) as tf.LayersModel;
    expect(Array.from((backbone.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((nestedOfOriginal.predict(x) as tf.Tensor).dataSync()),
    );
    // A new task on top of it: a 2-class head, the backbone frozen.
    freezeBackbone(backbone);
    const reused = buildTransferModel({ backbone, inputShape: [16, 16, 1], numClasses: 2 });
    expect(reused.outputs[0].shape).toEqual([null, 2]);
    expect(reused.trainableWeights.map((w) => w.shape)).toEqual([
      [8, 2],
      [2],
    ]);
  });

  it('puts the dense head straight on a backbone that ends in a vector', () => {
    const model = buildTransferModel({ backbone: backboneFromModel(smallClassifier()), inputShape: [16, 16, 3], numClasses: 4 });
    expect(model.layers.map((l) => l.name)).not.toContain('gap');
    expect(model.outputs[0].shape).toEqual([null, 4]);
  });
});

describe('freezing', () => {
  it('freezes the whole backbone, then unfreezes exactly its last N layers', () => {
    const backbone = buildVgg16({ inputShape: [32, 32, 3] });
    const model = buildTransferModel({ backbone, inputShape: [32, 32, 3], numClasses: 7 });
    const head = 512 * 7 + 7;
    freezeBackbone(backbone);
    expect(count(model.trainableWeights)).toBe(head);
    expect(count(model.nonTrainableWeights)).toBe(14_714_688);
    // VGG16's last 6 layers: block5_pool, block5_conv3, block5_conv2, block5_conv1, block4_pool, block4_conv3.
    unfreezeLastLayers(backbone, 6);
    const conv512 = 3 * 3 * 512 * 512 + 512;
    expect(count(model.trainableWeights)).toBe(head + 4 * conv512);
    expect(backbone.getLayer('block4_conv2').trainable).toBe(false);
    unfreezeLastLayers(backbone, backbone.layers.length);
    expect(count(model.trainableWeights)).toBe(head + 14_714_688);
    expect(() => unfreezeLastLayers(backbone, -1)).toThrow(/>= 0/);
  });
});
