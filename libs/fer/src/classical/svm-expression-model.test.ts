import { seededRandom } from '@visioncad/vision-core/data';
import { applyScaler, lbpHistogram, SvmClassifier } from '@visioncad/vision-core/features';
import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { stripeFace } from './stripe-faces.test-support';
import {
  classicalFeatures,
  SvmExpressionModel,
  type SvmExpressionTrainOptions,
} from './svm-expression-model';

function dataset(n: number, seed: number) {
  const random = seededRandom(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  return { inputs: labels.map((k) => ({ face: stripeFace(k, random) })), labels };
}

const options: SvmExpressionTrainOptions = {
  classes: ['happy', 'sad', 'surprise'],
  features: { hog: { cellSize: 8 } },
  scaling: 'z-score',
  svm: { kernel: 'rbf', C: 10, probability: true },
};

describe('SvmExpressionModel', () => {
  it('learns HOG+SVM on synthetic textures and survives a JSON round trip', async () => {
    const train = dataset(60, 1);
    const test = dataset(30, 2);
    const model = await SvmExpressionModel.train(train.inputs, train.labels, options);
    const predicted = model.predict(test.inputs);
    expect(Array.from(predicted)).toEqual(test.labels);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json).toMatchObject({
      format: 'visioncad-fer-svm',
      classes: ['happy', 'sad', 'surprise'],
      faceSize: 48,
    });
    const restored = await SvmExpressionModel.fromJSON(json);
    expect(Array.from(restored.predict(test.inputs))).toEqual(Array.from(predicted));
    const probs = restored.predictProbabilities(test.inputs.slice(0, 3));
    probs.forEach((row, i) => expect(row.indexOf(Math.max(...row))).toBe(test.labels[i]));
    model.dispose();
    restored.dispose();
  });

  it('keeps a linear SVM as weight vectors, predicting as the libsvm model it came from', async () => {
    const train = dataset(60, 6);
    const test = dataset(30, 7);
    const linear = { ...options, svm: { kernel: 'linear' as const, C: 0.1, probability: true } };
    const model = await SvmExpressionModel.train(train.inputs, train.labels, linear);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json.svm).toMatchObject({ format: 'linear-svm-ovo', numFeatures: 900 });
    expect(json.svm.pairs).toHaveLength(3);
    // The same fit kept in libsvm's own form (features scaled the same way).
    const rows = (inputs: typeof train.inputs) =>
      applyScaler(
        model.scaler,
        inputs.map((input) => classicalFeatures(input, options.features)),
      );
    const libsvm = await SvmClassifier.train(rows(train.inputs), train.labels, linear.svm, 3);
    const restored = await SvmExpressionModel.fromJSON(json);
    expect(Array.from(restored.predict(test.inputs))).toEqual(Array.from(libsvm.predict(rows(test.inputs))));
    expect(restored.svm.supportVectorCount).toBe(libsvm.supportVectorCount);
    libsvm.dispose();
    model.dispose();
  });

  it('concatenates pixels, HOG, LBP and landmark features in that order', () => {
    const face = stripeFace(0, seededRandom(4));
    const landmarks = Array.from({ length: 68 }, (_, i) => ({
      x: i % 17,
      y: Math.floor(i / 17) + (i >= 42 ? 0.5 : 0),
    }));
    const f = classicalFeatures({ face, landmarks }, { pixels: true, hog: {}, landmarks: true });
    expect(f).toHaveLength(2304 + 900 + 145);
    expect(f[0]).toBeCloseTo(face.data[0] / 255, 6);
    const withLbp = classicalFeatures({ face, landmarks }, { hog: {}, lbp: {}, landmarks: true });
    expect(withLbp).toHaveLength(900 + 36 * 59 + 145);
    expect(Array.from(withLbp.subarray(900, 900 + 2124))).toEqual(Array.from(lbpHistogram(face)));
    expect(Array.from(withLbp.subarray(900 + 2124))).toEqual(Array.from(f.subarray(2304 + 900)));
    // CNN activations, computed by the caller, go last.
    const cnn = { model: '../cnn', layers: ['fc'], flip: false };
    const withCnn = classicalFeatures({ face, landmarks, cnn: [0.5, 2] }, { hog: {}, landmarks: true, cnn });
    expect(withCnn).toHaveLength(900 + 145 + 2);
    expect(Array.from(withCnn.subarray(0, 900 + 145))).toEqual(Array.from(f.subarray(2304)));
    expect(Array.from(withCnn.subarray(900 + 145))).toEqual([0.5, 2]);
  });

  it('rejects inputs the feature recipe cannot use', async () => {
    const face = stripeFace(1, seededRandom(5));
    expect(() => classicalFeatures({ face }, { landmarks: true }, 'face 3')).toThrow(
      /face 3: landmark features need 68 landmarks/,
    );
    expect(() => classicalFeatures({ face }, {})).toThrow(/selects no features/);
    expect(() =>
      classicalFeatures({ face }, { cnn: { model: '../fer-cnn', layers: ['fc'], flip: true } }, 'face 4'),
    ).toThrow(/face 4: CNN features need the activations of \.\.\/fer-cnn/);
    const train = dataset(9, 3);
    const model = await SvmExpressionModel.train(train.inputs, train.labels, options);
    expect(() => model.predict([{ face: createRasterImage(64, 64, 1) }])).toThrow(
      /face 0 is 64x64; this model takes 48x48/,
    );
    model.dispose();
    await expect(SvmExpressionModel.fromJSON({ format: 'other' } as never)).rejects.toThrow(
      /not a VisionCAD FER SVM model/,
    );
  });
});
