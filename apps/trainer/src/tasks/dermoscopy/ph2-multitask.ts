// `trainer train --task ph2-multitask`: one network, two heads — PH2 clinical diagnosis (softmax)
// and five expert-graded dermoscopic criteria (sigmoids: atypical pigment network, dots/globules,
// streaks, regression areas, blue-whitish veil) — on the trunk of our HAM10000 classifier, trained
// jointly (class-weighted cross-entropy + mean binary cross-entropy). vision-core's `fit` takes
// single-output models, so this task has its own small loop: seeded shuffling and augmentation,
// a checkpoint and state file after every epoch under --run (rerun to resume; Adam's moments
// restart), the best epoch by validation diagnosis balanced accuracy kept. Same PH2 split as the
// U-Net and ph2-diagnosis (seed 7), so the three are scored on the same 40 unseen cases.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { PH2_DIAGNOSES } from '@visioncad/dermoscopy';
import {
  buildMultiTaskLesionNet,
  multiTaskLoss,
  PH2_CRITERIA,
} from '@visioncad/dermoscopy/models/multi-task';
import { loadPh2, type Ph2Case } from '@visioncad/dermoscopy/node';
import { augmentImage, epochOrder, seededRandom } from '@visioncad/vision-core/data';
import { balancedAccuracy, fitTemperature, rocAuc } from '@visioncad/vision-core/metrics';
import { readModelCard, withPriorFittedOn } from '@visioncad/vision-core/models-node';
import { withSeededRandom } from '@visioncad/vision-core/training';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { shellWords } from '@visioncad/vision-core/models';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { CALIBRATION_FILE, readTemperature } from './calibrated-classifier';
import { classificationMetrics, writeClassificationPlots } from './classification-evaluation';
import { DERMOSCOPY_AUGMENTATION, positiveNumbers, requiredDataFolder } from './dermoscopy-training';
import { balancedClassWeights, logProbabilities } from './feature-svm';
import { heldOutPh2, ph2FittedOn } from './held-out-data';
import { splitPh2ForUnet } from './ph2-split';
import { resizedDecoder } from './resized-decoder';
import { shipModel } from './ship-model';

const PH2_LABELS: readonly string[] = PH2_DIAGNOSES;

const USAGE = `trainer train --task ph2-multitask [options]
  --data <dir>            PH2 folder (required)
  --init <dir>            HAM10000 classifier whose trunk is shared (default models/lesion-classifier-resnet)
  --epochs <n>            epochs (default 30)   --batch <n>  batch size (default 16)
  --lr <x>                Adam learning rate (default 0.0005)
  --criteria-weight <x>   weight of the criteria loss against the diagnosis loss (default 1)
  --seed <n>              PH2 split / shuffling / augmentation seed (default 7)
  --run <dir>             checkpoint, state and metrics (default runs/ph2-multitask); rerun to resume
  --out <dir>             shipped model directory (default models/lesion-ph2-multitask)`;

/** A PH2 case as training data: image, diagnosis index and the five criteria as 0/1. */
interface MultiTaskSample {
  path: string;
  label: number;
  criteria: number[];
}

/** The five binary criteria of a PH2 case, in PH2_CRITERIA order. */
export function ph2CriteriaVector(c: Ph2Case): number[] {
  return [
    c.pigmentNetwork === 'atypical' ? 1 : 0,
    c.dotsGlobules !== 'absent' ? 1 : 0,
    c.streaks ? 1 : 0,
    c.regressionAreas ? 1 : 0,
    c.blueWhitishVeil ? 1 : 0,
  ];
}

const toSamples = (cases: readonly Ph2Case[]): MultiTaskSample[] =>
  cases.map((c) => ({
    path: c.imagePath,
    label: PH2_LABELS.indexOf(c.clinicalDiagnosis),
    criteria: ph2CriteriaVector(c),
  }));

async function ph2MultiTaskSamples(dir: string, seed: number) {
  const split = splitPh2ForUnet(await loadPh2(dir), seed);
  return {
    train: toSamples(split.train),
    val: toSamples(split.val),
    test: toSamples(split.test),
    fittedOn: ph2FittedOn(split, dir, seed),
  };
}

/** Images scaled to [0, 1] at the network's input size. */
async function decodeAll(samples: readonly MultiTaskSample[], size: number): Promise<Float32Array[]> {
  const decode = resizedDecoder(size, 3);
  const out: Float32Array[] = [];
  for (const s of samples) out.push(Float32Array.from((await decode(s.path)).data, (v) => v / 255));
  return out;
}

/** Diagnosis probabilities and criteria probabilities of the model for pre-decoded images. */
function predictBoth(model: tf.LayersModel, images: readonly Float32Array[], size: number) {
  const diagnosis: number[][] = [];
  const criteria: number[][] = [];
  for (let start = 0; start < images.length; start += 32) {
    const part = images.slice(start, start + 32);
    const x = new Float32Array(part.length * size * size * 3);
    part.forEach((img, i) => x.set(img, i * img.length));
    const [d, c] = tf.tidy(() => {
      const [pd, pc] = model.predict(tf.tensor4d(x, [part.length, size, size, 3])) as tf.Tensor[];
      return [pd.arraySync() as number[][], pc.arraySync() as number[][]];
    });
    diagnosis.push(...d);
    criteria.push(...c);
  }
  return { diagnosis, criteria };
}

/** Per-criterion AUC, accuracy at 0.5 and positives, on held-out cases. */
export function criteriaMetrics(truth: number[][], predicted: number[][]) {
  return Object.fromEntries(
    PH2_CRITERIA.map((name, k) => {
      const y = truth.map((t) => t[k]);
      const p = predicted.map((row) => row[k]);
      const positives = y.filter((v) => v === 1).length;
      const correct = y.filter((v, i) => (p[i] >= 0.5 ? 1 : 0) === v).length;
      return [
        name,
        {
          auc: positives > 0 && positives < y.length ? rocAuc(y, p) : null,
          accuracy: correct / y.length,
          positives,
          n: y.length,
        },
      ];
    }),
  );
}

interface RunState {
  epoch: number;
  bestEpoch: number;
  bestValBalancedAccuracy: number;
  trainSeconds: number;
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
      'criteria-weight': { type: 'string', default: '1' },
      seed: { type: 'string', default: '7' },
      run: { type: 'string', default: 'runs/ph2-multitask' },
      out: { type: 'string', default: 'models/lesion-ph2-multitask' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const [epochs, batchSize, lr, criteriaWeight, seed] = positiveNumbers(values, [
    'epochs',
    'batch',
    'lr',
    'criteria-weight',
    'seed',
  ] as const);
  const runDir = values.run!;
  const sourceCard = await readModelCard(values.init!);
  const size = sourceCard.input.width;
  const data = await ph2MultiTaskSamples(requiredDataFolder(values.data, 'PH2'), seed);
  const [trainX, valX, testX] = [
    await decodeAll(data.train, size),
    await decodeAll(data.val, size),
    await decodeAll(data.test, size),
  ];
  // The source lends its layers (trunk weights); on resume the checkpoint's weights replace them.
  const source = await loadModel(values.init!);
  const model = withSeededRandom(seed, ['head'], () =>
    buildMultiTaskLesionNet(source, { diagnoses: PH2_LABELS.length, criteria: PH2_CRITERIA.length }),
  );
  await mkdir(runDir, { recursive: true });
  const statePath = join(runDir, 'state.json');
  let state: RunState = { epoch: 0, bestEpoch: -1, bestValBalancedAccuracy: -1, trainSeconds: 0 };
  try {
    state = JSON.parse(await readFile(statePath, 'utf8')) as RunState;
    const last = await loadModel(join(runDir, 'last'));
    model.setWeights(last.getWeights());
    last.dispose();
    console.error(`resuming ${runDir} after epoch ${state.epoch}`);
  } catch {
    // No checkpoint yet: start from the transferred trunk.
  }
  const weights = balancedClassWeights(
    data.train.map((s) => s.label),
    PH2_LABELS.length,
  );
  const classWeights = tf.tensor1d(PH2_LABELS.map((_, k) => weights[k] ?? 0));
  const optimizer = tf.train.adam(lr);
  const yVal = data.val.map((s) => s.label);
  for (let epoch = state.epoch; epoch < epochs; epoch++) {
    const started = Date.now();
    const order = epochOrder(data.train.length, seed, epoch);
    const rand = seededRandom(seed, 'augment', epoch);
    let lossSum = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const idx = Array.from(order.slice(start, start + batchSize));
      const x = new Float32Array(idx.length * size * size * 3);
      idx.forEach((i, b) => {
        const img = augmentImage(
          { width: size, height: size, channels: 3, data: trainX[i] },
          DERMOSCOPY_AUGMENTATION,
          rand,
        );
        x.set(img.data, b * size * size * 3);
      });
      const loss = withSeededRandom(seed, ['step', epoch, start], () =>
        optimizer.minimize(() => {
          const xs = tf.tensor4d(x, [idx.length, size, size, 3]);
          const y = tf.oneHot(
            tf.tensor1d(
              idx.map((i) => data.train[i].label),
              'int32',
            ),
            PH2_LABELS.length,
          );
          const c = tf.tensor2d(idx.map((i) => data.train[i].criteria));
          const predicted = model.apply(xs, { training: true }) as [tf.Tensor, tf.Tensor];
          return multiTaskLoss(predicted, y, c, { classWeights, criteriaWeight });
        }, true),
      )!;
      lossSum += (await loss.data())[0] * idx.length;
      loss.dispose();
    }
    const val = predictBoth(model, valX, size);
    const valBa = balancedAccuracy(
      yVal,
      val.diagnosis.map((r) => r.indexOf(Math.max(...r))),
      PH2_LABELS.length,
    );
    state.trainSeconds += (Date.now() - started) / 1000;
    if (valBa > state.bestValBalancedAccuracy) {
      state.bestValBalancedAccuracy = valBa;
      state.bestEpoch = epoch;
      await saveModel(model, join(runDir, 'best'));
    }
    await saveModel(model, join(runDir, 'last'));
    state.epoch = epoch + 1;
    await writeFile(statePath, JSON.stringify(state, null, 2) + '\n');
    console.error(
      `epoch ${epoch + 1}/${epochs} loss ${(lossSum / order.length).toFixed(4)} val_balanced_accuracy ${valBa.toFixed(4)} (best ${state.bestValBalancedAccuracy.toFixed(4)} at epoch ${state.bestEpoch + 1})`,
    );
  }
  classWeights.dispose();
  const best = await loadModel(join(runDir, 'best'));
  model.setWeights(best.getWeights());
  best.dispose();
  const val = predictBoth(model, valX, size);
  const calibration = fitTemperature(logProbabilities(val.diagnosis), yVal);
  const test = predictBoth(model, testX, size);
  const yTest = data.test.map((s) => s.label);
  const { probs, ...diagnosis } = classificationMetrics(
    logProbabilities(test.diagnosis),
    yTest,
    PH2_LABELS,
    calibration.temperature,
    'melanoma',
  );
  const criteria = criteriaMetrics(
    data.test.map((s) => s.criteria),
    test.criteria,
  );
  const plots = await writeClassificationPlots(
    join(runDir, 'ph2-test'),
    PH2_LABELS,
    yTest,
    probs,
    diagnosis.confusionMatrix,
    diagnosis.ece,
  );
  await writeFile(
    join(runDir, 'ph2-test-metrics.json'),
    JSON.stringify({ ...diagnosis, criteria, plots }, null, 2) + '\n',
  );
  const outDir = values.out!;
  await shipModel(
    model,
    outDir,
    {
      name: 'lesion-ph2-multitask',
      version: '1.0.0',
      task: 'ph2-multitask',
      architecture: `${sourceCard.name} trunk (HAM10000-trained weights) to its pooled features, dropout 0.3, two heads: diagnosis softmax 3 + criteria sigmoid ${PH2_CRITERIA.length} (${PH2_CRITERIA.join(', ')}); joint loss, all layers fine-tuned; diagnosis temperature-scaled`,
      labels: [...PH2_LABELS],
      input: {
        width: size,
        height: size,
        channels: 3,
        preprocessing: ['RGB', `bilinear resize to ${size}x${size}`, 'scale 0..1'],
      },
      data: {
        dataset:
          'PH2 (Mendonça et al. 2013): clinical diagnosis and expert dermoscopic criteria of 140 cases in this copy',
        split: `the U-Net's PH2 split: stratified by clinical diagnosis, seed ${seed}, 60/11.5/28.5 %; best epoch and temperature on validation; metrics on test`,
        trainSize: data.train.length,
        validationSize: data.val.length,
        testSize: data.test.length,
      },
      command: `npm run trainer -- train --task ph2-multitask ${shellWords(args)}`.trim(),
      seed,
      metrics: {
        'ph2-test': diagnosis,
        ...Object.fromEntries(Object.entries(criteria).map(([k, v]) => [`ph2-test criterion ${k}`, v])),
        'validation-calibration': { ...calibration },
      },
      limits: [
        `Trained on ${data.train.length} PH2 images and scored on ${data.test.length}: criteria with few positives (streaks, regression, veil) have very noisy AUCs.`,
        "The criteria are the PH2 experts' whole-image grades; the network does not localise them.",
        'Not a diagnostic device.',
      ],
      training: {
        epochs: state.epoch,
        backend: tf.getBackend(),
        durationSeconds: Math.round(state.trainSeconds),
        parameters: model.countParams(),
        optimizer: `Adam lr ${lr}, batch ${batchSize}, balanced diagnosis class weights, criteria loss weight ${criteriaWeight}, best epoch by validation diagnosis balanced accuracy (${state.bestEpoch})`,
      },
      createdAt: new Date().toISOString(),
    },
    'float16',
    null,
    await withPriorFittedOn(data.fittedOn, [values.init!]),
  );
  await writeFile(
    join(outDir, CALIBRATION_FILE),
    JSON.stringify({ temperature: calibration.temperature }, null, 2) + '\n',
  );
  const { perClass: _p, confusionMatrix: _c, ...headline } = diagnosis;
  console.log(JSON.stringify({ diagnosis: headline, criteria }, null, 2));
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = request.format ?? 'ph2-test';
  const size = request.card.input.width;
  const chosen = await heldOutPh2(request.data, request.modelDir, request.card.seed);
  const samples = toSamples(chosen.items);
  const model = await loadModel(request.modelDir);
  const predicted = predictBoth(model, await decodeAll(samples, size), size);
  model.dispose();
  const y = samples.map((s) => s.label);
  const { probs, ...diagnosis } = classificationMetrics(
    logProbabilities(predicted.diagnosis),
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
    diagnosis.confusionMatrix,
    diagnosis.ece,
  );
  return {
    format,
    heldOut: chosen.heldOut,
    ...diagnosis,
    criteria: criteriaMetrics(
      samples.map((s) => s.criteria),
      predicted.criteria,
    ),
    plots,
  };
}

export const ph2MultiTaskTask: TrainerTask = {
  name: 'ph2-multitask',
  description: 'PH2 diagnosis + five dermoscopic criteria, one network on the HAM10000 classifier trunk',
  formats: ['ph2-test'],
  train,
  evaluate,
  usage: USAGE,
};
