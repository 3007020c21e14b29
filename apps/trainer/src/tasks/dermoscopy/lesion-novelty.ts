// `trainer train --task lesion-novelty`: gives a shipped HAM10000 CNN a novelty.json (libs/dermoscopy
// models/image-novelty): a Gaussian over the average-pooled features of its last spatial layer on its
// own training images (unaugmented), and a threshold at a quantile of its validation images'
// Mahalanobis distances. The portal and the demo then say when an image is unlike what the
// classifier was trained on. No weight changes. The report measures what the flag means on data the
// model never saw: how many HAM10000 test images it flags (about 1 − quantile if the test split is
// like the validation split), how accurate the classifier is on flagged and unflagged test images,
// and, given --ph2, how many images of another dermatoscope (PH2) it flags, how well the distance
// separates them from HAM10000 test images (ROC AUC), and the melanoma AUC on each side of the flag.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import {
  IMAGE_NOVELTY_FILE,
  IMAGE_NOVELTY_FORMAT,
  parseImageNovelty,
  type ImageNoveltyJson,
} from '@visioncad/dermoscopy/models/image-novelty';
import { pooledFeatures } from '@visioncad/dermoscopy/models/pooled-features';
import type { DecodeImage } from '@visioncad/vision-core/data';
import { lastSpatialLayer } from '@visioncad/vision-core/explain';
import {
  fitGaussianNovelty,
  gaussianNoveltyToJSON,
  mahalanobisDistance,
  quantile,
} from '@visioncad/vision-core/features';
import { applyTemperature, rocAuc } from '@visioncad/vision-core/metrics';
import { shellWords } from '@visioncad/vision-core/models';
import { writeModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { readTemperature } from './calibrated-classifier';
import { batchLogProbabilities, unitBatches, type LabelledImage } from './classification-evaluation';
import { requiredDataFolder, withFinalStep } from './dermoscopy-training';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import { readHamModelCard } from './model-probabilities';
import { ph2CrossDatasetImages } from './ph2-cross-dataset';
import { cardDecoder } from './resized-decoder';

const USAGE = `trainer train --task lesion-novelty [options]
  --model <dir>           shipped lesion-classification CNN (required); novelty.json is written into it
  --data <dir>            HAM10000 folder (required): the Gaussian is fitted on the model's training
                          split, the threshold on its validation split, the report scores its test split
  --ph2 <dir>             PH2 folder: also report the flag on another dermatoscope's images
  --quantile <q>          the threshold is this quantile of the validation distances (default 0.95)
  --shrinkage <s>         covariance shrinkage toward a multiple of the identity, 0..1 (default 0.01)
  --report <file>         also write the full report (every figure below) to this JSON`;

/** Card entries the task writes. */
export const NOVELTY_TEST_ENTRY = 'image novelty: HAM10000 test (flagged as unlike the training images)';
export const NOVELTY_PH2_ENTRY =
  'image novelty: PH2, another dermatoscope (flagged as unlike the training images)';

function unitNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  closedAtZero: boolean,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n < 1 && (closedAtZero ? n >= 0 : n > 0))) {
    throw new Error(
      `--${flag} must be a number ${closedAtZero ? 'from 0' : 'above 0'} and below 1, got "${value}"`,
    );
  }
  return n;
}

/**
 * For every image, in one pass over the decoded batches: the average-pooled `layer` features and,
 * with `temperature`, the calibrated probabilities too (as `memberProbabilities` gives them).
 */
async function scanImages(
  model: tf.LayersModel,
  layer: string,
  images: readonly LabelledImage[],
  decode: DecodeImage,
  temperature?: number,
): Promise<{ features: Float32Array[]; probabilities: number[][] }> {
  const [, h, w, c] = model.inputs[0].shape as number[];
  const features: Float32Array[] = [];
  const logProbabilities: number[][] = [];
  for await (const { x, size } of unitBatches(images, decode, [h, w, c])) {
    const batch = tf.tensor4d(x, [size, h, w, c]);
    features.push(...pooledFeatures(model, layer, batch));
    if (temperature !== undefined) logProbabilities.push(...batchLogProbabilities(tf, model, batch));
    batch.dispose();
  }
  return {
    features,
    probabilities: temperature === undefined ? [] : applyTemperature(logProbabilities, temperature),
  };
}

const argmax = (row: readonly number[]) => row.indexOf(Math.max(...row));

/** Accuracy of the classifier's most probable label on a subset; null when it is empty. */
function subsetAccuracy(probs: number[][], labels: number[], keep: boolean[]): number | null {
  const kept = labels.flatMap((label, i) => (keep[i] ? [label === argmax(probs[i])] : []));
  return kept.length === 0 ? null : kept.filter(Boolean).length / kept.length;
}

/** Melanoma-vs-rest ROC AUC of the calibrated mel probability on a subset; null without both classes. */
function melanomaAuc(probs: number[][], labels: number[], keep: boolean[]): number | null {
  const mel = HAM_LABELS.indexOf('mel');
  const y = labels.filter((_, i) => keep[i]).map((label) => (label === mel ? 1 : 0));
  if (!y.includes(0) || !y.includes(1)) return null;
  return rocAuc(
    y,
    probs.filter((_, i) => keep[i]).map((row) => row[mel]),
  );
}

const round = (value: number | null, digits = 4) => (value === null ? null : Number(value.toFixed(digits)));

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      ph2: { type: 'string' },
      quantile: { type: 'string' },
      shrinkage: { type: 'string' },
      report: { type: 'string' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dir = values.model;
  if (!dir) throw new Error('--model <dir> is required: the shipped HAM10000 CNN to give a novelty model');
  const q = unitNumber(values.quantile, 'quantile', 0.95, false);
  const shrinkage = unitNumber(values.shrinkage, 'shrinkage', 0.01, true);
  const card = await readHamModelCard(dir);
  if (card.task !== 'lesion-classification') {
    throw new Error(
      `${join(dir, 'card.json')}: task "${card.task}"; lesion-novelty reads the features of one CNN (lesion-classification)`,
    );
  }
  const model = await loadModel(dir);
  const layer = lastSpatialLayer(model);
  const decode = cardDecoder(card);
  const data = await ham10000Samples(requiredDataFolder(values.data, 'HAM10000'), card.seed);
  console.error(
    `lesion-novelty: features of "${layer}" on ${data.train.length} training, ${data.val.length} validation and ${data.test.length} test images`,
  );
  const scan = (images: readonly LabelledImage[], temperature?: number) =>
    scanImages(model, layer, images, decode, temperature);
  const gaussian = fitGaussianNovelty((await scan(data.train)).features, { shrinkage });
  const distances = (features: Float32Array[]) => features.map((row) => mahalanobisDistance(gaussian, row));
  const threshold = quantile(distances((await scan(data.val)).features), q);
  const temperature = await readTemperature(dir);
  const testScan = await scan(data.test, temperature);
  const test = distances(testScan.features);
  const flaggedTest = test.map((d) => d > threshold);
  const testLabels = data.test.map((s) => s.label);
  const testEntry = {
    n: test.length,
    flagged: round(flaggedTest.filter(Boolean).length / test.length),
    threshold: round(threshold),
    quantile: q,
    unflaggedAccuracy: round(
      subsetAccuracy(
        testScan.probabilities,
        testLabels,
        flaggedTest.map((f) => !f),
      ),
    ),
    flaggedAccuracy: round(subsetAccuracy(testScan.probabilities, testLabels, flaggedTest)),
  };
  let ph2Entry: Record<string, number | null> | null = null;
  if (values.ph2) {
    const { images } = await ph2CrossDatasetImages({ data: values.ph2, modelDir: dir, card });
    const ph2Scan = await scan(images, temperature);
    const ph2 = distances(ph2Scan.features);
    const flagged = ph2.map((d) => d > threshold);
    const probs = ph2Scan.probabilities;
    const labels = images.map((s) => s.label);
    ph2Entry = {
      n: ph2.length,
      flagged: round(flagged.filter(Boolean).length / ph2.length),
      separationAuc: round(rocAuc([...test.map(() => 0), ...ph2.map(() => 1)], [...test, ...ph2])),
      melanomaAuc: round(
        melanomaAuc(
          probs,
          labels,
          ph2.map(() => true),
        ),
      ),
      unflaggedMelanomaAuc: round(
        melanomaAuc(
          probs,
          labels,
          flagged.map((f) => !f),
        ),
      ),
      flaggedMelanomaAuc: round(melanomaAuc(probs, labels, flagged)),
      unflagged: flagged.filter((f) => !f).length,
    };
  }
  model.dispose();
  const command = `npm run trainer -- train --task lesion-novelty ${shellWords(args)}`.trim();
  const json: ImageNoveltyJson = {
    format: IMAGE_NOVELTY_FORMAT,
    version: 1,
    layer,
    gaussian: gaussianNoveltyToJSON(gaussian),
    threshold,
    quantile: q,
    fittedOn: `average-pooled "${layer}" features of the ${data.train.length} HAM10000 training images (seed ${card.seed} split, unaugmented); threshold: the ${q} quantile of the ${data.val.length} validation images' Mahalanobis distances`,
  };
  // Checked as the portal and the demo will read it.
  parseImageNovelty(json, IMAGE_NOVELTY_FILE);
  await writeFile(join(dir, IMAGE_NOVELTY_FILE), JSON.stringify(json) + '\n');
  const { [NOVELTY_TEST_ENTRY]: _t, [NOVELTY_PH2_ENTRY]: _p, ...metrics } = card.metrics;
  await writeModelCard(dir, {
    ...card,
    command: withFinalStep(card.command, 'lesion-novelty', command),
    metrics: {
      ...metrics,
      [NOVELTY_TEST_ENTRY]: testEntry,
      ...(ph2Entry ? { [NOVELTY_PH2_ENTRY]: ph2Entry } : {}),
    },
  });
  const report = {
    model: dir,
    command,
    layer,
    dimension: gaussian.dimension,
    shrinkage,
    trainImages: data.train.length,
    validationImages: data.val.length,
    'ham10000-test': testEntry,
    ...(ph2Entry ? { ph2: ph2Entry } : {}),
  };
  if (values.report) {
    await mkdir(dirname(values.report), { recursive: true });
    await writeFile(values.report, JSON.stringify(report, null, 2) + '\n');
  }
  console.log(JSON.stringify(report, null, 2));
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  throw new Error(
    `lesion-novelty is not a model task: evaluate the model itself (${request.modelDir}); train --task lesion-novelty reports the flag`,
  );
}

export const lesionNoveltyTask: TrainerTask = {
  name: 'lesion-novelty',
  description:
    "Fits a shipped HAM10000 CNN's image-novelty model (Mahalanobis distance of its pooled features; threshold on validation); reports the flag on test and PH2",
  formats: [],
  train,
  evaluate,
  usage: USAGE,
};
