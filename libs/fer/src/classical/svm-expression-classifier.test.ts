import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '@visioncad/vision-core/data';
import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Point } from '../face/landmarks-68';
import { buildCnnActivations, cnnActivationRows } from '../models/cnn-activations';
import { stripeFace } from './stripe-faces.test-support';
import { SvmExpressionClassifier } from './svm-expression-classifier';
import {
  SvmExpressionModel,
  type ClassicalInput,
  type SvmExpressionTrainOptions,
} from './svm-expression-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A landmark "detector" that depends on the crop: 68 points on a ring scaled by its mean intensity. */
async function ringLandmarks(face: RasterImage): Promise<Point[]> {
  const mean = face.data.reduce((s, v) => s + v, 0) / face.data.length;
  const r = 10 + mean / 25;
  return Array.from({ length: 68 }, (_, i) => ({
    x: 24 + r * Math.cos((i / 68) * 2 * Math.PI) + (i % 3),
    y: 24 + r * Math.sin((i / 68) * 2 * Math.PI),
  }));
}

/** A small seeded CNN on 48x48 gray faces with a named feature layer. */
function featureCnn(side = 48): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [side, side, 1] });
  const conv = tf.layers
    .conv2d({
      filters: 4,
      kernelSize: 5,
      strides: 4,
      activation: 'relu',
      kernelInitializer: init(1),
      name: 'conv',
    })
    .apply(input);
  const flat = tf.layers.flatten({ name: 'flat' }).apply(conv);
  const fc = tf.layers
    .dense({ units: 8, activation: 'tanh', kernelInitializer: init(2), name: 'fc' })
    .apply(flat);
  const out = tf.layers
    .dense({ units: 3, activation: 'softmax', kernelInitializer: init(3), name: 'head' })
    .apply(fc);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
}

const options: SvmExpressionTrainOptions = {
  classes: ['happy', 'sad', 'surprise'],
  features: { hog: { cellSize: 8 }, landmarks: true, cnn: { model: '../cnn', layers: ['fc'], flip: true } },
  scaling: 'z-score',
  svm: { kernel: 'linear', C: 0.1, probability: true },
};

/** The model's inputs built by hand, as the trainer builds them. */
async function inputsFor(cnn: tf.LayersModel, faces: RasterImage[]): Promise<ClassicalInput[]> {
  const rows = await cnnActivationRows(buildCnnActivations(cnn, ['fc'], true), faces);
  return Promise.all(
    faces.map(async (face, i) => ({ face, landmarks: await ringLandmarks(face), cnn: rows[i] })),
  );
}

describe('SvmExpressionClassifier', () => {
  it('computes the features its model was trained on and gives the vote and Platt probabilities', async () => {
    const random = seededRandom(3);
    const labels = Array.from({ length: 60 }, (_, i) => i % 3);
    const cnn = featureCnn();
    const train = labels.map((k) => stripeFace(k, random));
    const model = await SvmExpressionModel.train(await inputsFor(cnn, train), labels, options);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const classifier = await SvmExpressionClassifier.create(json, { cnn, landmarks: ringLandmarks });
    expect(classifier.classes).toEqual(['happy', 'sad', 'surprise']);
    expect(classifier.faceSize).toBe(48);

    const test = [0, 1, 2, 2, 1, 0].map((k) => stripeFace(k, random));
    const results = await classifier.classify(test);
    const inputs = await inputsFor(cnn, test);
    const votes = Array.from(model.predict(inputs), (k) => options.classes[k]);
    expect(results.map((r) => r.label)).toEqual(votes);
    expect(votes).toEqual(['happy', 'sad', 'surprise', 'surprise', 'sad', 'happy']);
    const expected = model.predictProbabilities(inputs);
    results.forEach((r, i) => {
      expect(r.probabilities).toHaveLength(3);
      expect(r.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      r.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected[i][k], 6));
    });
    expect(await classifier.classify([])).toEqual([]);
    classifier.dispose();
    model.dispose();
  }, 60_000);

  it('refuses a missing or unexpected CNN, a missing landmark detector and crops of the wrong size', async () => {
    const random = seededRandom(4);
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    const cnn = featureCnn();
    const model = await SvmExpressionModel.train(
      await inputsFor(
        cnn,
        labels.map((k) => stripeFace(k, random)),
      ),
      labels,
      options,
    );
    const json = model.toJSON();
    await expect(
      SvmExpressionClassifier.create(json, { landmarks: ringLandmarks, where: 'm' }),
    ).rejects.toThrow('m needs its feature CNN (../cnn)');
    await expect(SvmExpressionClassifier.create(json, { cnn, where: 'm' })).rejects.toThrow(
      'm uses 68-landmark features: give it a landmark detector',
    );
    await expect(
      SvmExpressionClassifier.create(json, { cnn: featureCnn(32), landmarks: ringLandmarks, where: 'm' }),
    ).rejects.toThrow('m: its CNN ../cnn takes 32x32x1, the SVM 48x48 gray crops');
    const hogOnly = { ...json, features: { hog: json.features.hog } };
    await expect(SvmExpressionClassifier.create(hogOnly, { cnn, where: 'm' })).rejects.toThrow(
      'm uses no CNN features, yet a CNN was given',
    );
    const classifier = await SvmExpressionClassifier.create(json, { cnn, landmarks: ringLandmarks });
    await expect(classifier.classify([createRasterImage(40, 40, 1)])).rejects.toThrow(/40x40/);
    model.dispose();
  }, 60_000);
});
