import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listPhotos, readPhotos } from './photo-folder';
import { writeGrayImage } from './synthetic-images.test-support';

describe('photo folder', () => {
  it('reads the images of a folder in name order, skipping other files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'photos-'));
    await writeGrayImage(join(dir, 'b.png'), 30, 20);
    await writeGrayImage(join(dir, 'a.jpg'), 10, 12);
    await writeFile(join(dir, 'notes.txt'), 'x');
    const photos = [];
    for await (const p of readPhotos(dir)) photos.push(p);
    expect(photos.map((p) => [p.path.slice(dir.length + 1), p.image.width, p.image.height])).toEqual([
      ['a.jpg', 10, 12],
      ['b.png', 30, 20],
    ]);
  });

  it('rejects a folder without images', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'photos-empty-'));
    await expect(listPhotos(dir)).rejects.toThrow(/no JPEG, PNG, WebP, TIFF or BMP images/);
  });
});
