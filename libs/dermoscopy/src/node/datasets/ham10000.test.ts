import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadHam10000, splitHam10000ByLesion } from './ham10000';

const HEADER = 'lesion_id,image_id,dx,dx_type,age,sex,localization,dataset';

function fixture(rows: string[], images: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ham-'));
  writeFileSync(join(dir, 'HAM10000_metadata.csv'), [HEADER, ...rows].join('\n'));
  mkdirSync(join(dir, 'images'));
  for (const id of images) writeFileSync(join(dir, 'images', `${id}.jpg`), 'x');
  return dir;
}

describe('loadHam10000', () => {
  it('parses rows into typed records with image paths', async () => {
    const dir = fixture(
      ['HAM_1,ISIC_1,mel,histo,55.0,male,back,vidir_modern', 'HAM_1,ISIC_2,mel,histo,,female,back,'],
      ['ISIC_1', 'ISIC_2'],
    );
    const records = await loadHam10000(dir);
    expect(records[0]).toMatchObject({
      lesionId: 'HAM_1',
      imageId: 'ISIC_1',
      dx: 'mel',
      age: 55,
      dataset: 'vidir_modern',
    });
    expect(records[0].imagePath).toBe(join(dir, 'images', 'ISIC_1.jpg'));
    expect(records[1]).toMatchObject({ age: null, dataset: null });
  });

  it.each([
    [['HAM_1,ISIC_1,melanoma,histo,50,male,back,x'], /line 2, column dx: 'melanoma' is not one of akiec/],
    [['HAM_1,ISIC_1,nv,histo,fifty,male,back,x'], /line 2, column age: 'fifty' is not an age/],
    [
      ['HAM_1,ISIC_1,nv,histo,50,male,back,x', 'HAM_2,ISIC_1,nv,histo,50,male,back,x'],
      /line 3, column image_id: ISIC_1 is listed twice \(also line 2\)/,
    ],
    [
      ['HAM_1,ISIC_1,nv,histo,50,male,back,x', 'HAM_1,ISIC_2,mel,histo,50,male,back,x'],
      /line 3, column dx: lesion HAM_1 is mel here but nv on line 2/,
    ],
    [[',ISIC_1,nv,histo,50,male,back,x'], /line 2, column lesion_id: is empty/],
  ])('rejects bad rows naming the line and column (%#)', async (rows, message) => {
    await expect(loadHam10000(fixture(rows, ['ISIC_1', 'ISIC_2']))).rejects.toThrow(message);
  });

  it('rejects rows whose image is missing and a missing metadata file', async () => {
    const dir = fixture(
      ['HAM_1,ISIC_1,nv,histo,50,male,back,x', 'HAM_2,ISIC_9,nv,histo,50,male,back,x'],
      ['ISIC_1'],
    );
    await expect(loadHam10000(dir)).rejects.toThrow(/are not on disk \(missing: ISIC_9\)/);
    await expect(loadHam10000(mkdtempSync(join(tmpdir(), 'ham-empty-')))).rejects.toThrow(
      /HAM10000_metadata\.csv: cannot read the HAM10000 metadata/,
    );
  });

  it('splits by lesion', async () => {
    const rows: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      for (let k = 0; k < 2; k++) {
        rows.push(`HAM_${i},ISIC_${i}_${k},${i % 4 ? 'nv' : 'mel'},histo,40,male,back,x`);
        ids.push(`ISIC_${i}_${k}`);
      }
    }
    const split = splitHam10000ByLesion(await loadHam10000(fixture(rows, ids)), { seed: 7 });
    const trainLesions = new Set(split.train.map((r) => r.lesionId));
    expect(split.test.some((r) => trainLesions.has(r.lesionId))).toBe(false);
    expect(split.train.length + split.val.length + split.test.length).toBe(120);
  });
});
