// `trainer train --task lesion-ensemble`: averages the calibrated (temperature-scaled) probabilities
// of two or more shipped HAM10000 models (CNN classifiers and feature SVMs) trained on the same
// lesion-disjoint split. Nothing is trained except one temperature for the average, fitted on the
// validation part; metrics are on the test part. `trainer evaluate --model <ensemble dir>` rescores.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fitTemperature } from '@visioncad/vision-core/metrics';
import { shellWords, type ModelCard } from '@visioncad/vision-core/models';
import {
  readModelCard,
  setDefaultModel,
  withPriorFittedOn,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { CALIBRATION_FILE, readTemperature } from './calibrated-classifier';
import { classificationMetrics, writeClassificationPlots } from './classification-evaluation';
import { ham10000EvaluationImages, scoreHamTest } from './ham10000-evaluation';
import { requiredDataFolder } from './dermoscopy-training';
import { logProbabilities } from './feature-svm';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import {
  averagedProbabilities,
  ENSEMBLE_FILE,
  ensembleMembers,
  type EnsembleJson,
} from './model-probabilities';

const USAGE = `trainer train --task lesion-ensemble [options]
  --data <dir>            HAM10000 folder (required)
  --members <a,b,...>     shipped lesion-classification / lesion-svm model directories (at least 2)
  --run <dir>             metrics and plots (default runs/lesion-ensemble)
  --out <dir>             ensemble directory (default models/lesion-ensemble)
  --register              make it the lesion-ensemble default in models/registry.json`;

/** The members' cards, checked to share labels and the data split (seed). */
export async function memberCards(dirs: readonly string[]): Promise<ModelCard[]> {
  if (dirs.length < 2) throw new Error(`--members needs at least 2 model directories, got ${dirs.length}`);
  const cards = await Promise.all(dirs.map((d) => readModelCard(d)));
  cards.forEach((card, k) => {
    if (card.labels.join() !== HAM_LABELS.join()) {
      throw new Error(
        `${join(dirs[k], 'card.json')}: labels ${card.labels.join(', ')} are not HAM10000's ${HAM_LABELS.join(', ')}`,
      );
    }
    if (card.seed !== cards[0].seed) {
      throw new Error(
        `${join(dirs[k], 'card.json')}: seed ${card.seed} differs from ${dirs[0]}'s ${cards[0].seed}, so its test split could overlap the other member's training lesions`,
      );
    }
  });
  return cards;
}

async function memberBytes(dir: string, card: ModelCard): Promise<number> {
  return card.weights?.bytes ?? (await stat(join(dir, 'card.json'))).size;
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      members: { type: 'string', default: '' },
      run: { type: 'string', default: 'runs/lesion-ensemble' },
      out: { type: 'string', default: 'models/lesion-ensemble' },
      register: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dirs = values.members!.split(',').filter(Boolean);
  const cards = await memberCards(dirs);
  const started = Date.now();
  const seed = cards[0].seed;
  const data = await ham10000Samples(requiredDataFolder(values.data, 'HAM10000'), seed);
  const valAverage = await averagedProbabilities(dirs, data.val);
  const calibration = fitTemperature(
    logProbabilities(valAverage),
    data.val.map((s) => s.label),
  );
  const testAverage = await averagedProbabilities(dirs, data.test);
  const yTest = data.test.map((s) => s.label);
  const { probs, ...test } = classificationMetrics(
    logProbabilities(testAverage),
    yTest,
    HAM_LABELS,
    calibration.temperature,
    'mel',
  );
  await mkdir(values.run!, { recursive: true });
  const plots = await writeClassificationPlots(
    join(values.run!, 'ham10000-test'),
    HAM_LABELS,
    yTest,
    probs,
    test.confusionMatrix,
    test.ece,
  );
  await writeFile(
    join(values.run!, 'ham10000-test-metrics.json'),
    JSON.stringify({ ...test, plots }, null, 2) + '\n',
  );
  const out = values.out!;
  await mkdir(out, { recursive: true });
  const saved: EnsembleJson = {
    format: 'probability-average',
    members: dirs.map((d) => relative(resolve(out), resolve(d))),
  };
  await writeFile(join(out, ENSEMBLE_FILE), JSON.stringify(saved, null, 2) + '\n');
  await writeFile(
    join(out, CALIBRATION_FILE),
    JSON.stringify({ temperature: calibration.temperature }, null, 2) + '\n',
  );
  let bytes = 0;
  for (const [k, dir] of dirs.entries()) bytes += await memberBytes(dir, cards[k]);
  const card: ModelCard = {
    name: basename(out),
    version: '1.0.0',
    task: 'lesion-ensemble',
    architecture: `mean of the temperature-calibrated probabilities of ${cards.map((c) => c.name).join(' + ')}, then one temperature for the mean`,
    labels: [...HAM_LABELS],
    input: cards[0].input,
    data: {
      dataset: 'HAM10000 (Tschandl et al. 2018), this copy: 4,786 images',
      split: `the members' split: lesion-disjoint, stratified by dx, seed ${seed}, 70/15/15; ensemble temperature fitted on validation; metrics on test`,
      trainSize: cards[0].data.trainSize,
      validationSize: data.val.length,
      testSize: data.test.length,
    },
    command: `npm run trainer -- train --task lesion-ensemble ${shellWords(args)}`.trim(),
    seed,
    metrics: {
      'ham10000-test': test,
      'validation-calibration': { ...calibration },
      ...Object.fromEntries(
        cards.map((c) => [`member ${c.name} (its card)`, { ...(c.metrics['ham10000-test'] ?? {}) }]),
      ),
    },
    limits: [
      `Needs every member (${saved.members.join(', ')}) at inference and costs the sum of their run times.`,
      'Members trained on the same images make correlated errors; the gain over the best member is small when they are.',
      'Not a diagnostic device; one held-out split, no confidence intervals.',
    ],
    training: {
      epochs: 0,
      backend: 'members as shipped',
      durationSeconds: Math.round((Date.now() - started) / 1000),
      parameters: cards.reduce((s, c) => s + (c.training?.parameters ?? 0), 0),
      optimizer: `no training: probability average; temperature ${calibration.temperature.toFixed(3)} fitted on validation NLL`,
    },
    weights: { quantization: cards[0].weights?.quantization ?? 'none', bytes },
    createdAt: new Date().toISOString(),
  };
  await writeModelCard(out, card);
  await writeFittedOn(out, await withPriorFittedOn(data.fittedOn, dirs));
  if (values.register) {
    await setDefaultModel(dirname(out), 'lesion-ensemble', {
      model: basename(out),
      note: `HAM10000 test balanced accuracy ${test.balancedAccuracy.toFixed(3)}, melanoma AUC ${test.auc.toFixed(3)}`,
    });
  }
  const { perClass: _p, confusionMatrix: _c, ...headline } = test;
  console.log(JSON.stringify({ test: headline }, null, 2));
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = request.format ?? 'ham10000-test';
  const dirs = await ensembleMembers(request.modelDir);
  await memberCards(dirs);
  const { images, heldOut } = await ham10000EvaluationImages(request);
  const average = await averagedProbabilities(dirs, images);
  return scoreHamTest(
    request.modelDir,
    request.out,
    format,
    logProbabilities(average),
    images,
    await readTemperature(request.modelDir),
    heldOut,
  );
}

export const lesionEnsembleTask: TrainerTask = {
  name: 'lesion-ensemble',
  description:
    'Average of the calibrated probabilities of 2+ HAM10000 lesion models (CNNs, feature SVMs), one temperature on top',
  formats: ['ham10000-test'],
  train,
  evaluate,
  usage: USAGE,
};
