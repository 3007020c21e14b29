import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelCard } from '@visioncad/vision-core/models-node';

import { lesionClassificationTask } from './lesion-classification';
import { syntheticHam } from './ham10000-fixtures.test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainer train --task lesion-classification', () => {
  it('--swa-from averages the epochs from that one on, and the card says so', async () => {
    const data = await syntheticHam();
    const work = mkdtempSync(join(tmpdir(), 'lesion-swa-'));
    const [run, out] = [join(work, 'run'), join(work, 'model')];
    await lesionClassificationTask.train([
      ...['--data', data, '--size', '16', '--filters', '4', '--epochs', '3', '--batch', '16'],
      ...['--max-per-class', '12', '--swa-from', '2', '--run', run, '--out', out],
    ]);
    const log = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, number>);
    expect(log.map((e) => e.averaged_models)).toEqual([undefined, 1, 2]);
    const card = await readModelCard(out);
    expect(card.training?.optimizer).toMatch(/stochastic weight averaging from epoch 2/);
    expect(card.command).toContain('--swa-from 2');
  }, 120_000);

  it('--shades-of-gray trains on colour-corrected images and records it on the card for every caller', async () => {
    const data = await syntheticHam();
    const work = mkdtempSync(join(tmpdir(), 'lesion-sog-'));
    const [run, out] = [join(work, 'run'), join(work, 'model')];
    await lesionClassificationTask.train([
      ...['--data', data, '--size', '16', '--filters', '4', '--epochs', '1', '--batch', '16'],
      ...['--max-per-class', '12', '--shades-of-gray', '--run', run, '--out', out],
    ]);
    const card = await readModelCard(out);
    expect(card.input.shadesOfGray).toEqual({ p: 6 });
    expect(card.input.preprocessing).toContain('shades-of-gray colour constancy (p 6)');
    expect(readFileSync(join(out, 'card.md'), 'utf8')).toContain('shades-of-gray colour constancy (p 6)');
    // evaluate feeds it corrected images too: its figures are the card's test figures again.
    const scored = await lesionClassificationTask.evaluate({
      modelDir: out,
      card,
      data,
      out: join(work, 'eval.json'),
    });
    expect(scored.balancedAccuracy).toBeCloseTo(card.metrics['ham10000-test'].balancedAccuracy as number, 6);
  }, 120_000);

  it('refuses a --swa-from outside the epochs', async () => {
    await expect(
      lesionClassificationTask.train(['--data', 'nowhere', '--epochs', '4', '--swa-from', '5']),
    ).rejects.toThrow('--swa-from must be an epoch from 1 to --epochs (4), got "5"');
  });
});
