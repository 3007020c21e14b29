import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listFer2013Folder, loadFer2013Folder } from './fer2013-folder';
import { writeGrayImage } from './synthetic-images.test-support';

async function release(files: string[], size = 48): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fer2013-folder-'));
  for (const f of files) await writeGrayImage(join(root, f), size, size, () => 128);
  return root;
}

describe('FER2013 image-folder release', () => {
  it('lists train/test emotion folders with the partition from each file prefix', async () => {
    const root = await release([
      'train/happy/Training_1.jpg',
      'train/angry/Training_2.jpg',
      'test/neutral/PublicTest_3.jpg',
      'test/sad/PrivateTest_4.jpg',
    ]);
    await writeFile(join(root, 'train', 'happy', '.DS_Store'), '');
    const files = await listFer2013Folder(root);
    expect(files.map((f) => [f.emotion, f.usage])).toEqual([
      ['neutral', 'PublicTest'],
      ['sad', 'PrivateTest'],
      ['angry', 'Training'],
      ['happy', 'Training'],
    ]);
    const publicTest = await loadFer2013Folder(root, { usages: ['PublicTest'] });
    expect(publicTest).toHaveLength(1);
    expect(publicTest[0].image).toMatchObject({ width: 48, height: 48, channels: 1 });
    expect(publicTest[0].image.data[100]).toBeGreaterThan(120);
  });

  it('rejects an unknown emotion folder, naming it', async () => {
    const root = await release(['train/joy/Training_1.jpg']);
    await expect(listFer2013Folder(root)).rejects.toThrow(/train\/joy: unknown fer2013 emotion "joy"/);
  });

  it('rejects a test image under train/', async () => {
    const root = await release(['train/happy/PublicTest_9.jpg']);
    await expect(listFer2013Folder(root)).rejects.toThrow(
      /PublicTest_9.jpg: a PublicTest image does not belong in train\//,
    );
  });

  it('rejects files that are not images, unknown top folders and a missing root', async () => {
    const root = await release(['train/happy/Training_1.jpg']);
    await writeFile(join(root, 'train', 'happy', 'notes.txt'), 'x');
    await expect(listFer2013Folder(root)).rejects.toThrow(/notes.txt: not a .jpg or .png image/);
    const other = await release(['val/happy/Training_1.jpg']);
    await expect(listFer2013Folder(other)).rejects.toThrow(
      /expected only the folders train\/ and test\/.*found val/,
    );
    await expect(listFer2013Folder(join(other, 'missing'))).rejects.toThrow(/missing: folder not found/);
  });

  it('rejects an image that is not 48x48', async () => {
    const root = await release(['test/happy/PublicTest_1.jpg'], 64);
    await expect(loadFer2013Folder(root)).rejects.toThrow(/PublicTest_1.jpg: image is 64x64, expected 48x48/);
  });
});
