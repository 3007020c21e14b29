// Which images of a data folder `evaluate` scores a dermoscopy model on. A model that ships
// fitted-on.json (the HAM10000 lesions or PH2 cases it was trained, validated or calibrated on) is
// scored on every image of the folder outside that list: a folder of new images whole, the
// development folder on its test part. Older models without the file are scored on the test part
// of their card's seeded split of the folder, as before.
import type { LesionSplit } from '@visioncad/dermoscopy';
import {
  loadHam10000,
  loadPh2,
  splitHam10000ByLesion,
  type Ham10000Record,
  type Ph2Case,
} from '@visioncad/dermoscopy/node';
import { fittedOnDataset, heldOutItems, type FittedOn } from '@visioncad/vision-core/models';
import { readFittedOn } from '@visioncad/vision-core/models-node';

import { splitPh2ForUnet } from './ph2-split';

/** How a HAM10000 model's lesions and a PH2 model's cases are named in fitted-on.json. */
export const HAM10000_UNIT = { dataset: 'HAM10000', unit: 'lesion_id' } as const;
export const PH2_UNIT = { dataset: 'PH2', unit: 'case' } as const;

/** What `evaluate` reports about the images it chose. */
export interface HeldOutRecord {
  rule: string;
  scored: number;
  /** Images of the folder left out (fitted on, or outside the seeded split's test part). */
  excluded: number;
}

async function heldOut<T>(
  items: readonly T[],
  modelDir: string,
  where: string,
  unit: { dataset: string },
  unitOf: (item: T) => string,
  seedTest: () => readonly T[],
  seed: number,
): Promise<{ items: T[]; heldOut: HeldOutRecord }> {
  const fittedOn = await readFittedOn(modelDir);
  if (!fittedOn) {
    const test = [...seedTest()];
    return {
      items: test,
      heldOut: {
        rule: `the test part of the card's seed-${seed} split of this folder (the model has no fitted-on.json)`,
        scored: test.length,
        excluded: items.length - test.length,
      },
    };
  }
  const chosen = heldOutItems(items, fittedOn, unit.dataset, unitOf, where);
  return {
    items: chosen.items,
    heldOut: { rule: chosen.rule, scored: chosen.items.length, excluded: chosen.excluded },
  };
}

/** The HAM10000 images of `dataDir` a model has never seen. */
export async function heldOutHam10000(
  dataDir: string,
  modelDir: string,
  seed: number,
): Promise<{ items: Ham10000Record[]; heldOut: HeldOutRecord }> {
  const records = await loadHam10000(dataDir);
  return heldOut(
    records,
    modelDir,
    dataDir,
    HAM10000_UNIT,
    (r) => r.lesionId,
    () => splitHam10000ByLesion(records, { seed }).test,
    seed,
  );
}

/** The PH2 cases of `dataDir` a model has never seen. */
export async function heldOutPh2(
  dataDir: string,
  modelDir: string,
  seed: number,
): Promise<{ items: Ph2Case[]; heldOut: HeldOutRecord }> {
  const cases = await loadPh2(dataDir);
  return heldOut(
    cases,
    modelDir,
    dataDir,
    PH2_UNIT,
    (c) => c.id,
    () => splitPh2ForUnet(cases, seed).test,
    seed,
  );
}

/**
 * fitted-on.json of a model trained on the training part of `dir`'s seeded split and validated on its
 * validation part (every unit of both parts, whether or not a per-class cap used its images).
 */
function splitFittedOn<T>(
  split: LesionSplit<T>,
  unit: { dataset: string; unit: string },
  unitOf: (item: T) => string,
  dir: string,
  seed: number,
  how: string,
): FittedOn {
  return {
    note: `${unit.dataset} ${unit.unit}s of the training and validation parts of the seed-${seed} split of ${dir}, ${how}`,
    datasets: { [unit.dataset]: fittedOnDataset(unit.unit, [...split.train, ...split.val].map(unitOf)) },
  };
}

export function ham10000FittedOn(
  split: LesionSplit<Ham10000Record>,
  dir: string,
  seed: number,
  how = 'written at training',
): FittedOn {
  return splitFittedOn(split, HAM10000_UNIT, (r) => r.lesionId, dir, seed, how);
}

export function ph2FittedOn(
  split: LesionSplit<Ph2Case>,
  dir: string,
  seed: number,
  how = 'written at training',
): FittedOn {
  return splitFittedOn(split, PH2_UNIT, (c) => c.id, dir, seed, how);
}
