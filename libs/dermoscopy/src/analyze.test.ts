import * as tf from '@tensorflow/tfjs';
import { resizeBilinear } from '@visioncad/vision-core/image';
import { dice } from '@visioncad/vision-core/metrics';
import { beforeAll, describe, expect, it } from 'vitest';

import { analyze, type DermoscopyModels } from './analyze';
import { CLINICAL_FEATURE_NAMES, NO_CLINICAL_METADATA } from './clinical/clinical-metadata';
import type { MetadataFusion } from './clinical/metadata-fusion';
import { buildLesionResnet } from './models/lesion-resnet';
import type { ImageNovelty } from './models/image-novelty';
import { pooledFeatures } from './models/pooled-features';
import { shadesOfGray } from './preprocessing/colour-constancy';
import { fitGaussianNovelty, mahalanobisDistance } from '@visioncad/vision-core/features';
import { lastSpatialLayer } from '@visioncad/vision-core/explain';
import { ellipse, paintLesion } from './testing/synthetic-lesion';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// A stand-in for a trained U-Net with a known answer: one 1x1 convolution that calls dark pixels
// lesion (sigmoid(10 · (1.2 - r - g - b))), so the pipeline's mask can be checked against the truth.
function darknessSegmenter(size: number): tf.LayersModel {
  const input = tf.input({ shape: [size, size, 3] });
  const conv = tf.layers.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' });
  const model = tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
  conv.setWeights([tf.fill([1, 1, 3, 1], -10), tf.tensor1d([12])]);
  return model;
}

function tinyModels(): DermoscopyModels {
  const labels = ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'];
  return {
    segmentation: darknessSegmenter(32),
    classifier: {
      model: buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: labels.length }),
      labels,
      temperature: 1.5,
    },
  };
}

describe('analyze', () => {
  const lesion = paintLesion(96, 80, ellipse(44, 40, 26, 18), (x) => (x < 44 ? [70, 45, 30] : [110, 70, 50]));

  it('runs every stage on a synthetic lesion and returns a full-resolution mask, ABCD and probabilities', () => {
    const models = tinyModels();
    const result = analyze(lesion.image, models);
    expect(result.mask.width).toBe(96);
    expect(result.mask.height).toBe(80);
    expect(dice(lesion.mask.data, result.mask.data)).toBeGreaterThan(0.9);
    expect(result.lesionAreaPx).toBeGreaterThan(0.8 * lesion.mask.data.reduce((a, b) => a + b, 0));
    expect(result.abcd).not.toBeNull();
    expect(['benign', 'suspicious', 'highly_suspicious']).toContain(result.abcd!.band);
    expect(result.abcd!.tds).toBeGreaterThanOrEqual(1);
    expect(result.probabilities.map((p) => p.label)).toEqual(models.classifier.labels);
    expect(result.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 5);
    expect(models.classifier.labels).toContain(result.topLabel);
    expect(result.heatMap).not.toBeNull();
    expect([result.heatMap!.width, result.heatMap!.height]).toEqual([96, 80]);
    expect(Math.max(...result.heatMap!.data)).toBeLessThanOrEqual(1);
    expect(result.preprocessingSteps.map((s) => s.name)).toEqual([
      'input',
      'hair-black-hat',
      'hair-mask',
      'hair-removed',
      'median',
      'colour-constancy',
      'contrast',
    ]);
    for (const ms of Object.values(result.timingsMs)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(result.timingsMs.total).toBeGreaterThanOrEqual(result.timingsMs.segmentation);
  });

  it('skips ABCD when the network finds no lesion, and the heat map when not asked for', () => {
    const models = tinyModels();
    const skin = paintLesion(
      64,
      64,
      () => false,
      () => [0, 0, 0],
    );
    const result = analyze(skin.image, models, { heatMap: false });
    expect(result.lesionAreaPx).toBe(0);
    expect(result.abcd).toBeNull();
    expect(result.heatMap).toBeNull();
  });

  it('sharpens or flattens the probabilities with the calibration temperature', () => {
    const models = tinyModels();
    const hot = analyze(
      lesion.image,
      { ...models, classifier: { ...models.classifier, temperature: 0.25 } },
      { heatMap: false },
    );
    const cold = analyze(
      lesion.image,
      { ...models, classifier: { ...models.classifier, temperature: 4 } },
      { heatMap: false },
    );
    const top = (r: typeof hot) => Math.max(...r.probabilities.map((p) => p.probability));
    expect(top(hot)).toBeGreaterThan(top(cold));
  });

  it("corrects the classifier's input by shades of gray when it was trained so", () => {
    const models = tinyModels();
    // A blue cast over the whole photo: raw, the network reads it; corrected, it reads neutral colours.
    const cast = {
      ...lesion.image,
      data: lesion.image.data.map((v, i) => (i % 3 === 2 ? Math.min(255, v + 90) : v)),
    };
    const raw = analyze(cast, models, { heatMap: false });
    const sog = analyze(
      cast,
      { ...models, classifier: { ...models.classifier, shadesOfGray: { p: 6 } } },
      { heatMap: false },
    );
    const p = (r: typeof raw) => r.probabilities.map((x) => x.probability);
    expect(p(sog)).not.toEqual(p(raw));
    // The same as feeding the network the corrected 16 px image by hand.
    const corrected = shadesOfGray(resizeBilinear(cast, 16, 16), 6).image;
    const byHand = analyze(corrected, models, { heatMap: false });
    p(byHand).forEach((v, k) => expect(p(sog)[k]).toBeCloseTo(v, 5));
  });

  it('reports and explains the balanced rule diagnosis, leaving the probabilities calibrated', () => {
    const models = tinyModels();
    const plain = analyze(lesion.image, models);
    expect(plain.decisionRule).toBe('most-probable');
    const probabilities = plain.probabilities.map((p) => p.probability);
    expect(plain.topLabel).toBe(models.classifier.labels[probabilities.indexOf(Math.max(...probabilities))]);
    // Offsets that lift the least probable label far above the others.
    const least = probabilities.indexOf(Math.min(...probabilities));
    const decisionOffsets = models.classifier.labels.map((_, k) => (k === least ? 50 : 0));
    const adjusted = analyze(lesion.image, {
      ...models,
      classifier: { ...models.classifier, decisionOffsets },
    });
    expect(adjusted.decisionRule).toBe('logit-adjustment');
    expect(adjusted.topLabel).toBe(models.classifier.labels[least]);
    expect(adjusted.heatMap!.classIndex).toBe(least);
    adjusted.probabilities.forEach((p, k) => expect(p.probability).toBeCloseTo(probabilities[k], 6));
    expect(() =>
      analyze(lesion.image, { ...models, classifier: { ...models.classifier, decisionOffsets: [0, 1] } }),
    ).toThrow('the classifier has 2 decision offsets but 7 labels');
  });

  it('fuses the clinical metadata when the classifier has a fusion and metadata is given', () => {
    const models = tinyModels();
    const labels = models.classifier.labels;
    const plain = analyze(lesion.image, models);
    const probabilities = plain.probabilities.map((p) => p.probability);
    const least = probabilities.indexOf(Math.min(...probabilities));
    // A metadata regression that says "the least probable label" for face lesions, nothing otherwise.
    const weights = CLINICAL_FEATURE_NAMES.map((name) =>
      labels.map((_, k) => (name === 'site face' && k === least ? 30 : 0)),
    );
    const metadataFusion: MetadataFusion = {
      kind: 'clinical-metadata-fusion',
      labels: [...labels],
      features: [...CLINICAL_FEATURE_NAMES],
      weights,
      bias: labels.map(() => 0),
      metadataWeight: 1,
      temperature: 1,
      decisionOffsets: null,
      fittedOn: 'test',
    };
    const withFusion = { ...models, classifier: { ...models.classifier, metadataFusion } };
    const face = analyze(lesion.image, withFusion, {
      clinicalMetadata: { ageYears: 60, sex: 'female', site: 'face' },
    });
    expect(face.decisionRule).toBe('clinical-metadata-fusion');
    expect(face.topLabel).toBe(labels[least]);
    expect(face.heatMap!.classIndex).toBe(least);
    expect(face.clinicalMetadata).toEqual({ ageYears: 60, sex: 'female', site: 'face' });
    expect(face.imageOnly!.topLabel).toBe(plain.topLabel);
    face.imageOnly!.probabilities.forEach((p, k) => expect(p.probability).toBeCloseTo(probabilities[k], 6));
    expect(face.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 6);
    // Without metadata the classifier's own diagnosis stands.
    for (const clinicalMetadata of [undefined, NO_CLINICAL_METADATA]) {
      const none = analyze(lesion.image, withFusion, { clinicalMetadata });
      expect(none.decisionRule).toBe('most-probable');
      expect(none.topLabel).toBe(plain.topLabel);
      expect(none.imageOnly).toBeNull();
      expect(none.clinicalMetadata).toBeNull();
    }
  });

  it("says whether the image is unlike the classifier's training images, from the same forward pass", () => {
    const models = tinyModels();
    expect(analyze(lesion.image, models).novelty).toBeNull();
    const model = models.classifier.model;
    const layer = lastSpatialLayer(model);
    // "Training images": noise, so the painted lesion is far from them.
    const noise = tf.randomUniform([24, 16, 16, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const gaussian = fitGaussianNovelty(pooledFeatures(model, layer, noise), { shrinkage: 0.1 });
    noise.dispose();
    const novelty = (threshold: number): ImageNovelty => ({
      layer,
      gaussian,
      threshold,
      quantile: 0.95,
      fittedOn: 'noise',
    });
    for (const heatMap of [true, false]) {
      const judged = analyze(
        lesion.image,
        { ...models, classifier: { ...models.classifier, novelty: novelty(1e9) } },
        { heatMap },
      );
      expect(judged.novelty).toMatchObject({ threshold: 1e9, quantile: 0.95, unusual: false });
      // The distance of the features the classifier read: its input, the lesion resized to 16 px.
      const input = tf.tensor4d(
        Float32Array.from(resizeBilinear(lesion.image, 16, 16).data, (v) => v / 255),
        [1, 16, 16, 3],
      );
      const expected = mahalanobisDistance(gaussian, pooledFeatures(model, layer, input)[0]);
      input.dispose();
      expect(judged.novelty!.distance).toBeCloseTo(expected, 3);
      const flagged = analyze(
        lesion.image,
        {
          ...models,
          classifier: { ...models.classifier, novelty: novelty(judged.novelty!.distance / 2) },
        },
        { heatMap },
      );
      expect(flagged.novelty!.unusual).toBe(true);
      // The diagnosis itself does not change.
      expect(flagged.topLabel).toBe(judged.topLabel);
    }
  });
});
