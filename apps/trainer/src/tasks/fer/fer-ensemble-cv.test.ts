import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alignOutOfFold,
  averageProbabilities,
  averageSequences,
  nestedWeights,
  runFerCvEnsemble,
  simplexGrid,
} from './fer-ensemble-cv';
import type { OutOfFoldPredictions } from './fer-out-of-fold';
import { syntheticOutOfFold } from './fer-out-of-fold.test-support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fer-cv-ensemble-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Member b of the synthetic pair, in reverse sample order: a (syntheticOutOfFold) gets samples 0, 1
 * (fold 0) right and 2, 3 wrong; b gets 0, 1 wrong (narrowly) and 2, 3 right (confidently).
 */
function memberB(): OutOfFoldPredictions {
  const a = syntheticOutOfFold();
  const rows = [
    [0.45, 0.55],
    [0.55, 0.45],
    [0.95, 0.05],
    [0.01, 0.99],
  ];
  return {
    ...a,
    model: 'b',
    samples: a.samples.map((s, i) => ({ ...s, probabilities: rows[i] })).reverse(),
  };
}

const runs = (b: OutOfFoldPredictions = memberB()) => [
  { file: 'a.json', predictions: syntheticOutOfFold() },
  { file: 'b.json', predictions: b },
];

function changeSample(
  i: number,
  change: Partial<OutOfFoldPredictions['samples'][number]>,
): OutOfFoldPredictions {
  const b = memberB();
  return { ...b, samples: b.samples.map((s, j) => (j === i ? { ...s, ...change } : s)) };
}

describe('alignOutOfFold', () => {
  it("lines up every run's rows on the first run's samples, whatever their order", () => {
    const aligned = alignOutOfFold(runs());
    expect(aligned.samples.map((s) => s.file)).toEqual(syntheticOutOfFold().samples.map((s) => s.file));
    expect(aligned.probabilities[1][0]).toEqual([0.45, 0.55]);
    expect(aligned.probabilities[1][3]).toEqual([0.01, 0.99]);
  });

  it('refuses runs that differ in samples, folds or labels, naming the file and the field', () => {
    const b = memberB();
    // memberB is reversed: samples[3] is the first run's samples[0] (fold 0, happy).
    expect(() => alignOutOfFold(runs(changeSample(3, { fold: 1 })))).toThrow(
      /^b\.json: samples\[3\]\.fold is 1 for "happy\/S001_001_00000001\.png" but a\.json puts it in fold 0/,
    );
    expect(() => alignOutOfFold(runs(changeSample(3, { label: 'sad' })))).toThrow(
      /^b\.json: samples\[3\]\.label is "sad" for "happy\/S001_001_00000001\.png" but a\.json says "happy"/,
    );
    expect(() => alignOutOfFold(runs(changeSample(0, { file: 'sad/S009_001_00000001.png' })))).toThrow(
      /^b\.json: samples has "sad\/S009_001_00000001\.png", which a\.json lacks/,
    );
    expect(() => alignOutOfFold(runs({ ...b, samples: b.samples.slice(1) }))).toThrow(
      /^b\.json: samples has no "sad\/S002_002_00000001\.png", which a\.json has \(3 vs 4 samples\)/,
    );
    expect(() => alignOutOfFold(runs({ ...b, labels: ['sad', 'happy'] }))).toThrow(
      /^b\.json: labels are sad, happy but a\.json has happy, sad/,
    );
    expect(() => alignOutOfFold(runs({ ...b, folds: 3 }))).toThrow(/^b\.json: folds is 3 but a\.json has 2/);
    expect(() => alignOutOfFold(runs({ ...b, dataset: 'JAFFE' }))).toThrow(/^b\.json: dataset is "JAFFE"/);
    expect(() => alignOutOfFold(runs().slice(0, 1))).toThrow(/at least 2 out-of-fold files/);
  });
});

describe('ensemble arithmetic', () => {
  it('averages probability rows with weights', () => {
    expect(averageProbabilities([[[1, 0]], [[0, 1]]], [0.25, 0.75])[0]).toEqual([0.25, 0.75]);
  });

  it('enumerates the weight simplex', () => {
    expect(simplexGrid(2, 0.5)).toEqual([
      [0, 1],
      [0.5, 0.5],
      [1, 0],
    ]);
    expect(simplexGrid(3, 0.25)).toHaveLength(15);
    expect(() => simplexGrid(2, 0.3)).toThrow(/--weight-step must divide 1/);
  });

  it("chooses each fold's weights on the other folds only", () => {
    // a is narrowly right on fold 0 and confidently wrong on fold 1; b the other way round. Only
    // weights [1, 0] get fold 0 right, only [0, 1] fold 1.
    const rows = (p: number[][]) => (s: OutOfFoldPredictions['samples'][number], i: number) => ({
      ...s,
      probabilities: p[i],
    });
    const a = syntheticOutOfFold();
    const confident = [
      [0.6, 0.4],
      [0.4, 0.6],
      [0.05, 0.95],
      [0.95, 0.05],
    ];
    const aligned = alignOutOfFold([
      { file: 'a.json', predictions: { ...a, samples: a.samples.map(rows(confident)) } },
      {
        file: 'b.json',
        predictions: {
          ...a,
          samples: a.samples.map(
            rows([
              [0.05, 0.95],
              [0.95, 0.05],
              [0.6, 0.4],
              [0.4, 0.6],
            ]),
          ),
        },
      },
    ]);
    // Fold 0 is scored with the weights that fit fold 1 (all on b), fold 1 with those of fold 0.
    expect(nestedWeights(aligned, aligned.probabilities, 0.5)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("averages a CK+ sequence's frames, read from the file names", () => {
    const files = ['happy/S001_001_00000001.png', 'happy/S001_001_00000002.png', 'sad/S001_002_00000001.png'];
    const rows = averageSequences(files, [
      [1, 0],
      [0, 1],
      [0.3, 0.7],
    ]);
    expect(rows).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
      [0.3, 0.7],
    ]);
    expect(() => averageSequences(['happy/face.png'], [[1, 0]])).toThrow(/happy\/face\.png/);
  });
});

describe('--cv-ensemble', () => {
  it('scores the averaged out-of-fold probabilities per fold and pooled, beside each member', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await writeFile(a, JSON.stringify(syntheticOutOfFold()));
    await writeFile(b, JSON.stringify(memberB()));
    const out = join(dir, 'report', 'ensemble.json');
    const result = await runFerCvEnsemble(['--cv-ensemble', `${a},${b}`, '--out', out]);
    // Equal weights: sample 0 [0.675, 0.325] happy, 1 [0.475, 0.525] sad, 2 [0.625, 0.375] happy,
    // 3 [0.405, 0.595] sad: all right, where each member has half.
    expect(result.report.accuracy).toBe(1);
    expect(result.members.map((m) => m.accuracy)).toEqual([0.5, 0.5]);
    const report = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(report.foldAccuracy).toEqual([1, 1]);
    expect(report.meanFoldAccuracy).toBe(1);
    expect(report.sdFoldAccuracy).toBe(0);
    expect((report.members as { foldAccuracy: number[] }[]).map((m) => m.foldAccuracy)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(report.foldSizes).toEqual([2, 2]);
    expect(report.weights).toEqual({
      rule: 'equal',
      perFold: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    });
    expect(report.labels).toEqual(['happy', 'sad']);
    expect(report).toHaveProperty('balancedAccuracy');
    expect(report).toHaveProperty('macroF1');
    expect(report.confusionMatrix).toEqual([
      [2, 0],
      [0, 2],
    ]);
    await access(join(dir, 'report', 'ensemble.confusion.png'));

    const fixed = await runFerCvEnsemble(['--cv-ensemble', `${a},${b}`, '--weights', '3,1', '--out', out]);
    // 0.75 a + 0.25 b: sample 2 [0.4625, 0.5375] and 3 [0.6025, 0.3975] go wrong.
    expect(fixed.report.accuracy).toBe(0.5);
    expect((JSON.parse(await readFile(out, 'utf8')) as { weights: unknown }).weights).toEqual({
      rule: 'fixed',
      perFold: [
        [0.75, 0.25],
        [0.75, 0.25],
      ],
    });
  });

  it('stops with the file and field when the runs do not match, writing nothing', async () => {
    const a = join(dir, 'a2.json');
    const b = join(dir, 'b2.json');
    await writeFile(a, JSON.stringify(syntheticOutOfFold()));
    await writeFile(b, JSON.stringify(changeSample(0, { fold: 0 })));
    const out = join(dir, 'none.json');
    await expect(runFerCvEnsemble(['--cv-ensemble', `${a},${b}`, '--out', out])).rejects.toThrow(
      /b2\.json: samples\[0\]\.fold is 0 for "sad\/S002_002_00000001\.png" but .*a2\.json puts it in fold 1/,
    );
    await expect(access(out)).rejects.toThrow(/ENOENT/);
    await expect(
      runFerCvEnsemble(['--cv-ensemble', `${a},${a}`, '--weights', '1,2,3', '--out', out]),
    ).rejects.toThrow(/--weights must be equal, nested or 2 non-negative numbers/);
  });
});
