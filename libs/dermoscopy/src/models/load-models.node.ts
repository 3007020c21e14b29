// Node loader of the shipped dermoscopy models: models/registry.json names the default directory of
// the lesion-segmentation and lesion-classification tasks; each holds model.json + card.json, and
// the classifier also calibration.json (the validation-fitted temperature).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readModelCard, readModelRegistry } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import type { DermoscopyModels } from '../analyze';

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
  const calibrationPath = join(classifierDir, 'calibration.json');
  const calibration = JSON.parse(await readFile(calibrationPath, 'utf8')) as { temperature?: unknown };
  if (typeof calibration.temperature !== 'number' || !(calibration.temperature > 0)) {
    throw new Error(`${calibrationPath}: "temperature" must be a positive number`);
  }
  const card = await readModelCard(classifierDir);
  return {
    segmentation: await loadModel(segmentationDir),
    classifier: { model: await loadModel(classifierDir), labels: card.labels, temperature: calibration.temperature },
  };
}
