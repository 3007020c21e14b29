// `trainer train --task lesion-fitted-on`: writes fitted-on.json for dermoscopy models trained before
// training wrote it. The list is rebuilt from the card's seed on the folder the model was trained
// on, and only when the rebuilt split has the validation and test sizes the card records (the same
// folder, the same split); an existing list is kept and joined, never shrunk.
import { parseArgs } from 'node:util';
import {
  loadHam10000,
  loadPh2,
  splitHam10000ByLesion,
  type Ham10000Record,
  type Ph2Case,
} from '@visioncad/dermoscopy/node';
import type { FittedOn, ModelCard } from '@visioncad/vision-core/models';
import { readModelCard } from '@visioncad/vision-core/models-node';

import { fittedOnTask, writeRebuiltFittedOn } from '../rebuilt-fitted-on';
import { requiredDataFolder } from './dermoscopy-training';
import { ham10000FittedOn, ph2FittedOn } from './held-out-data';
import { HAM_MODEL_TASKS } from './model-probabilities';
import { splitPh2ForUnet } from './ph2-split';

const USAGE = `trainer train --task lesion-fitted-on [options]
  --model <dir,...>       shipped dermoscopy model directories (HAM10000 classifiers, or PH2 models)
  --data <dir>            the folder they were trained on (HAM10000 or PH2, as their cards say) (required)`;

const PH2_TASKS = ['lesion-segmentation', 'ph2-diagnosis', 'ph2-multitask'];

const HOW =
  "rebuilt by `trainer train --task lesion-fitted-on` from the card's seed (validation and test sizes checked against the card)";

/** The folder read once, as HAM10000 and/or PH2 (whichever the models' tasks need). */
function folderReader(data: string) {
  let ham: Promise<Ham10000Record[]> | undefined;
  let ph2: Promise<Ph2Case[]> | undefined;
  return { ham: () => (ham ??= loadHam10000(data)), ph2: () => (ph2 ??= loadPh2(data)) };
}

/** The rebuilt list of one model, after checking the split against its card. */
async function rebuild(
  dir: string,
  card: ModelCard,
  data: string,
  folder: ReturnType<typeof folderReader>,
): Promise<FittedOn> {
  const where = `${dir}/card.json`;
  let sizes: { val: number; test: number };
  let fittedOn: FittedOn;
  if (HAM_MODEL_TASKS.includes(card.task)) {
    const split = splitHam10000ByLesion(await folder.ham(), { seed: card.seed });
    sizes = { val: split.val.length, test: split.test.length };
    fittedOn = ham10000FittedOn(split, data, card.seed, HOW);
  } else if (PH2_TASKS.includes(card.task)) {
    const split = splitPh2ForUnet(await folder.ph2(), card.seed);
    sizes = { val: split.val.length, test: split.test.length };
    fittedOn = ph2FittedOn(split, data, card.seed, HOW);
  } else {
    throw new Error(
      `${where}: task "${card.task}" is not a dermoscopy model task (${[...HAM_MODEL_TASKS, ...PH2_TASKS].join(', ')})`,
    );
  }
  const { validationSize, testSize } = card.data;
  if (validationSize !== sizes.val || testSize !== sizes.test) {
    throw new Error(
      `${where}: the seed-${card.seed} split of ${data} has ${sizes.val} validation and ${sizes.test} test images but the card records ${validationSize} and ${testSize}: not the folder the model was trained on`,
    );
  }
  return fittedOn;
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { model: { type: 'string' }, data: { type: 'string' }, backend: { type: 'string' } },
    strict: true,
  });
  const dirs = (values.model ?? '').split(',').filter(Boolean);
  if (dirs.length === 0)
    throw new Error('--model <dir,...> is required: the models to write fitted-on.json for');
  const data = requiredDataFolder(values.data, 'HAM10000 or PH2');
  // Every card is checked before anything is written.
  const folder = folderReader(data);
  const lists: FittedOn[] = [];
  for (const dir of dirs) lists.push(await rebuild(dir, await readModelCard(dir), data, folder));
  await writeRebuiltFittedOn(dirs, lists);
}

export const lesionFittedOnTask = fittedOnTask({
  name: 'lesion-fitted-on',
  description:
    "Writes fitted-on.json (the lesions or cases a model was trained and validated on) for older dermoscopy models, from their card's split",
  train,
  usage: USAGE,
});
