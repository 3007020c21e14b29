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
import { loadHam10000, loadPh2, splitHam10000ByLesion } from '@visioncad/dermoscopy/node';
import { syntheticPh2 } from '@visioncad/dermoscopy/testing/synthetic-ph2';
import { readFittedOn } from '@visioncad/vision-core/models-node';

import { syntheticHam, tinyClassifier } from './ham10000-fixtures.test-support';
import { lesionClassificationTask } from './lesion-classification';
import { lesionFittedOnTask } from './lesion-fitted-on';
import { lesionMetadataFusionTask } from './lesion-metadata-fusion';
import { PH2_AUXILIARY_SEED, PH2_MELANOMA_FORMAT } from './ph2-cross-dataset';
import { splitPh2ForUnet } from './ph2-split';

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

  it('--auxiliary-ph2 trains on PH2 training cases; --format ph2-melanoma scores the other PH2 cases', async () => {
    const [data, ph2] = await Promise.all([syntheticHam(), syntheticPh2({ cases: 30 })]);
    const work = mkdtempSync(join(tmpdir(), 'lesion-ph2aux-'));
    const out = join(work, 'model');
    await lesionClassificationTask.train([
      ...['--data', data, '--size', '16', '--filters', '4', '--epochs', '1', '--batch', '16'],
      ...['--max-per-class', '12', '--auxiliary-ph2', ph2, '--auxiliary-repeat', '2'],
      ...['--run', join(work, 'run'), '--out', out],
    ]);
    const ph2Train = splitPh2ForUnet(await loadPh2(ph2), PH2_AUXILIARY_SEED).train.map((c) => c.id);
    const card = JSON.parse(readFileSync(join(out, 'card.json'), 'utf8'));
    expect(card.data.dataset).toContain(
      `auxiliary: PH2 (Mendonça et al. 2013), ${ph2Train.length} training cases`,
    );
    expect(card.data.trainSize).toBe(7 * 12 + 2 * ph2Train.length);
    const fitted = await readFittedOn(out);
    expect(fitted?.datasets.PH2.ids).toEqual([...ph2Train].sort());
    expect(fitted?.datasets.HAM10000.unit).toBe('lesion_id');

    const metrics = join(work, 'ph2.json');
    const scored = (await lesionClassificationTask.evaluate({
      modelDir: out,
      card,
      data: ph2,
      format: PH2_MELANOMA_FORMAT,
      out: metrics,
    })) as {
      n: number;
      melanomas: number;
      auc: number;
      heldOut: { scored: number; excluded: number };
      byDiagnosis: Record<string, { n: number; reported: Record<string, number> }>;
      plots: string[];
    };
    expect(scored.heldOut).toEqual(
      expect.objectContaining({ scored: 30 - ph2Train.length, excluded: ph2Train.length }),
    );
    expect(scored.n).toBe(30 - ph2Train.length);
    expect(scored.melanomas).toBeGreaterThan(0);
    expect(scored.auc).toBeGreaterThanOrEqual(0);
    expect(scored.auc).toBeLessThanOrEqual(1);
    const counted = Object.values(scored.byDiagnosis).flatMap((d) => Object.values(d.reported));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(scored.n);
    expect(existsSync(scored.plots[0])).toBe(true);
  }, 120_000);
});
