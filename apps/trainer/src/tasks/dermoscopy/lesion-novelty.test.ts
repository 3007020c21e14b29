import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseImageNovelty } from '@visioncad/dermoscopy/models/image-novelty';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { syntheticHam, tinyClassifier } from './ham10000-fixtures.test-support';
import { lesionNoveltyTask, NOVELTY_TEST_ENTRY } from './lesion-novelty';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lesion-novelty', () => {
  it("fits the model's novelty.json on its training split, thresholds it on validation, reports test", async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const data = await syntheticHam();
    const model = await tinyClassifier();
    const report = join(mkdtempSync(join(tmpdir(), 'novelty-')), 'report.json');
    await lesionNoveltyTask.train([
      '--model',
      model,
      '--data',
      data,
      '--quantile',
      '0.9',
      '--shrinkage',
      '0.5',
      '--report',
      report,
    ]);
    const novelty = parseImageNovelty(
      JSON.parse(await readFile(join(model, 'novelty.json'), 'utf8')),
      'novelty.json',
    );
    expect(novelty.quantile).toBe(0.9);
    expect(novelty.gaussian.shrinkage).toBe(0.5);
    expect(novelty.fittedOn).toMatch(/HAM10000 training images \(seed 11 split, unaugmented\)/);
    const card = await readModelCard(model);
    expect(card.metrics[NOVELTY_TEST_ENTRY]).toMatchObject({ quantile: 0.9 });
    expect(card.command).toContain('--task lesion-novelty');
    const written = JSON.parse(await readFile(report, 'utf8'));
    expect(written['ham10000-test'].n).toBeGreaterThan(0);
    expect(written.layer).toBe(novelty.layer);
  }, 120_000);

  it('names bad options and models that are not one CNN', async () => {
    const data = await syntheticHam();
    const model = await tinyClassifier();
    await expect(lesionNoveltyTask.train(['--data', data])).rejects.toThrow(/--model <dir> is required/);
    await expect(
      lesionNoveltyTask.train(['--model', model, '--data', data, '--quantile', '1']),
    ).rejects.toThrow(/--quantile must be a number above 0 and below 1, got "1"/);
    await expect(
      lesionNoveltyTask.train(['--model', model, '--data', data, '--shrinkage', '1']),
    ).rejects.toThrow(/--shrinkage must be a number from 0 and below 1, got "1"/);
    const svm = await tinyClassifier();
    await writeModelCard(svm, { ...(await readModelCard(svm)), task: 'lesion-svm' });
    await expect(lesionNoveltyTask.train(['--model', svm, '--data', data])).rejects.toThrow(
      /task "lesion-svm"; lesion-novelty reads the features of one CNN/,
    );
  });
});
