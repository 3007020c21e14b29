import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { loadFer2013Csv } from './fer2013-csv';

const pixels = (v: number) => Array(2304).fill(v).join(' ');
let dir: string;

async function csv(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fer2013-csv-'));
});

describe('loadFer2013Csv', () => {
  it('streams every row, quoted or not, with its partition', async () => {
    const file = await csv(
      'fer2013.csv',
      `emotion,pixels,Usage\n0,${pixels(10)},Training\n6,"${pixels(200)}",PublicTest\n\n4,${pixels(0)},PrivateTest\n`,
    );
    const samples = await loadFer2013Csv(file);
    expect(samples.map((s) => [s.emotion, s.usage, s.image.data[0]])).toEqual([
      ['angry', 'Training', 10],
      ['neutral', 'PublicTest', 200],
      ['sad', 'PrivateTest', 0],
    ]);
    expect(samples[1].source).toBe('fer2013.csv:3');
    expect((await loadFer2013Csv(file, { usages: ['PublicTest'] })).map((s) => s.emotion)).toEqual([
      'neutral',
    ]);
  });

  it('accepts header names padded with spaces', async () => {
    const file = await csv('spaced.csv', `emotion, pixels, Usage\n5,${pixels(1)},Training\n`);
    expect((await loadFer2013Csv(file))[0].emotion).toBe('surprise');
  });

  it('names a missing column', async () => {
    const file = await csv('kaggle-train.csv', `emotion,pixels\n5,${pixels(1)}\n`);
    await expect(loadFer2013Csv(file)).rejects.toThrow(/kaggle-train.csv line 1: missing column\(s\) Usage/);
  });

  it('names the line of a bad row', async () => {
    const file = await csv(
      'bad.csv',
      `emotion,pixels,Usage\n0,${pixels(1)},Training\n9,${pixels(1)},Training\n`,
    );
    await expect(loadFer2013Csv(file)).rejects.toThrow(/bad.csv line 3 field "emotion": "9"/);
  });

  it('reports malformed CSV with its line', async () => {
    const file = await csv('ragged.csv', `emotion,pixels,Usage\n0,${pixels(1)},Training,extra\n`);
    await expect(loadFer2013Csv(file)).rejects.toThrow(/ragged.csv line 2: malformed CSV/);
  });

  it('rejects empty and missing files', async () => {
    await expect(loadFer2013Csv(await csv('empty.csv', ''))).rejects.toThrow(/empty.csv: file is empty/);
    await expect(loadFer2013Csv(join(dir, 'nope.csv'))).rejects.toThrow(/nope.csv: file not found/);
  });
});
