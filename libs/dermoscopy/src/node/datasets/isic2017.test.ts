import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadIsic2017 } from './isic2017';

function fixture(csv: string, images: string[], masks?: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'isic-'));
  writeFileSync(join(dir, 'ISIC-2017_Training_Part3_GroundTruth.csv'), csv);
  mkdirSync(join(dir, 'images'));
  for (const f of images) writeFileSync(join(dir, 'images', f), 'x');
  if (masks) {
    mkdirSync(join(dir, 'masks'));
    for (const f of masks) writeFileSync(join(dir, 'masks', f), 'x');
  }
  return {
    labels: join(dir, 'ISIC-2017_Training_Part3_GroundTruth.csv'),
    images: join(dir, 'images'),
    masks: masks ? join(dir, 'masks') : undefined,
  };
}

describe('loadIsic2017', () => {
  it('reads the *_Classes.csv layout (melanoma only)', async () => {
    const records = await loadIsic2017(
      fixture('image_id,melanoma\nISIC_0000000,0\nISIC_0000001,1\n', [
        'ISIC_0000000.jpg',
        'ISIC_0000001.jpg',
      ]),
    );
    expect(records.map((r) => [r.melanoma, r.seborrheicKeratosis, r.diagnosis])).toEqual([
      [false, null, null],
      [true, null, 'melanoma'],
    ]);
  });

  it('reads the official ground truth with 0.0/1.0 flags, masks, and ignores superpixels', async () => {
    const paths = fixture(
      'image_id,melanoma,seborrheic_keratosis\nISIC_0000000,0.0,0.0\nISIC_0000002,0.0,1.0\n',
      ['ISIC_0000000.jpg', 'ISIC_0000000_superpixels.png', 'ISIC_0000002.jpg'],
      ['ISIC_0000000_segmentation.png', 'ISIC_0000002_segmentation.png'],
    );
    const records = await loadIsic2017(paths);
    expect(records.map((r) => r.diagnosis)).toEqual(['nevus', 'seborrheic_keratosis']);
    expect(records[1].maskPath).toBe(join(paths.masks!, 'ISIC_0000002_segmentation.png'));
  });

  it('names bad flags, conflicting labels, missing images and masks', async () => {
    const imgs = ['ISIC_1.jpg'];
    await expect(loadIsic2017(fixture('image_id,melanoma\nISIC_1,yes\n', imgs))).rejects.toThrow(
      /GroundTruth\.csv line 2, column melanoma: 'yes' is not 0 or 1/,
    );
    await expect(
      loadIsic2017(fixture('image_id,melanoma,seborrheic_keratosis\nISIC_1,1,1\n', imgs)),
    ).rejects.toThrow(/line 2, column seborrheic_keratosis: ISIC_1 is labelled both/);
    await expect(loadIsic2017(fixture('image_id,melanoma\nISIC_1,0\nISIC_2,0\n', imgs))).rejects.toThrow(
      /images listed in the labels are not on disk \(missing: ISIC_2\)/,
    );
    await expect(loadIsic2017(fixture('image_id,melanoma\nISIC_1,0\n', imgs, []))).rejects.toThrow(
      /no <id>_segmentation mask for some labelled images \(missing: ISIC_1\)/,
    );
    await expect(loadIsic2017(fixture('image,melanoma\nISIC_1,0\n', imgs))).rejects.toThrow(
      /missing column\(s\) image_id/,
    );
  });
});
