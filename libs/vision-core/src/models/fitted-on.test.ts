import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { fittedOnDataset, heldOutItems, mergeFittedOn, parseFittedOn, type FittedOn } from './fitted-on';
import { readFittedOn, readJoinedFittedOn, withPriorFittedOn, writeFittedOn } from './model-files.node';

const images = [
  { id: 'a1', lesion: 'L1' },
  { id: 'a2', lesion: 'L1' },
  { id: 'b1', lesion: 'L2' },
  { id: 'c1', lesion: 'L3' },
];
const fitted: FittedOn = {
  note: 'test',
  datasets: { HAM10000: fittedOnDataset('lesion_id', ['L2', 'L1', 'L1']) },
};

describe('fitted-on lists', () => {
  it('deduplicates and sorts the ids', () => {
    expect(fitted.datasets.HAM10000.ids).toEqual(['L1', 'L2']);
  });

  it('scores only images of units the model never saw, and counts the rest', () => {
    const held = heldOutItems(images, fitted, 'HAM10000', (i) => i.lesion, 'folder x');
    expect(held.items.map((i) => i.id)).toEqual(['c1']);
    expect(held.excluded).toBe(3);
    expect(held.rule).toContain('lesion_id is not in fitted-on.json');
  });

  it('scores every image of a dataset the model was not fitted on', () => {
    const held = heldOutItems(images, fitted, 'PH2', (i) => i.lesion, 'folder x');
    expect(held.items).toHaveLength(4);
    expect(held.excluded).toBe(0);
  });

  it('refuses a folder the model saw entirely, naming it', () => {
    expect(() => heldOutItems(images.slice(0, 3), fitted, 'HAM10000', (i) => i.lesion, 'folder x')).toThrow(
      'every image of folder x belongs to a lesion_id the model was fitted on',
    );
  });

  it('merges lists as their union, and refuses mixed units', () => {
    const other: FittedOn = { note: 'o', datasets: { HAM10000: fittedOnDataset('lesion_id', ['L3', 'L2']) } };
    expect(mergeFittedOn('both', [fitted, other]).datasets.HAM10000.ids).toEqual(['L1', 'L2', 'L3']);
    const cases: FittedOn = { note: 'c', datasets: { HAM10000: fittedOnDataset('image_id', ['x']) } };
    expect(() => mergeFittedOn('both', [fitted, cases])).toThrow('HAM10000 is counted in lesion_id');
  });

  it('names the file and field of a malformed list', () => {
    expect(() => parseFittedOn([], 'f.json')).toThrow('f.json: must be a JSON object');
    expect(() => parseFittedOn({ datasets: {} }, 'f.json')).toThrow('f.json: field "note"');
    expect(() => parseFittedOn({ note: '', datasets: { PH2: { unit: 'case', ids: [3] } } }, 'f.json')).toThrow(
      'f.json: field "datasets.PH2.ids" must be an array of non-empty strings',
    );
  });

  it('round-trips through a model directory; a directory without one reads as null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitted-on-'));
    expect(await readFittedOn(dir)).toBeNull();
    await writeFittedOn(dir, fitted);
    expect(await readFittedOn(dir)).toEqual(fitted);
    writeFileSync(join(dir, 'fitted-on.json'), '{"note": ');
    await expect(readFittedOn(dir)).rejects.toThrow('fitted-on.json is not valid JSON');
  });

  it('joins the lists of several models, skipping those without one', async () => {
    const [a, b, none] = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'fitted-on-')));
    expect(await readJoinedFittedOn([none])).toBeNull();
    await writeFittedOn(a, fitted);
    expect(await readJoinedFittedOn([a, none])).toEqual(fitted);
    await writeFittedOn(b, { note: 'b', datasets: { 'CK+48': fittedOnDataset('subject', ['S005']) } });
    const joined = await readJoinedFittedOn([a, b, none]);
    expect(joined?.datasets).toEqual({ ...fitted.datasets, 'CK+48': { unit: 'subject', ids: ['S005'] } });
    const own: FittedOn = { note: 'own', datasets: {} };
    expect(await withPriorFittedOn(own, [none])).toBe(own);
    expect((await withPriorFittedOn(own, [a, b])).note).toBe(`own; with the lists of ${a}, ${b}`);
  });
});
