// Synthetic HAM10000 folders and untrained shipped classifiers for the trainer's dermoscopy task tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import { writeModelCard } from '@visioncad/vision-core/models-node';
import { saveModel } from '@visioncad/vision-core/training-node';

import { HAM_LABELS } from './ham10000-split';

const SITES = ['face', 'back', 'lower extremity', 'scalp', 'trunk', 'hand', 'chest'];

/**
 * A synthetic HAM10000 folder whose images say nothing (uniform gray) while age and site follow the
 * diagnosis: only the metadata can tell the classes apart.
 */
export async function syntheticHam(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ham-fusion-'));
  mkdirSync(join(dir, 'images'));
  const gray = await sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: 128, g: 120, b: 110 } },
  })
    .jpeg()
    .toBuffer();
  const rows = ['lesion_id,image_id,dx,dx_type,age,sex,localization,dataset'];
  HAM_LABELS.forEach((dx, k) => {
    for (let i = 0; i < 40; i++) {
      const id = `ISIC_${k}${String(i).padStart(3, '0')}`;
      const age = 10 + k * 12 + (i % 5);
      rows.push(`HAM_${k}_${i},${id},${dx},histo,${age}.0,${i % 2 ? 'male' : 'female'},${SITES[k]},x`);
      writeFileSync(join(dir, 'images', `${id}.jpg`), gray);
    }
  });
  writeFileSync(join(dir, 'HAM10000_metadata.csv'), rows.join('\n') + '\n');
  return dir;
}

/** What {@link tinyClassifier} can vary. */
export interface TinyClassifierOptions {
  inputSize?: number;
  seed?: number;
  temperature?: number;
  command?: string;
}

/** An untrained tiny lesion ResNet shipped like a real classifier (card + calibration.json). */
export async function tinyClassifier({
  inputSize = 16,
  seed = 11,
  temperature = 1,
  command = 'npm run trainer -- train --task lesion-classification --data synthetic',
}: TinyClassifierOptions = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lesion-model-'));
  const model = buildLesionResnet({
    inputSize,
    baseFilters: 4,
    stages: 2,
    numClasses: HAM_LABELS.length,
  });
  await saveModel(model, dir);
  await writeModelCard(dir, {
    name: 'tiny',
    version: '1.0.0',
    task: 'lesion-classification',
    architecture: 'tiny ResNet',
    labels: [...HAM_LABELS],
    input: { width: inputSize, height: inputSize, channels: 3, preprocessing: ['RGB', 'scale 0..1'] },
    data: {
      dataset: 'synthetic',
      split: 'lesion-disjoint',
      trainSize: 196,
      validationSize: 42,
      testSize: 42,
    },
    command,
    seed,
    metrics: {},
    limits: ['untrained'],
    training: {
      epochs: 0,
      backend: 'cpu',
      durationSeconds: 0,
      parameters: model.countParams(),
      optimizer: 'none',
    },
    weights: { quantization: 'none', bytes: 0 },
    createdAt: new Date(0).toISOString(),
  });
  writeFileSync(join(dir, 'calibration.json'), JSON.stringify({ temperature }));
  return dir;
}
