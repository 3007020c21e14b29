import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listEmotionFolder, loadEmotionFolder } from './emotion-folder';
import { writeGrayImage } from './synthetic-images.test-support';

async function folder(files: Array<[string, number]>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'emotion-folder-'));
  for (const [f, size] of files) await writeGrayImage(join(root, f), size, size);
  return root;
}

describe('emotion folder loader (in-app reviewed faces, own collections)', () => {
  it('loads faces of any size with their emotion and subject', async () => {
    const root = await folder([
      ['happy/P-0001_img1-face0.png', 48],
      ['contempt/P-0002_x.png', 96],
      ['angry/P-0001_img2-face0.jpg', 64],
    ]);
    const faces = await loadEmotionFolder(root);
    expect(faces.map((f) => [f.emotion, f.subject, f.image.width, f.image.channels])).toEqual([
      ['angry', 'P-0001', 64, 1],
      ['contempt', 'P-0002', 96, 1],
      ['happy', 'P-0001', 48, 1],
    ]);
    expect(faces[0].source).toBe(join(root, 'angry', 'P-0001_img2-face0.jpg'));
  });

  it('names the folder or file that breaks the layout', async () => {
    await expect(listEmotionFolder(await folder([['anger/P1_a.png', 48]]))).rejects.toThrow(
      /anger: "anger" is not an emotion; expected folders named angry, disgust/,
    );
    await expect(listEmotionFolder(await folder([['sad/face.png', 48]]))).rejects.toThrow(
      /sad\/face\.png: expected <subject>_<name>/,
    );
    const empty = await mkdtemp(join(tmpdir(), 'emotion-folder-'));
    await expect(listEmotionFolder(empty)).rejects.toThrow(/no emotion folders/);
    await mkdir(join(empty, 'fear'));
    await expect(listEmotionFolder(empty)).rejects.toThrow(/the emotion folders hold no faces/);
    const corrupt = await folder([['fear/P1_ok.png', 48]]);
    await writeFile(join(corrupt, 'fear', 'P1_broken.png'), 'not a png');
    await expect(loadEmotionFolder(corrupt)).rejects.toThrow(/P1_broken\.png/);
  });
});
