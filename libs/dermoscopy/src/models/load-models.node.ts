// Node loader of the shipped dermoscopy models: models/registry.json names the default directory of
// the lesion-segmentation and lesion-classification tasks; each holds model.json + card.json, and
// the classifier also calibration.json (the validation-fitted temperature and decision rule).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readModelCard, readModelRegistry } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import type { DermoscopyModels } from '../analyze';
import {
  CLASSIFIER_CALIBRATION_FILE,
  parseClassifierCalibration,
  type ClassifierCalibration,
} from './classifier-calibration';

/** Reads and validates `<dir>/calibration.json` of a classifier with these labels. */
export async function readClassifierCalibration(
  dir: string,
  labels: readonly string[],
): Promise<ClassifierCalibration> {
  const path = join(dir, CLASSIFIER_CALIBRATION_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the classifier calibration (${(error as Error).message})`);
  }
  return parseClassifierCalibration(json, path, labels);
}

/** Loads the registry's default segmentation and classification models from `modelsDir`. */
export async function loadDermoscopyModels(modelsDir: string): Promise<DermoscopyModels> {
  const registry = await readModelRegistry(modelsDir);
  const dirOf = (task: string) => {
    const entry = registry.tasks[task];
    if (!entry) throw new Error(`${join(modelsDir, 'registry.json')} has no default model for "${task}"`);
    return join(modelsDir, entry.model);
  };
  const segmentationDir = dirOf('lesion-segmentation');
  const classifierDir = dirOf('lesion-classification');
  const card = await readModelCard(classifierDir);
  const { temperature, decisionRule } = await readClassifierCalibration(classifierDir, card.labels);
  return {
    segmentation: await loadModel(segmentationDir),
    classifier: {
      model: await loadModel(classifierDir),
      labels: card.labels,
      temperature,
      decisionOffsets: decisionRule?.offsets ?? null,
    },
  };
}
