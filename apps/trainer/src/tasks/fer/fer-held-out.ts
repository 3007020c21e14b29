// Which faces of a folder `evaluate` scores a FER model on, and the fitted-on.json a FER run writes.
// FER2013 is scored on its test partitions (PublicTest, PrivateTest): FER models here train on its
// Training partition only. Datasets of posed subjects (CK+48, JAFFE, an emotion folder of
// <subject>_<name> files) are scored on every subject outside the model's fitted-on.json, so a
// folder of new people is scored whole and the development folder on the people it never saw.
import { epochOrder } from '@visioncad/vision-core/data';
import {
  fittedOnDataset,
  heldOutItems,
  type FittedOn,
  type FittedOnDataset,
  type ModelCard,
} from '@visioncad/vision-core/models';
import type { FerDataset, FerFace } from './fer-datasets';
import { ferSequenceFaces } from './fer-sequences';

/** What fitted-on.json counts for FER datasets: the people who posed. */
export const FER_SUBJECT_UNIT = 'subject';

/**
 * FER2013's test partitions: PublicTest (the figures this project reports) and PrivateTest (the
 * competition's final test, absent from ../shared/data). Models train on Training only.
 */
export const FER2013_TEST_USAGES = ['PublicTest', 'PrivateTest'] as const;

/** What `evaluate` reports about the faces it chose. */
export interface FerHeldOutRecord {
  rule: string;
  scored: number;
  /** Faces of the folder left out (FER2013 Training, or subjects the model was fitted on). */
  excluded: number;
}

/** The faces a model is scored on, and why those. */
export interface FerEvaluationFaces {
  faces: FerFace[];
  heldOut: FerHeldOutRecord;
}

function chooseFaces(
  dataset: FerDataset,
  faces: readonly FerFace[],
  cards: readonly ModelCard[],
  fittedOn: FittedOn | null,
  where: string,
): { faces: FerFace[]; rule: string } {
  if (faces.some((f) => f.usage !== undefined)) {
    const test: readonly (string | undefined)[] = FER2013_TEST_USAGES;
    const chosen = faces.filter((f) => test.includes(f.usage));
    if (chosen.length === 0) {
      throw new Error(
        `${dataset.name} (${dataset.format}) has no ${FER2013_TEST_USAGES.join(' or ')} faces to score: Training faces are what models train on`,
      );
    }
    return {
      faces: chosen,
      rule: `${dataset.name} ${FER2013_TEST_USAGES.join(' and ')} faces (models train on Training only)`,
    };
  }
  if (fittedOn?.datasets[dataset.name]) {
    const anonymous = faces.find((f) => f.subject === undefined);
    if (anonymous) {
      throw new Error(
        `${anonymous.source} has no subject, so it cannot be told apart from the ${dataset.name} subjects the model was fitted on (fitted-on.json)`,
      );
    }
    const { items, rule } = heldOutItems(faces, fittedOn, dataset.name, (f) => f.subject!, where);
    return { faces: items, rule };
  }
  const trainedOn = cards.find((c) => c.data.dataset === dataset.name);
  if (trainedOn) {
    throw new Error(
      `${trainedOn.name} was trained on ${dataset.name} and has no fitted-on.json naming the subjects it saw, so scoring ${where} could include training faces; its held-out metrics are in card.json`,
    );
  }
  return { faces: [...faces], rule: `every face: the model was not fitted on ${dataset.name}` };
}

/**
 * The faces `evaluate` scores a model on: FER2013's test partitions (whichever the data holds; never
 * Training); for data without partitions, the faces of subjects outside `fittedOn` (the model's list
 * joined with its members'), or every face when no card (the model's, or a member's) names the dataset.
 * A sequence model (`frames` > 1 stacked as channels) gets the data's sequences. `limit` takes a
 * seeded sample of the chosen faces. Errors name `where` (the data folder).
 */
export function evaluationFaces(
  dataset: FerDataset,
  frames: number,
  cards: readonly ModelCard[],
  fittedOn: FittedOn | null,
  where: string,
  limit?: number,
): FerEvaluationFaces {
  const all = frames > 1 ? ferSequenceFaces(dataset.faces, frames) : dataset.faces;
  const { faces, rule } = chooseFaces(dataset, all, cards, fittedOn, where);
  const sampled =
    limit === undefined || limit >= faces.length
      ? faces
      : Array.from(epochOrder(faces.length, 0, 0).subarray(0, limit), (i) => faces[i]);
  return {
    faces: sampled,
    heldOut: {
      rule: sampled.length < faces.length ? `${rule}; a seeded sample of ${limit} (--limit)` : rule,
      scored: sampled.length,
      excluded: all.length - faces.length,
    },
  };
}

/** One dataset's faces a run trained, validated or calibrated on. */
export interface FerFittedGroup {
  dataset: string;
  faces: readonly FerFace[];
}

/**
 * fitted-on.json of a FER run: the subjects of each dataset its faces came from. Faces without a
 * subject (FER2013) are not listed: FER2013 is scored by partition.
 */
export function ferFittedOn(note: string, groups: readonly FerFittedGroup[]): FittedOn {
  const datasets: Record<string, FittedOnDataset> = {};
  for (const { dataset, faces } of groups) {
    const subjects = faces.flatMap((f) => (f.subject === undefined ? [] : [f.subject]));
    if (subjects.length === 0) continue;
    datasets[dataset] = fittedOnDataset(FER_SUBJECT_UNIT, [...(datasets[dataset]?.ids ?? []), ...subjects]);
  }
  return { note, datasets };
}
