// `trainer train --task lesion-svm`: an RBF SVM on the deep features (global-average-pooled,
// penultimate layer) of a trained lesion classifier, on the same lesion-disjoint HAM10000 split the
// classifier was trained with (its seed), so the test images are unseen by both. Scored like the
// classifiers (`classificationMetrics`); `trainer evaluate --model <svm dir>` rescores it.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SvmClassifier } from '@visioncad/vision-core/features';
import { shellWords, type ModelCard } from '@visioncad/vision-core/models';
import {
  setDefaultModel,
  withPriorFittedOn,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import {
  FEATURE_LAYER,
  CALIBRATION_FILE,
  deepFeatures,
  loadCalibratedClassifier,
  readTemperature,
} from './calibrated-classifier';
import {
  classificationMetrics,
  writeClassificationPlots,
  type LabelledImage,
} from './classification-evaluation';
import { ham10000EvaluationImages, scoreHamTest } from './ham10000-evaluation';
import { positiveNumbers, requiredDataFolder } from './dermoscopy-training';
import { featureSvmProbabilities, fitFeatureSvm, logProbabilities, type FeatureSvmJson } from './feature-svm';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import { cardDecoder } from './resized-decoder';

const SVM_FILE = 'svm.json';

const USAGE = `trainer train --task lesion-svm [options]
  --data <dir>            HAM10000 folder (required)
  --backbone <dir>        trained lesion classifier whose features are used (default models/lesion-classifier-resnet)
  --max-per-class <n>     cap on training images per diagnosis (default 600, as the classifier)
  --run <dir>             metrics and plots (default runs/lesion-svm)
  --out <dir>             shipped model directory (default models/lesion-svm-resnet-features)
  --register              make it the lesion-svm default in models/registry.json`;

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      backbone: { type: 'string', default: 'models/lesion-classifier-resnet' },
      'max-per-class': { type: 'string', default: '600' },
      run: { type: 'string', default: 'runs/lesion-svm' },
      out: { type: 'string', default: 'models/lesion-svm-resnet-features' },
      register: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const [maxPerClass] = positiveNumbers(values, ['max-per-class'] as const);
  const started = Date.now();
  const backbone = await loadCalibratedClassifier(values.backbone!);
  // The backbone's own split: its validation and test lesions were never trained on.
  const seed = backbone.card.seed;
  const data = await ham10000Samples(requiredDataFolder(values.data, 'HAM10000'), seed, maxPerClass);
  const decode = cardDecoder(backbone.card);
  const features = async (part: typeof data.train) => ({
    rows: await deepFeatures(backbone.model, part, decode),
    labels: part.map((s) => s.label),
  });
  const [trainF, valF, testF] = [
    await features(data.train),
    await features(data.val),
    await features(data.test),
  ];
  const fitted = await fitFeatureSvm(trainF, valF, HAM_LABELS.length);
  const testProbs = featureSvmProbabilities(fitted.scaler, fitted.svm, testF.rows);
  const { probs, ...test } = classificationMetrics(
    logProbabilities(testProbs),
    testF.labels,
    HAM_LABELS,
    fitted.temperature,
    'mel',
  );
  await mkdir(values.run!, { recursive: true });
  const plots = await writeClassificationPlots(
    join(values.run!, 'ham10000-test'),
    HAM_LABELS,
    testF.labels,
    probs,
    test.confusionMatrix,
    test.ece,
  );
  await writeFile(
    join(values.run!, 'ham10000-test-metrics.json'),
    JSON.stringify({ ...test, grid: fitted.grid, chosen: fitted.chosen, plots }, null, 2) + '\n',
  );
  const out = values.out!;
  await mkdir(out, { recursive: true });
  const saved: FeatureSvmJson = {
    format: 'feature-svm',
    backbone: relative(resolve(out), resolve(values.backbone!)),
    featureLayer: FEATURE_LAYER,
    scaler: fitted.scaler,
    svm: fitted.svm.toJSON(),
  };
  await writeFile(join(out, SVM_FILE), JSON.stringify(saved) + '\n');
  await writeFile(
    join(out, CALIBRATION_FILE),
    JSON.stringify({ temperature: fitted.temperature }, null, 2) + '\n',
  );
  const { C, gamma } = fitted.chosen;
  const d = trainF.rows[0].length;
  const card: ModelCard = {
    name: basename(out),
    version: '1.0.0',
    task: 'lesion-svm',
    architecture: `RBF C-SVC (C ${C}, gamma ${gamma!.toPrecision(3)}) on the ${d}-d global-average-pooled features of ${backbone.card.name}; z-score scaling, balanced class weights, Platt probabilities, temperature-scaled`,
    labels: [...HAM_LABELS],
    input: backbone.card.input,
    data: {
      dataset: 'HAM10000 (Tschandl et al. 2018), this copy: 4,786 images',
      split: `the backbone's split: lesion-disjoint, stratified by dx, seed ${seed}, 70/15/15; training part capped at ${maxPerClass} per diagnosis; C and gamma chosen and temperature fitted on validation; metrics on test`,
      trainSize: data.train.length,
      validationSize: data.val.length,
      testSize: data.test.length,
    },
    command: `npm run trainer -- train --task lesion-svm ${shellWords(args)}`.trim(),
    seed,
    metrics: { 'ham10000-test': test, 'validation-calibration': { temperature: fitted.temperature } },
    limits: [
      `Needs its backbone (${saved.backbone}) at inference: the features are that network's; retraining the backbone invalidates this SVM.`,
      `Platt probabilities are fitted by libsvm's internal 5-fold cross-validation on training features the backbone has already fitted; the validation temperature (${fitted.temperature.toFixed(2)}) corrects their confidence, but ECE stays above the CNN's.`,
      'Not a diagnostic device; one held-out split, no confidence intervals.',
    ],
    training: {
      epochs: 0,
      backend: 'libsvm-js (wasm)',
      durationSeconds: Math.round((Date.now() - started) / 1000),
      parameters: fitted.svm.supportVectorCount * d,
      optimizer: `libsvm SMO; grid C × gamma on validation balanced accuracy (${fitted.grid.length} points); ${fitted.svm.supportVectorCount} support vectors`,
    },
    weights: { quantization: 'none', bytes: (await stat(join(out, SVM_FILE))).size },
    createdAt: new Date().toISOString(),
  };
  await writeModelCard(out, card);
  await writeFittedOn(out, await withPriorFittedOn(data.fittedOn, [values.backbone!]));
  if (values.register) {
    await setDefaultModel(dirname(out), 'lesion-svm', {
      model: basename(out),
      note: `HAM10000 test balanced accuracy ${test.balancedAccuracy.toFixed(3)}, melanoma AUC ${test.auc.toFixed(3)}`,
    });
  }
  fitted.svm.dispose();
  const { perClass: _p, confusionMatrix: _c, ...headline } = test;
  console.log(JSON.stringify({ test: headline, chosen: fitted.chosen }, null, 2));
}

/** Calibrated probabilities of a saved feature SVM (its directory) for `images`. */
export async function featureSvmCalibratedProbabilities(
  modelDir: string,
  images: readonly LabelledImage[],
): Promise<{ logProbs: number[][]; temperature: number }> {
  const path = join(modelDir, SVM_FILE);
  const saved = JSON.parse(await readFile(path, 'utf8')) as FeatureSvmJson;
  if (saved.format !== 'feature-svm') {
    throw new Error(`${path}: "format" must be "feature-svm", got ${JSON.stringify(saved.format)}`);
  }
  const backbone = await loadCalibratedClassifier(join(modelDir, saved.backbone));
  const rows = await deepFeatures(backbone.model, images, cardDecoder(backbone.card), saved.featureLayer);
  backbone.model.dispose();
  const svm = await SvmClassifier.fromJSON(saved.svm);
  const probs = featureSvmProbabilities(saved.scaler, svm, rows);
  svm.dispose();
  return { logProbs: logProbabilities(probs), temperature: await readTemperature(modelDir) };
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = request.format ?? 'ham10000-test';
  const { images, heldOut } = await ham10000EvaluationImages(request);
  const { logProbs, temperature } = await featureSvmCalibratedProbabilities(request.modelDir, images);
  return scoreHamTest(request.modelDir, request.out, format, logProbs, images, temperature, heldOut);
}

export const lesionSvmTask: TrainerTask = {
  name: 'lesion-svm',
  description:
    'RBF SVM on the deep (GAP) features of a trained lesion classifier; HAM10000 7 classes, calibrated',
  formats: ['ham10000-test'],
  train,
  evaluate,
  usage: USAGE,
};
