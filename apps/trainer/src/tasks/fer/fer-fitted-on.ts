// `trainer train --task fer-fitted-on`: writes fitted-on.json for FER models fitted on every subject
// of a folder (the shipped fer-svm fit) before training wrote the list. The card is checked against
// the folder first: the same dataset, as many faces as its training size, as many subjects as its
// split names; an existing list is kept and joined, never shrunk.
import { parseArgs } from 'node:util';
import type { FittedOn, ModelCard } from '@visioncad/vision-core/models';
import { readModelCard } from '@visioncad/vision-core/models-node';

import { fittedOnTask, writeRebuiltFittedOn } from '../rebuilt-fitted-on';
import { loadFerDataset, parseFerFormat, type FerDataset } from './fer-datasets';
import { ferFittedOn } from './fer-held-out';

const USAGE = `trainer train --task fer-fitted-on [options]
  --model <dir,...>       FER models fitted on every subject of one folder (their card's split says
                          "all <n> subjects", as fer-svm's shipped fit does)
  --data <dir>            that folder (required)
  --format <format>       ckplus48 (default), jaffe or emotion-folder`;

/** The list of a model fitted on every subject of `dataset`, after checking its card against it. */
export function allSubjectsFittedOn(
  dir: string,
  card: ModelCard,
  dataset: FerDataset,
  data: string,
): FittedOn {
  const where = `${dir}/card.json`;
  if (card.data.dataset !== dataset.name) {
    throw new Error(
      `${where}: the model was trained on ${card.data.dataset}, and ${data} is ${dataset.name}`,
    );
  }
  const stated = /\ball (\d+) subjects\b/.exec(card.data.split);
  if (!stated) {
    throw new Error(
      `${where}: its split ("${card.data.split}") does not say the model was fitted on all subjects of the folder; only such a list can be rebuilt`,
    );
  }
  const subjects = new Set(dataset.faces.map((f) => f.subject));
  if (subjects.has(undefined)) {
    throw new Error(`${data}: ${dataset.faces.find((f) => !f.subject)!.source} has no subject`);
  }
  if (subjects.size !== Number(stated[1]) || dataset.faces.length !== card.data.trainSize) {
    throw new Error(
      `${where}: ${data} has ${dataset.faces.length} faces of ${subjects.size} subjects but the card records ${card.data.trainSize} faces of ${stated[1]}: not the folder the model was trained on`,
    );
  }
  return ferFittedOn(
    `every subject of ${data}, rebuilt by \`trainer train --task fer-fitted-on\` (the card: fitted on all ${stated[1]} subjects, ${card.data.trainSize} faces; both checked)`,
    [{ dataset: dataset.name, faces: dataset.faces }],
  );
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string', default: 'ckplus48' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dirs = (values.model ?? '').split(',').filter(Boolean);
  if (dirs.length === 0)
    throw new Error('--model <dir,...> is required: the models to write fitted-on.json for');
  if (!values.data) throw new Error('--data <folder> is required: the folder the models were fitted on');
  const dataset = await loadFerDataset(parseFerFormat(values.format!), values.data);
  // Every card is checked before anything is written.
  const lists: FittedOn[] = [];
  for (const dir of dirs)
    lists.push(allSubjectsFittedOn(dir, await readModelCard(dir), dataset, values.data));
  await writeRebuiltFittedOn(dirs, lists);
}

export const ferFittedOnTask = fittedOnTask({
  name: 'fer-fitted-on',
  description:
    'Writes fitted-on.json (the subjects a FER model was fitted on) for older models fitted on every subject of a folder',
  train,
  usage: USAGE,
});
