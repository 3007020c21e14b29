// Node loader of the shipped dermoscopy models: models/registry.json names the default directory of
// the lesion-segmentation and lesion-classification tasks; each holds model.json + card.json, and
// the classifier also calibration.json (the validation-fitted temperature and decision rule) and,
// optionally, metadata-fusion.json (its fusion with the clinical metadata).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readModelCard, readModelRegistry } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import type { DermoscopyModels } from '../analyze';
import { METADATA_FUSION_FILE, parseMetadataFusion, type MetadataFusion } from '../clinical/metadata-fusion';
import { IMAGE_NOVELTY_FILE, parseImageNovelty, type ImageNovelty } from './image-novelty';
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

/** A model's optional JSON file, parsed; null when it does not exist. `what` names it in errors. */
async function readOptionalJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${path}: cannot read the ${what} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Reads and validates `<dir>/metadata-fusion.json`; null when the classifier has none. */
export async function readMetadataFusion(dir: string, labels: readonly string[]): Promise<MetadataFusion | null> {
  const path = join(dir, METADATA_FUSION_FILE);
  const json = await readOptionalJson(path, 'metadata fusion');
  return json === null ? null : parseMetadataFusion(json, path, labels);
}

/** Reads and validates `<dir>/novelty.json`; null when the classifier has none. */
export async function readImageNovelty(dir: string): Promise<ImageNovelty | null> {
  const path = join(dir, IMAGE_NOVELTY_FILE);
  const json = await readOptionalJson(path, 'image-novelty model');
  return json === null ? null : parseImageNovelty(json, path);
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
      metadataFusion: await readMetadataFusion(classifierDir, card.labels),
      shadesOfGray: card.input.shadesOfGray ?? null,
      novelty: await readImageNovelty(classifierDir),
    },
  };
}
