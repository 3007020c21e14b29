import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listJaffe, loadJaffe } from './jaffe';
import { writeGrayImage, writePaletteTiff } from './synthetic-images.test-support';

describe('JAFFE loader', () => {
  it('loads gray and palette-encoded TIFFs to grayscale, ignoring non-TIFF files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jaffe-'));
    await writeGrayImage(join(dir, 'KA.AN1.39.tiff'), 256, 256, (x) => x);
    // Palette index i is drawn as gray 255 - i: the loader must apply the colour map.
    await writePaletteTiff(
      join(dir, 'KM.HA2.12.tiff'),
      256,
      256,
      (x) => x,
      (i) => 255 - i,
    );
    await writeFile(join(dir, 'README'), 'The Japanese Female Facial Expression database');
    const images = await loadJaffe(dir);
    expect(images.map((i) => [i.subject, i.emotion, i.repetition, i.id])).toEqual([
      ['KA', 'angry', 1, 39],
      ['KM', 'happy', 2, 12],
    ]);
    for (const { image } of images) expect(image).toMatchObject({ width: 256, height: 256, channels: 1 });
    expect([images[0].image.data[10], images[0].image.data[200]]).toEqual([10, 200]);
    expect([images[1].image.data[10], images[1].image.data[200]]).toEqual([245, 55]);
  });

  it('rejects misnamed TIFFs and folders without TIFFs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jaffe-bad-'));
    await writeGrayImage(join(dir, 'KA.ANGRY.39.tiff'), 8, 8);
    await expect(listJaffe(dir)).rejects.toThrow(/KA.ANGRY.39.tiff: not a JAFFE image name/);
    await expect(listJaffe(await mkdtemp(join(tmpdir(), 'jaffe-empty-')))).rejects.toThrow(/no .tiff images/);
  });
});
