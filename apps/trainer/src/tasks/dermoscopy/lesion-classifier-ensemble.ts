// `trainer train --task lesion-classifier-ensemble`: two or more shipped HAM10000 CNNs of one input
// size averaged inside ONE tfjs model, so the ensemble is served wherever a single classifier is
// (analyze(), the portal, the browser demo, Grad-CAM included). Each member's validation
// temperature is written into its output layer (vision-core bakeTemperature), so the graph's
// output is the mean of the members' calibrated probabilities, as `lesion-ensemble` defines it; the
// ensemble then gets its own temperature and balanced decision rule on the validation split and
// is scored on the test split like any lesion-classification model (finish-classifier). No weight
// is trained.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { bakeTemperature, buildAveragingEnsemble } from '@visioncad/vision-core/ensemble';
import { shellWords, type ModelCard } from '@visioncad/vision-core/models';
import { loadModel } from '@visioncad/vision-core/training-node';
import { withPriorFittedOn } from '@visioncad/vision-core/models-node';

import type { TrainerTask } from '../../trainer-task';
import { readTemperature } from './calibrated-classifier';
import { mergedCommandChain, requiredDataFolder } from './dermoscopy-training';
import { evaluateAsLesionClassification, finishClassifier, parseRuleChoice } from './finish-classifier';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import { memberCards } from './lesion-ensemble';
import { cardDecoder } from './resized-decoder';

const USAGE = `trainer train --task lesion-classifier-ensemble [options]
  --members <a,b,...>     shipped lesion-classification CNN directories (at least 2; same input size and data split)
  --weights <w,w,...>     one positive weight per member (default equal)
  --data <dir>            HAM10000 folder (required)
  --decision-rule <r>     auto (default), balanced or most-probable, as for lesion-classification
  --run <dir>             metrics and plots (default runs/lesion-classifier-ensemble)
  --out <dir>             the ensemble's model directory (required)
  --register              make it the lesion-classification default in models/registry.json`;

/** The members' cards, checked: HAM10000 CNNs on one data split (seed, as `lesion-ensemble` checks) and one input size. */
export async function classifierEnsembleCards(dirs: readonly string[]): Promise<ModelCard[]> {
  const cards = await memberCards(dirs);
  const first = cards[0];
  cards.forEach((card, k) => {
    const where = `${dirs[k]}/card.json`;
    if (card.task !== 'lesion-classification') {
      throw new Error(`${where}: not a HAM10000 lesion-classification CNN (task ${card.task})`);
    }
    if (card.input.width !== first.input.width || card.input.height !== first.input.height) {
      throw new Error(
        `${where}: input ${card.input.width}x${card.input.height} differs from ${dirs[0]}'s ${first.input.width}x${first.input.height}; one graph needs one input size`,
      );
    }
    if (card.input.shadesOfGray?.p !== first.input.shadesOfGray?.p) {
      const sog = (c: typeof card) =>
        c.input.shadesOfGray ? `shades of gray p ${c.input.shadesOfGray.p}` : 'uncorrected';
      throw new Error(
        `${where}: its input is ${sog(card)} but ${dirs[0]}'s is ${sog(first)}; one graph reads one kind of input`,
      );
    }
  });
  return cards;
}

function parseWeights(value: string | undefined, members: number): number[] | undefined {
  if (value === undefined) return undefined;
  const weights = value.split(',').map(Number);
  if (weights.length !== members || weights.some((w) => !(w > 0) || !Number.isFinite(w))) {
    throw new Error(`--weights needs one positive number per member (${members}), got "${value}"`);
  }
  return weights;
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      members: { type: 'string', default: '' },
      weights: { type: 'string' },
      data: { type: 'string' },
      'decision-rule': { type: 'string', default: 'auto' },
      run: { type: 'string', default: 'runs/lesion-classifier-ensemble' },
      out: { type: 'string' },
      register: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dirs = values.members!.split(',').filter(Boolean);
  const cards = await classifierEnsembleCards(dirs);
  const weights = parseWeights(values.weights, dirs.length);
  if (!values.out) throw new Error('--out <dir> is required: where the ensemble model goes');
  const ruleChoice = parseRuleChoice(values['decision-rule']!);
  const dataDir = requiredDataFolder(values.data, 'HAM10000');
  const started = Date.now();
  const members: tf.LayersModel[] = [];
  const temperatures: number[] = [];
  for (const dir of dirs) {
    const model = await loadModel(dir);
    const temperature = await readTemperature(dir);
    bakeTemperature(model, temperature);
    members.push(model);
    temperatures.push(temperature);
  }
  const model = buildAveragingEnsemble(members, 'lesion_classifier_ensemble', weights);
  members.forEach((m) => m.dispose());
  const { seed, input } = cards[0];
  const data = await ham10000Samples(dataDir, seed);
  const shares = weights ?? dirs.map(() => 1);
  const total = shares.reduce((a, b) => a + b, 0);
  const memberLines = cards.map(
    (c, k) =>
      `${c.name} ${c.version} (share ${(shares[k] / total).toFixed(2)}, its temperature ${temperatures[k].toFixed(3)})`,
  );
  await finishClassifier({
    model,
    data,
    fittedOn: await withPriorFittedOn(data.fittedOn, dirs),
    decode: cardDecoder(cards[0]),
    seed,
    runDir: values.run!,
    outDir: values.out,
    ruleChoice,
    preciseBatchNorm: false,
    register: values.register!,
    card: {
      name: basename(values.out),
      version: '1.0.0',
      task: 'lesion-classification',
      architecture: `probability-averaging ensemble in one graph of ${memberLines.join(' + ')}; each member's calibration temperature written into its output layer, so the output is the mean of the calibrated probabilities; temperature-scaled`,
      labels: [...HAM_LABELS],
      input,
      data: {
        dataset: cards[0].data.dataset,
        split: `the members' split: lesion-disjoint, stratified by dx, seed ${seed}, 70/15/15; members trained on ${cards.map((c) => `${c.data.trainSize} (${c.name})`).join(', ')} training images; ensemble temperature and decision rule fitted on validation; metrics on test`,
        trainSize: Math.max(...cards.map((c) => c.data.trainSize)),
        validationSize: data.val.length,
        testSize: data.test.length,
      },
      command: mergedCommandChain([
        ...cards.map((c) => c.command),
        `npm run trainer -- train --task lesion-classifier-ensemble ${shellWords(args)}`.trim(),
      ]),
      seed,
      limits: [
        `Runs ${dirs.length} networks per image: ${dirs.length}x one member's classification time (Grad-CAM is the members' maps by their shares).`,
        'Members trained on the same images make correlated errors; the gain over the best member is small when they do.',
        ...cards[0].limits.filter((l) => !/^Trained on /.test(l)),
      ],
      training: {
        epochs: 0,
        backend: tf.getBackend(),
        durationSeconds:
          cards.reduce((s, c) => s + c.training.durationSeconds, 0) +
          Math.round((Date.now() - started) / 1000),
        parameters: model.countParams(),
        optimizer: `none: the members as trained (${cards.map((c) => c.training.optimizer).join(' | ')})`,
      },
      createdAt: new Date().toISOString(),
    },
  });
}

export const lesionClassifierEnsembleTask: TrainerTask = {
  name: 'lesion-classifier-ensemble',
  description:
    'Averages shipped HAM10000 CNNs of one input size in one servable model (calibrated members), then calibrates and scores it',
  formats: [],
  train,
  evaluate: evaluateAsLesionClassification('lesion-classifier-ensemble'),
  usage: USAGE,
};
