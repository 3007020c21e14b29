import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHam10000, splitHam10000ByLesion } from '@visioncad/dermoscopy/node';
import { readFittedOn } from '@visioncad/vision-core/models-node';

import { syntheticHam, tinyClassifier } from './ham10000-fixtures.test-support';
import { lesionClassificationTask } from './lesion-classification';
import { lesionFittedOnTask } from './lesion-fitted-on';
import { lesionMetadataFusionTask } from './lesion-metadata-fusion';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A HAM10000 folder holding only the rows (and images) of `dir` whose lesion passes `keep`. */
function subsetFolder(dir: string, keep: (lesionId: string) => boolean): string {
  const out = mkdtempSync(join(tmpdir(), 'ham-subset-'));
  mkdirSync(join(out, 'images'));
  const [header, ...rows] = readFileSync(join(dir, 'HAM10000_metadata.csv'), 'utf8').trim().split('\n');
  const kept = rows.filter((row) => keep(row.split(',')[0]));
  for (const row of kept) {
    const image = `${row.split(',')[1]}.jpg`;
    copyFileSync(join(dir, 'images', image), join(out, 'images', image));
  }
  writeFileSync(join(out, 'HAM10000_metadata.csv'), [header, ...kept].join('\n') + '\n');
  return out;
}

interface Scored {
  n: number;
  balancedAccuracy: number;
  heldOut: { rule: string; scored: number; excluded: number };
  withMetadata?: { balancedAccuracy: number; n: number; decisionRule: string };
}

async function evaluate(modelDir: string, data: string): Promise<Scored> {
  const card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
  const out = join(mkdtempSync(join(tmpdir(), 'ham-eval-')), 'metrics.json');
  return (await lesionClassificationTask.evaluate({ modelDir, card, data, out })) as unknown as Scored;
}

describe('trainer evaluate on HAM10000: only what the model never saw, with and without metadata', () => {
  it('scores the test lesions of the development folder, a folder of new lesions whole, and refuses a seen one', async () => {
    const [data, modelDir] = await Promise.all([syntheticHam(), tinyClassifier()]);
    const split = splitHam10000ByLesion(await loadHam10000(data), { seed: 11 });
    // Without fitted-on.json: the card seed's test split, said so.
    const legacy = await evaluate(modelDir, data);
    expect(legacy.heldOut.rule).toContain('no fitted-on.json');
    expect(legacy.n).toBe(split.test.length);
    expect(legacy.withMetadata).toBeUndefined();

    // The fusion saw the training and validation lesions, and writes them down.
    await lesionMetadataFusionTask.train(['--model', modelDir, '--data', data]);
    const fitted = await readFittedOn(modelDir);
    expect(fitted?.datasets.HAM10000.ids).toHaveLength(split.train.length + split.val.length);

    const dev = await evaluate(modelDir, data);
    expect(dev.heldOut).toMatchObject({
      scored: split.test.length,
      excluded: split.train.length + split.val.length,
    });
    expect(dev.heldOut.rule).toContain('lesion_id is not in fitted-on.json');
    expect(dev.balancedAccuracy).toBeCloseTo(legacy.balancedAccuracy, 10);
    // The gray images say nothing; the served diagnosis with age and site does.
    expect(dev.withMetadata?.decisionRule).toBe('clinical-metadata-fusion');
    expect(dev.withMetadata?.balancedAccuracy).toBeGreaterThan(0.9);

    // A folder of the held-out lesions alone (a new collection) is scored whole, with the same figures.
    const testLesions = new Set(split.test.map((r) => r.lesionId));
    const fresh = await evaluate(
      modelDir,
      subsetFolder(data, (id) => testLesions.has(id)),
    );
    expect(fresh.heldOut).toMatchObject({ scored: split.test.length, excluded: 0 });
    expect(fresh.balancedAccuracy).toBeCloseTo(dev.balancedAccuracy, 10);
    expect(fresh.withMetadata?.balancedAccuracy).toBeCloseTo(dev.withMetadata!.balancedAccuracy, 10);

    // The seed split of that smaller folder would have scored only a part of it, some of it seen.
    const seen = subsetFolder(data, (id) => !testLesions.has(id));
    await expect(evaluate(modelDir, seen)).rejects.toThrow(
      `every image of ${seen} belongs to a lesion_id the model was fitted on (fitted-on.json)`,
    );
  }, 120_000);

  it('lesion-fitted-on rebuilds the list of an older model from its card, and only from its own folder', async () => {
    const [data, modelDir] = await Promise.all([syntheticHam(), tinyClassifier()]);
    await lesionFittedOnTask.train(['--model', modelDir, '--data', data]);
    const split = splitHam10000ByLesion(await loadHam10000(data), { seed: 11 });
    const list = await readFittedOn(modelDir);
    expect(list?.note).toContain('rebuilt by `trainer train --task lesion-fitted-on`');
    expect(new Set(list?.datasets.HAM10000.ids)).toEqual(
      new Set([...split.train, ...split.val].map((r) => r.lesionId)),
    );

    const other = await tinyClassifier();
    rmSync(join(other, 'fitted-on.json'), { force: true });
    const smaller = subsetFolder(data, (id) => Number(id.split('_')[2]) % 4 !== 0);
    await expect(lesionFittedOnTask.train(['--model', other, '--data', smaller])).rejects.toThrow(
      'not the folder the model was trained on',
    );
    expect(existsSync(join(other, 'fitted-on.json'))).toBe(false);
  }, 120_000);
});
