import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METADATA_FUSION_FILE, parseMetadataFusion } from '@visioncad/dermoscopy/clinical/metadata-fusion';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';

import {
  FUSION_LIMIT,
  FUSION_TEST_ENTRY,
  FUSION_VALIDATION_ENTRY,
  lesionMetadataFusionTask,
} from './lesion-metadata-fusion';
import { syntheticHam, tinyClassifier } from './ham10000-fixtures.test-support';
import { HAM_LABELS } from './ham10000-split';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

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
