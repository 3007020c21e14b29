// A minimal FER2013-labelled model card for tests that need a model directory to carry one.
import { FER2013_CLASSES } from '@visioncad/fer';
import type { ModelCard } from '@visioncad/vision-core/models';

/** A 48x48 gray FER card named `name`, trained (it says) on `dataset`. */
export function testFerCard(name: string, dataset: string, parameters = 0): ModelCard {
  return {
    name,
    version: '1',
    task: 'fer',
    architecture: 'test CNN',
    labels: [...FER2013_CLASSES],
    input: { width: 48, height: 48, channels: 1, preprocessing: ['scale 0..1'] },
    data: { dataset, split: 'none', trainSize: 0, testSize: 0 },
    command: 'test',
    seed: 0,
    metrics: {},
    limits: [],
    training: { epochs: 0, backend: 'cpu', durationSeconds: 0, parameters, optimizer: '-' },
    weights: { quantization: 'none', bytes: 0 },
    createdAt: new Date(0).toISOString(),
  };
}
