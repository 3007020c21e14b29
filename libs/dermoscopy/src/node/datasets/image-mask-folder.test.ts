import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadImageMaskFolder } from './image-mask-folder';

function folders(images: string[], masks: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'pairs-'));
  mkdirSync(join(dir, 'img'));
  mkdirSync(join(dir, 'gt'));
  for (const f of images) writeFileSync(join(dir, 'img', f), 'x');
  for (const f of masks) writeFileSync(join(dir, 'gt', f), 'x');
  return { images: join(dir, 'img'), masks: join(dir, 'gt') };
}

describe('loadImageMaskFolder', () => {
  it('pairs ISIC-style images and masks, ignoring superpixels and non-images', async () => {
    const pairs = await loadImageMaskFolder(
      folders(
        ['ISIC_1.jpg', 'ISIC_1_superpixels.png', 'ISIC_2.JPG', 'notes.txt'],
        ['ISIC_1_segmentation.png', 'ISIC_2_segmentation.png'],
      ),
    );
    expect(pairs.map((p) => p.id)).toEqual(['ISIC_1', 'ISIC_2']);
  });

  it('pairs images and masks sharing one folder', async () => {
    const { images } = folders(['a.png', 'a_segmentation.png'], []);
    expect(await loadImageMaskFolder({ images, masks: images })).toHaveLength(1);
  });

  it('names images without masks, orphan masks and ambiguous names', async () => {
    await expect(loadImageMaskFolder(folders(['a.jpg', 'b.jpg'], ['a_segmentation.png']))).rejects.toThrow(
      /no <id>_segmentation mask for some images .*\(missing: b\)/,
    );
    await expect(
      loadImageMaskFolder(folders(['a.jpg'], ['a_segmentation.png', 'c_segmentation.png'])),
    ).rejects.toThrow(/masks without a matching image .*\(missing: c_segmentation\)/);
    await expect(loadImageMaskFolder(folders(['a.jpg', 'a.png'], []))).rejects.toThrow(
      /two images share the name a/,
    );
  });
});
