import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import { METADATA_FUSION_FILE, parseMetadataFusion } from '@visioncad/dermoscopy/clinical/metadata-fusion';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';
import { saveModel } from '@visioncad/vision-core/training-node';

import {
  FUSION_LIMIT,
  FUSION_TEST_ENTRY,
  FUSION_VALIDATION_ENTRY,
  lesionMetadataFusionTask,
} from './lesion-metadata-fusion';
import { HAM_LABELS } from './ham10000-split';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SITES = ['face', 'back', 'lower extremity', 'scalp', 'trunk', 'hand', 'chest'];

/**
 * A synthetic HAM10000 folder whose images say nothing (uniform gray) while age and site follow the
 * diagnosis: only the metadata can tell the classes apart.
 */
async function syntheticHam(): Promise<string> {
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

/** An untrained tiny lesion ResNet shipped like a real classifier (card + calibration.json). */
async function tinyClassifier(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lesion-model-'));
  const model = buildLesionResnet({
    inputSize: 16,
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
    input: { width: 16, height: 16, channels: 3, preprocessing: ['RGB', 'scale 0..1'] },
    data: {
      dataset: 'synthetic',
      split: 'lesion-disjoint',
      trainSize: 196,
      validationSize: 42,
      testSize: 42,
    },
    command: 'npm run trainer -- train --task lesion-classification --data synthetic',
    seed: 11,
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
  writeFileSync(join(dir, 'calibration.json'), JSON.stringify({ temperature: 1 }));
  return dir;
}

describe('trainer train --task lesion-metadata-fusion', () => {
  it('fits the fusion beside the model, and the metadata lifts test balanced accuracy', async () => {
    const [data, modelDir] = await Promise.all([syntheticHam(), tinyClassifier()]);
    const report = join(modelDir, 'report.json');
    const args = ['--model', modelDir, '--data', data, '--report', report];
    await lesionMetadataFusionTask.train(args);
    const fusion = parseMetadataFusion(
      JSON.parse(readFileSync(join(modelDir, METADATA_FUSION_FILE), 'utf8')),
      METADATA_FUSION_FILE,
      HAM_LABELS,
    );
    expect(fusion.metadataWeight).toBeGreaterThan(0);
    const card = await readModelCard(modelDir);
    const fused = card.metrics[FUSION_TEST_ENTRY] as { balancedAccuracy: number; n: number };
    const written = JSON.parse(readFileSync(report, 'utf8')) as Record<string, { balancedAccuracy: number }>;
    expect(written[FUSION_TEST_ENTRY].balancedAccuracy).toBe(fused.balancedAccuracy);
    // The gray images carry nothing; age and site separate the classes.
    expect(written['ham10000-test'].balancedAccuracy).toBeLessThan(0.4);
    expect(fused.balancedAccuracy).toBeGreaterThan(0.9);
    expect(card.metrics[FUSION_VALIDATION_ENTRY]).toMatchObject({ metadataWeight: fusion.metadataWeight });
    expect(card.limits).toContain(FUSION_LIMIT);
    // Refitting replaces the step in the card's command and limits instead of appending it again.
    await lesionMetadataFusionTask.train(args);
    const again = await readModelCard(modelDir);
    expect(again.command.match(/--task lesion-metadata-fusion/g)).toHaveLength(1);
    expect(again.limits.filter((l) => l === FUSION_LIMIT)).toHaveLength(1);
  }, 120_000);

  it('refuses a model that is not a HAM10000 classifier, naming its card', async () => {
    const modelDir = await tinyClassifier();
    const card = await readModelCard(modelDir);
    await writeModelCard(modelDir, { ...card, task: 'fer' });
    await expect(lesionMetadataFusionTask.train(['--model', modelDir, '--data', 'x'])).rejects.toThrow(
      /card\.json: task "fer" is not one of lesion-classification/,
    );
    await expect(lesionMetadataFusionTask.train(['--data', 'x'])).rejects.toThrow(
      /--model <dir> is required/,
    );
  });
});
