import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutOfFold, readOutOfFold, writeOutOfFold } from './fer-out-of-fold';
import { syntheticOutOfFold } from './fer-out-of-fold.test-support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fer-oof-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of the synthetic file with one sample's field replaced. */
function withSample(i: number, field: string, value: unknown): unknown {
  const oof = syntheticOutOfFold();
  return { ...oof, samples: oof.samples.map((s, j) => (j === i ? { ...s, [field]: value } : s)) };
}

describe('out-of-fold predictions file', () => {
  it('writes and reads back the same predictions', async () => {
    const file = join(dir, 'ok.json');
    await writeOutOfFold(file, syntheticOutOfFold());
    expect(await readOutOfFold(file)).toEqual(syntheticOutOfFold());
  });

  it('names the file and the field of every problem', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...syntheticOutOfFold(), format: 'other' }, /^x\.json: format is "other"/],
      [{ ...syntheticOutOfFold(), folds: 1 }, /^x\.json: folds is 1/],
      [{ ...syntheticOutOfFold(), labels: ['happy'] }, /^x\.json: labels must list at least 2/],
      [{ ...syntheticOutOfFold(), labels: ['happy', 'happy'] }, /^x\.json: labels has a repeated name/],
      [{ ...syntheticOutOfFold(), samples: [] }, /^x\.json: samples must be a non-empty array/],
      [withSample(2, 'fold', 2), /^x\.json: samples\[2\]\.fold is 2, outside 0\.\.1/],
      [withSample(1, 'fold', 0.5), /^x\.json: samples\[1\]\.fold must be an integer/],
      [withSample(3, 'label', 'angry'), /^x\.json: samples\[3\]\.label "angry" is not one of labels/],
      [
        withSample(0, 'probabilities', [1]),
        /^x\.json: samples\[0\]\.probabilities has 1 values, labels has 2/,
      ],
      [withSample(0, 'probabilities', [0.5, 0.2]), /^x\.json: samples\[0\]\.probabilities sum to 0\.7/],
      [
        withSample(0, 'probabilities', [1.5, -0.5]),
        /^x\.json: samples\[0\]\.probabilities must be numbers in \[0, 1\]/,
      ],
      [
        withSample(1, 'file', 'happy/S001_001_00000001.png'),
        /^x\.json: samples\[1\]\.file "happy\/S001_001_00000001\.png" appears twice/,
      ],
      [withSample(1, 'file', ''), /^x\.json: samples\[1\]\.file must be a non-empty string/],
      [{ ...syntheticOutOfFold(), folds: 3 }, /^x\.json: samples hold no sample of fold 2/],
      [[1, 2], /^x\.json: the file is not a JSON object/],
    ];
    for (const [json, message] of cases) {
      expect(() => parseOutOfFold(json, 'x.json'), String(message)).toThrow(message);
    }
  });

  it('refuses to write a file the reader would reject, and reports unreadable JSON with its path', async () => {
    const bad = join(dir, 'bad.json');
    await expect(writeOutOfFold(bad, { ...syntheticOutOfFold(), folds: 3 })).rejects.toThrow(
      /bad\.json: samples hold no sample of fold 2/,
    );
    await expect(readFile(bad)).rejects.toThrow(/ENOENT/);
    await writeFile(bad, '{ not json');
    await expect(readOutOfFold(bad)).rejects.toThrow(/bad\.json: not readable as JSON/);
  });
});
