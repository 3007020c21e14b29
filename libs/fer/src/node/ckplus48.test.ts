import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { groupCkplusSequences } from '../datasets/ckplus';
import { listCkplus48, loadCkplus48 } from './ckplus48';
import { writeGrayImage } from './synthetic-images.test-support';

async function ckplus(files: string[], size = 48): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ckplus48-'));
  for (const f of files) await writeGrayImage(join(root, f), size, size);
  return root;
}

describe('CK+48 loader', () => {
  it('loads frames with canonical labels, subjects and sequences', async () => {
    const root = await ckplus([
      'anger/S010_004_00000017.png',
      'anger/S010_004_00000018.png',
      'contempt/S138_008_00000007.png',
      'sadness/S011_002_00000020.png',
    ]);
    const frames = await loadCkplus48(root);
    expect(frames.map((f) => [f.emotion, f.subject, f.sequence, f.frame])).toEqual([
      ['angry', 'S010', '004', 17],
      ['angry', 'S010', '004', 18],
      ['contempt', 'S138', '008', 7],
      ['sad', 'S011', '002', 20],
    ]);
    expect(frames[0].image).toMatchObject({ width: 48, height: 48, channels: 1 });
    expect(frames[0].image.data[1]).toBe(5);
    expect(groupCkplusSequences(frames).map((s) => s.frames.length)).toEqual([2, 1, 1]);
  });

  it('rejects unknown emotion folders, misnamed files and wrong sizes, naming the path', async () => {
    await expect(listCkplus48(await ckplus(['neutral/S010_001_00000001.png']))).rejects.toThrow(
      /neutral: unknown ckplus emotion "neutral"/,
    );
    const misnamed = await ckplus(['happy/S010_004_00000017.png']);
    await writeFile(join(misnamed, 'happy', 'thumbs.db'), 'x');
    await expect(listCkplus48(misnamed)).rejects.toThrow(/happy\/thumbs.db: not a CK\+ frame name/);
    await expect(loadCkplus48(await ckplus(['fear/S010_001_00000001.png'], 64))).rejects.toThrow(
      /S010_001_00000001.png: image is 64x64, expected 48x48/,
    );
    await expect(listCkplus48(await mkdtemp(join(tmpdir(), 'ckplus48-empty-')))).rejects.toThrow(
      /no emotion folders/,
    );
  });
});
