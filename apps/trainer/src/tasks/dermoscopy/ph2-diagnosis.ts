// `trainer train --task ph2-diagnosis`: transfer from our HAM10000 lesion classifier to PH2's
// clinical diagnosis (common nevus / atypical nevus / melanoma). The HAM10000 network's trunk and
// weights are kept, a new 3-class head is put on its pooled features and everything is fine-tuned
// on PH2's training cases; `--init none` trains the same architecture from random weights, the
// control that shows what the transfer buys. Split: the U-Net's PH2 split (seed 7), so the 40 test
// cases are never trained on by either network.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { PH2_DIAGNOSES } from '@visioncad/dermoscopy';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import { transferClassifier } from '@visioncad/dermoscopy/models/transfer-head';
import { loadPh2, type Ph2Case } from '@visioncad/dermoscopy/node';
import { ImageDataset } from '@visioncad/vision-core/data';
import { fitTemperature } from '@visioncad/vision-core/metrics';
import { readModelCard, withPriorFittedOn } from '@visioncad/vision-core/models-node';
import { EarlyStopping, fit, ProgressBar, withSeededRandom } from '@visioncad/vision-core/training';
import { FileCheckpointStore, JsonlMetricsLog, loadModel } from '@visioncad/vision-core/training-node';
import { shellWords } from '@visioncad/vision-core/models';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { CALIBRATION_FILE, readTemperature } from './calibrated-classifier';
import {
  classificationMetrics,
  predictLogProbabilities,
  writeClassificationPlots,
  type LabelledImage,
} from './classification-evaluation';
import {
  abortOnSigint,
  DERMOSCOPY_AUGMENTATION,
  positiveNumbers,
  requiredDataFolder,
} from './dermoscopy-training';
import { heldOutPh2, ph2FittedOn } from './held-out-data';
import { splitPh2ForUnet } from './ph2-split';
import { cardDecoder, resizedDecoder } from './resized-decoder';
import { shipModel } from './ship-model';

const PH2_LABELS: readonly string[] = PH2_DIAGNOSES;

const USAGE = `trainer train --task ph2-diagnosis [options]
  --data <dir>            PH2 folder (PH2_dataset.csv + PH2 Dataset images/) (required)
  --init <dir|none>       HAM10000 classifier to transfer from (default models/lesion-classifier-resnet);
                          none: the same ResNet from random weights (the control)
  --epochs <n>            epochs (default 30; the best by validation balanced accuracy is kept)
  --batch <n>             batch size (default 16)   --lr <x>  Adam learning rate (default 0.0005)
  --seed <n>              PH2 split / augmentation seed (default 7, the U-Net's split)
  --run <dir>             checkpoint + metrics (default runs/ph2-diagnosis-<transfer|scratch>)
  --out <dir>             shipped model directory (default models/lesion-ph2-<transfer|scratch>)
  --register              make it the ph2-diagnosis default in models/registry.json`;

const toSamples = (cases: readonly Ph2Case[]): LabelledImage[] =>
  cases.map((c) => ({ path: c.imagePath, label: PH2_LABELS.indexOf(c.clinicalDiagnosis) }));

/** PH2 train / validation / test cases as labelled images, and the cases fitted on. */
async function ph2Samples(dir: string, seed: number) {
  const split = splitPh2ForUnet(await loadPh2(dir), seed);
  return {
    train: toSamples(split.train),
    val: toSamples(split.val),
    test: toSamples(split.test),
    fittedOn: ph2FittedOn(split, dir, seed),
  };
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      init: { type: 'string', default: 'models/lesion-classifier-resnet' },
      epochs: { type: 'string', default: '30' },
      batch: { type: 'string', default: '16' },
      lr: { type: 'string', default: '0.0005' },
      seed: { type: 'string', default: '7' },
      run: { type: 'string' },
      out: { type: 'string' },
      register: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const [epochs, batchSize, lr, seed] = positiveNumbers(values, ['epochs', 'batch', 'lr', 'seed'] as const);
  const transfer = values.init !== 'none';
  const kind = transfer ? 'transfer' : 'scratch';
  const runDir = values.run ?? `runs/ph2-diagnosis-${kind}`;
  const outDir = values.out ?? `models/lesion-ph2-${kind}`;
  const sourceCard = transfer ? await readModelCard(values.init!) : null;
  const size = sourceCard?.input.width ?? 64;
  const data = await ph2Samples(requiredDataFolder(values.data, 'PH2'), seed);
  const decode = resizedDecoder(size, 3);
  const common = { decode, imageShape: [size, size, 3] as const };
  const trainSet = new ImageDataset({
    ...common,
    samples: data.train,
    batchSize,
    seed,
    augmentation: DERMOSCOPY_AUGMENTATION,
  });
  const validation = new ImageDataset({ ...common, samples: data.val, batchSize: 32, shuffle: false });
  const source = transfer
    ? await loadModel(values.init!)
    : withSeededRandom(seed, ['init'], () => buildLesionResnet({ inputSize: size, numClasses: HAM_CLASSES }));
  const model = withSeededRandom(seed, ['head'], () => transferClassifier(source, PH2_LABELS.length));
  await mkdir(runDir, { recursive: true });
  const started = Date.now();
  const result = await fit(model, {
    train: trainSet,
    validation,
    epochs,
    seed,
    optimizer: { type: 'adam', learningRate: lr, weightDecay: 1e-4 },
    classWeights: 'balanced',
    earlyStopping: new EarlyStopping({
      monitor: 'val_balanced_accuracy',
      patience: epochs,
      restoreBestWeights: true,
    }),
    checkpoint: { store: new FileCheckpointStore(join(runDir, 'checkpoint.ckpt')), everySteps: 20 },
    metricsLog: new JsonlMetricsLog(join(runDir, 'metrics.jsonl')),
    progress: new ProgressBar(process.stderr),
    signal: abortOnSigint(),
  });
  if (result.stopReason === 'aborted') {
    console.error(`stopped at step ${result.globalStep}; rerun the same command to resume`);
    return;
  }
  const trainSeconds = Math.round((Date.now() - started) / 1000);
  const valLogProbs = await predictLogProbabilities(tf, model, data.val, decode);
  const calibration = fitTemperature(
    valLogProbs,
    data.val.map((s) => s.label),
  );
  const testLogProbs = await predictLogProbabilities(tf, model, data.test, decode);
  const yTest = data.test.map((s) => s.label);
  const { probs, ...test } = classificationMetrics(
    testLogProbs,
    yTest,
    PH2_LABELS,
    calibration.temperature,
    'melanoma',
  );
  const plots = await writeClassificationPlots(
    join(runDir, 'ph2-test'),
    PH2_LABELS,
    yTest,
    probs,
    test.confusionMatrix,
    test.ece,
  );
  await writeFile(join(runDir, 'ph2-test-metrics.json'), JSON.stringify({ ...test, plots }, null, 2) + '\n');
  const card = await shipModel(
    model,
    outDir,
    {
      name: `lesion-ph2-${kind}`,
      version: '1.0.0',
      task: 'ph2-diagnosis',
      architecture: transfer
        ? `${sourceCard!.name} trunk (HAM10000-trained weights) to its global-average-pooled features, new dropout 0.3 + dense softmax 3, all layers fine-tuned; temperature-scaled`
        : 'lesion ResNet (as lesion-classifier-resnet) from random weights, dropout 0.3 + dense softmax 3: the no-transfer control; temperature-scaled',
      labels: [...PH2_LABELS],
      input: {
        width: size,
        height: size,
        channels: 3,
        preprocessing: ['RGB', `bilinear resize to ${size}x${size}`, 'scale 0..1'],
      },
      data: {
        dataset: 'PH2 (Mendonça et al. 2013), clinical diagnosis of 140 cases in this copy',
        split: `the U-Net's PH2 split: stratified by clinical diagnosis, seed ${seed}, 60/11.5/28.5 %; temperature fitted on validation; metrics on test`,
        trainSize: data.train.length,
        validationSize: data.val.length,
        testSize: data.test.length,
      },
      command: `npm run trainer -- train --task ph2-diagnosis ${shellWords(args)}`.trim(),
      seed,
      metrics: { 'ph2-test': test, 'validation-calibration': { ...calibration } },
      limits: [
        `Fine-tuned on ${data.train.length} PH2 images (one clinic, one dermoscope); the test part has ${data.test.length} cases, so every figure has a wide confidence interval.`,
        'The temperature is fitted on 15-16 validation cases: treat the calibration as rough.',
        'Not a diagnostic device.',
      ],
      training: {
        epochs: result.history.length,
        backend: tf.getBackend(),
        durationSeconds: trainSeconds,
        parameters: model.countParams(),
        optimizer: `Adam lr ${lr}, weight decay 1e-4, balanced class weights, batch ${batchSize}, best epoch by val_balanced_accuracy (${result.bestEpoch})`,
      },
      createdAt: new Date().toISOString(),
    },
    'float16',
    values.register
      ? {
          note: `PH2 test balanced accuracy ${test.balancedAccuracy.toFixed(3)}, melanoma AUC ${test.auc.toFixed(3)}`,
        }
      : null,
    await withPriorFittedOn(data.fittedOn, transfer ? [values.init!] : []),
  );
  await writeFile(
    join(outDir, CALIBRATION_FILE),
    JSON.stringify({ temperature: calibration.temperature }, null, 2) + '\n',
  );
  const { perClass: _p, confusionMatrix: _c, ...headline } = test;
  console.log(
    JSON.stringify({ test: headline, weights: card.weights, bestEpoch: result.bestEpoch }, null, 2),
  );
}

/** The HAM10000 class count of the source architecture (its head is replaced). */
const HAM_CLASSES = 7;

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = request.format ?? 'ph2-test';
  const chosen = await heldOutPh2(request.data, request.modelDir, request.card.seed);
  const images = toSamples(chosen.items);
  const model = await loadModel(request.modelDir);
  const logProbs = await predictLogProbabilities(tf, model, images, cardDecoder(request.card));
  model.dispose();
  const y = images.map((s) => s.label);
  const { probs, ...metrics } = classificationMetrics(
    logProbs,
    y,
    PH2_LABELS,
    await readTemperature(request.modelDir),
    'melanoma',
  );
  const plots = await writeClassificationPlots(
    request.out.replace(/\.json$/, ''),
    PH2_LABELS,
    y,
    probs,
    metrics.confusionMatrix,
    metrics.ece,
  );
  return { format, heldOut: chosen.heldOut, ...metrics, plots };
}

export const ph2DiagnosisTask: TrainerTask = {
  name: 'ph2-diagnosis',
  description:
    'PH2 clinical diagnosis (3 classes) by transfer from the HAM10000 lesion classifier (or from scratch)',
  formats: ['ph2-test'],
  train,
  evaluate,
  usage: USAGE,
};
