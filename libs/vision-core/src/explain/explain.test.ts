import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAveragingEnsemble } from '../ensemble/probability-ensemble';
import { createRasterImage } from '../image/raster-image';
import { gradCam, lastSpatialLayer } from './grad-cam';
import { heatmapOverlay, jetColour } from './heatmap-overlay';
import { runLayerGraph } from './layer-graph';
import { saliencyMap } from './saliency-map';

beforeAll(async () => {
  // wasm, as in production: it lacks some gradient kernels (UnsortedSegmentSum) the cpu backend has.
  await tf.setBackend('wasm');
});

const SIZE = 6;

/** An image that is 1 in the top-left 3x3 quadrant and 0 elsewhere. */
function quadrantImage(): tf.Tensor3D {
  const data = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) data[y * SIZE + x] = 1;
  return tf.tensor3d(data, [SIZE, SIZE, 1]);
}

/**
 * conv 1x1 with two filters (+1 and -1 times the pixel), ReLU, flatten, dense to two classes:
 * class 0 sums channel 0, class 1 sums channel 1, softmax. Fixed weights so maps are predictable.
 */
function twoChannelModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [SIZE, SIZE, 1],
      filters: 2,
      kernelSize: 1,
      useBias: false,
      name: 'conv',
    }),
  );
  model.add(tf.layers.reLU({ name: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, useBias: false, activation: 'softmax', name: 'dense' }));
  model.getLayer('conv').setWeights([tf.tensor4d([1, -1], [1, 1, 1, 2])]);
  const dense = new Float32Array(SIZE * SIZE * 2 * 2);
  for (let p = 0; p < SIZE * SIZE; p++) {
    dense[(p * 2 + 0) * 2 + 0] = 1; // channel 0 → class 0
    dense[(p * 2 + 1) * 2 + 1] = 1; // channel 1 → class 1
  }
  model.getLayer('dense').setWeights([tf.tensor2d(dense, [SIZE * SIZE * 2, 2])]);
  return model;
}

describe('runLayerGraph', () => {
  it('reproduces predict on a functional model with a skip connection', () => {
    const input = tf.input({ shape: [SIZE, SIZE, 1] });
    const conv = tf.layers
      .conv2d({ filters: 1, kernelSize: 3, padding: 'same', name: 'conv' })
      .apply(input) as tf.SymbolicTensor;
    const sum = tf.layers.add().apply([conv, input]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3 }).apply(tf.layers.flatten().apply(sum)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const x = tf.randomNormal([2, SIZE, SIZE, 1]);
    const replayed = runLayerGraph(model, x).arraySync() as number[][];
    const predicted = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    replayed.flat().forEach((v, i) => expect(v).toBeCloseTo(predicted.flat()[i], 5));
    // Feeding zeros for the conv output leaves only the skip path.
    const zeroed = runLayerGraph(model, x, { layer: 'conv', value: tf.zeros([2, SIZE, SIZE, 1]) });
    expect(tf.max(tf.abs(tf.sub(zeroed, runLayerGraph(model, x)))).dataSync()[0]).toBeGreaterThan(0);
  });
});

describe('saliencyMap', () => {
  it('lights up only the pixels the class depends on', () => {
    const model = tf.sequential();
    model.add(tf.layers.flatten({ inputShape: [SIZE, SIZE, 1] }));
    model.add(tf.layers.dense({ units: 2, useBias: false, activation: 'softmax' }));
    const w = new Float32Array(SIZE * SIZE * 2);
    w[(2 * SIZE + 3) * 2] = 3; // pixel (x 3, y 2) drives class 0
    model.layers[1].setWeights([tf.tensor2d(w, [SIZE * SIZE, 2])]);
    const map = saliencyMap(model, tf.fill([SIZE, SIZE, 1], 0.5) as tf.Tensor3D, 0);
    expect(map.classIndex).toBe(0);
    expect(map.data[2 * SIZE + 3]).toBeCloseTo(1, 6);
    expect([...map.data].filter((v) => v > 0)).toHaveLength(1);
  });

  it('rejects a class the model does not have', () => {
    expect(() => saliencyMap(twoChannelModel(), quadrantImage(), 5)).toThrow(/outside the model's 2 outputs/);
  });
});

describe('gradCam', () => {
  it('defaults to the last spatial layer', () => {
    expect(lastSpatialLayer(twoChannelModel())).toBe('relu');
  });

  it('highlights where the evidence for the top class is', () => {
    const map = gradCam(twoChannelModel(), quadrantImage(), { layerName: 'conv' });
    expect(map.classIndex).toBe(0);
    expect(map.width).toBe(SIZE);
    expect(map.data[0]).toBeCloseTo(1, 5);
    expect(map.data[SIZE * SIZE - 1]).toBeCloseTo(0, 5);
  });

  it('gives an empty map for a class the image has no evidence for', () => {
    // Class 1 reads channel 1 = ReLU(-pixel) = 0 everywhere, so every activation it weights is 0.
    const map = gradCam(twoChannelModel(), quadrantImage(), { layerName: 'relu', classIndex: 1 });
    expect(Math.max(...map.data)).toBe(0);
  });

  it('names the layers when asked for an unknown one', () => {
    expect(() => gradCam(twoChannelModel(), quadrantImage(), { layerName: 'nope' })).toThrow(
      /no layer "nope"; layers: conv, relu/,
    );
    expect(() => gradCam(twoChannelModel(), quadrantImage(), { layerName: 'dense' })).toThrow(
      /not \[batch, h, w, channels\]/,
    );
  });
});

/**
 * conv 1x1 → ReLU → dense softmax whose class 0 reads channel 0 = ReLU(sign · pixel + offset) with a
 * small weight (no saturation): sign +1 sees the bright quadrant, sign -1 with offset 1 the dark rest.
 */
function regionModel(sign: 1 | -1): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [SIZE, SIZE, 1], filters: 2, kernelSize: 1, name: 'conv' }));
  model.add(tf.layers.reLU({ name: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, useBias: false, activation: 'softmax', name: 'dense' }));
  model
    .getLayer('conv')
    .setWeights([tf.tensor4d([sign, 0], [1, 1, 1, 2]), tf.tensor1d([sign > 0 ? 0 : 1, 0])]);
  const dense = new Float32Array(SIZE * SIZE * 2 * 2);
  for (let p = 0; p < SIZE * SIZE; p++) dense[(p * 2 + 0) * 2 + 0] = 0.1;
  model.getLayer('dense').setWeights([tf.tensor2d(dense, [SIZE * SIZE * 2, 2])]);
  return model;
}

describe('gradCam of an averaging ensemble', () => {
  const brightCorner = 0;
  const darkCorner = SIZE * SIZE - 1;

  it('is the map of the member when both members are the same network', () => {
    const single = gradCam(regionModel(1), quadrantImage());
    const ensemble = gradCam(buildAveragingEnsemble([regionModel(1), regionModel(1)]), quadrantImage());
    expect(ensemble.classIndex).toBe(single.classIndex);
    Array.from(ensemble.data).forEach((v, i) => expect(v).toBeCloseTo(single.data[i], 5));
  });

  it('adds the members’ maps by their shares, the class chosen on the ensemble output', () => {
    const members = () => [regionModel(1), regionModel(-1)];
    const brightHeavy = gradCam(buildAveragingEnsemble(members(), 'e', [3, 1]), quadrantImage());
    const darkHeavy = gradCam(buildAveragingEnsemble(members(), 'e', [1, 3]), quadrantImage());
    expect(brightHeavy.classIndex).toBe(0);
    for (const map of [brightHeavy, darkHeavy]) {
      expect(map.data[brightCorner]).toBeGreaterThan(0);
      expect(map.data[darkCorner]).toBeGreaterThan(0);
    }
    const ratio = (m: typeof brightHeavy) => m.data[brightCorner] / m.data[darkCorner];
    expect(ratio(brightHeavy)).toBeGreaterThan(2 * ratio(darkHeavy));
  });
});

describe('heatmapOverlay', () => {
  it('keeps the photo where the map is 0 and colours it where the map is 1', () => {
    const image = createRasterImage(2, 1, 1, new Uint8Array([100, 100]));
    const out = heatmapOverlay(
      image,
      { width: 2, height: 1, data: new Float32Array([0, 1]), classIndex: 0, score: 1 },
      1,
    );
    expect([...out.data.slice(0, 3)]).toEqual([100, 100, 100]);
    expect([...out.data.slice(3)]).toEqual(jetColour(1));
    expect(jetColour(1)).toEqual([128, 0, 0]);
    expect(jetColour(0)).toEqual([0, 0, 128]);
  });
});
