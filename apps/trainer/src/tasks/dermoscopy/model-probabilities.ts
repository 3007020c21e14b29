// Calibrated (temperature-scaled) HAM10000 probabilities of any shipped lesion model directory:
// a CNN (lesion-classification), a feature SVM (lesion-svm) or an ensemble of those
// (lesion-ensemble: the mean of its members' calibrated probabilities, then its own temperature).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyTemperature } from '@visioncad/vision-core/metrics';
import type { ModelCard } from '@visioncad/vision-core/models';
import { readModelCard } from '@visioncad/vision-core/models-node';

import {
  averageProbabilities,
  calibratedProbabilities,
  loadCalibratedClassifier,
  readTemperature,
} from './calibrated-classifier';
import type { LabelledImage } from './classification-evaluation';
import { HAM_LABELS } from './ham10000-split';
import { logProbabilities } from './feature-svm';
import { featureSvmCalibratedProbabilities } from './lesion-svm';
import { cardDecoder } from './resized-decoder';

export const ENSEMBLE_FILE = 'ensemble.json';

/** ensemble.json: the member directories, relative to the ensemble's. */
export interface EnsembleJson {
  format: 'probability-average';
  members: string[];
}

/** The member directories an ensemble directory lists, checked. */
export async function ensembleMembers(dir: string): Promise<string[]> {
  const path = join(dir, ENSEMBLE_FILE);
  const saved = JSON.parse(await readFile(path, 'utf8')) as EnsembleJson;
  if (saved.format !== 'probability-average' || !Array.isArray(saved.members)) {
    throw new Error(`${path}: expected {"format": "probability-average", "members": [...]}`);
  }
  return saved.members.map((m) => join(dir, m));
}

/** Calibrated probabilities of one CNN or feature SVM for `images`. */
export async function memberProbabilities(
  dir: string,
  images: readonly LabelledImage[],
): Promise<number[][]> {
  const card = await readModelCard(dir);
  if (card.task === 'lesion-svm') {
    const { logProbs, temperature } = await featureSvmCalibratedProbabilities(dir, images);
    return applyTemperature(logProbs, temperature);
  }
  if (card.task !== 'lesion-classification') {
    throw new Error(
      `${join(dir, 'card.json')}: task "${card.task}" cannot be an ensemble member (lesion-classification or lesion-svm)`,
    );
  }
  const classifier = await loadCalibratedClassifier(dir);
  const probs = await calibratedProbabilities(classifier, images, cardDecoder(card));
  classifier.model.dispose();
  return probs;
}

/** Mean of the members' calibrated probabilities (before the ensemble's own temperature). */
export async function averagedProbabilities(
  dirs: readonly string[],
  images: readonly LabelledImage[],
): Promise<number[][]> {
  const members: number[][][] = [];
  for (const dir of dirs) members.push(await memberProbabilities(dir, images));
  return averageProbabilities(members);
}

/** The tasks of the shipped HAM10000 models whose calibrated probabilities this module gives. */
export const HAM_MODEL_TASKS = ['lesion-classification', 'lesion-svm', 'lesion-ensemble'];

/** The card of a shipped HAM10000 model (CNN, feature SVM or ensemble), checked: task and labels. */
export async function readHamModelCard(dir: string): Promise<ModelCard> {
  const card = await readModelCard(dir);
  if (!HAM_MODEL_TASKS.includes(card.task)) {
    throw new Error(
      `${join(dir, 'card.json')}: task "${card.task}" is not one of ${HAM_MODEL_TASKS.join(', ')}`,
    );
  }
  if (card.labels.join() !== HAM_LABELS.join()) {
    throw new Error(`${join(dir, 'card.json')}: labels ${card.labels.join(', ')} are not HAM10000's`);
  }
  return card;
}

/** Calibrated probabilities of a shipped CNN, feature SVM or ensemble directory for `images`. */
export async function modelProbabilities(dir: string, images: readonly LabelledImage[]): Promise<number[][]> {
  const card = await readModelCard(dir);
  if (card.task !== 'lesion-ensemble') return memberProbabilities(dir, images);
  const average = await averagedProbabilities(await ensembleMembers(dir), images);
  return applyTemperature(logProbabilities(average), await readTemperature(dir));
}
