// `trainer train --task lesion-precise-bn`: a shipped HAM10000 CNN with its BatchNorm moving
// statistics replaced by exact ones over its own (capped, unaugmented) training images
// (vision-core training/batch-norm-statistics), then re-calibrated, given the balanced decision rule when validation
// favours it, scored on the test split and shipped as a new model directory. No weight is trained.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readModelCard, withPriorFittedOn } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';
import { shellWords } from '@visioncad/vision-core/models';

import type { TrainerTask } from '../../trainer-task';
import { positiveNumbers, requiredDataFolder } from './dermoscopy-training';
import {
  evaluateAsLesionClassification,
  finishClassifier,
  parseRuleChoice,
  PRECISE_BN_NOTE,
} from './finish-classifier';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import { cardDecoder } from './resized-decoder';

const USAGE = `trainer train --task lesion-precise-bn [options]
  --model <dir>           shipped lesion-classification CNN (required)
  --data <dir>            HAM10000 folder (required)
  --max-per-class <n>     the cap the model was trained with (default 600); its training-set size must match the card's
  --decision-rule <r>     auto (default), balanced or most-probable, as for lesion-classification
  --run <dir>             metrics and plots (default runs/lesion-precise-bn)
  --out <dir>             new model directory (required)
  --register              make it the lesion-classification default in models/registry.json`;

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      'max-per-class': { type: 'string', default: '600' },
      'decision-rule': { type: 'string', default: 'auto' },
      run: { type: 'string', default: 'runs/lesion-precise-bn' },
      out: { type: 'string' },
      register: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  if (!values.model) throw new Error('--model <dir> is required: the shipped lesion classifier');
  if (!values.out)
    throw new Error('--out <dir> is required: where the model with recomputed statistics goes');
  const [maxPerClass] = positiveNumbers(values, ['max-per-class'] as const);
  const ruleChoice = parseRuleChoice(values['decision-rule']!);
  const card = await readModelCard(values.model);
  if (card.task !== 'lesion-classification' || card.labels.join() !== HAM_LABELS.join()) {
    throw new Error(
      `${values.model}/card.json: not a HAM10000 lesion-classification model (task ${card.task})`,
    );
  }
  if (card.architecture.includes(PRECISE_BN_NOTE.split(' over ')[0])) {
    throw new Error(`${values.model}: its BatchNorm statistics were already recomputed`);
  }
  const data = await ham10000Samples(requiredDataFolder(values.data, 'HAM10000'), card.seed, maxPerClass);
  // The statistics must come from the images the network was trained on, as its card counts them.
  if (data.train.length !== card.data.trainSize) {
    throw new Error(
      `--max-per-class ${maxPerClass} gives ${data.train.length} training images but ${values.model}/card.json was trained on ${card.data.trainSize}; pass the cap it was trained with`,
    );
  }
  const started = Date.now();
  const model = await loadModel(values.model);
  await finishClassifier({
    model,
    data,
    fittedOn: await withPriorFittedOn(data.fittedOn, [values.model]),
    decode: cardDecoder(card),
    seed: card.seed,
    runDir: values.run!,
    outDir: values.out,
    ruleChoice,
    preciseBatchNorm: true,
    register: values.register!,
    card: {
      ...card,
      name: basename(values.out),
      architecture: card.architecture,
      command: `${card.command} && npm run trainer -- train --task lesion-precise-bn ${shellWords(args)}`,
      training: {
        ...card.training,
        durationSeconds: card.training.durationSeconds + Math.round((Date.now() - started) / 1000),
        optimizer: `${card.training.optimizer}; then ${PRECISE_BN_NOTE}`,
      },
      createdAt: new Date().toISOString(),
    },
  });
}

export const lesionPreciseBnTask: TrainerTask = {
  name: 'lesion-precise-bn',
  description:
    "Recomputes a shipped HAM10000 CNN's BatchNorm statistics over its training images, re-calibrates and ships it",
  formats: [],
  train,
  evaluate: evaluateAsLesionClassification('lesion-precise-bn'),
  usage: USAGE,
};
