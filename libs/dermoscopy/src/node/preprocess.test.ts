import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImageFile } from '@visioncad/vision-core/image-node';
import { describe, expect, it } from 'vitest';

import { preprocessDermoscopy } from '../preprocessing/pipeline';
import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { writePreprocessingSteps } from './preprocess';

describe('writePreprocessingSteps', () => {
  it('writes one numbered PNG per step that decodes back to the step image', async () => {
    const { image } = paintLesion(40, 30, ellipse(20, 15, 10, 8), () => [110, 70, 50]);
    const result = preprocessDermoscopy(image);
    const dir = mkdtempSync(join(tmpdir(), 'pre-'));
    const paths = await writePreprocessingSteps(result, dir, '/data/IMD001.bmp');
    expect(readdirSync(dir).sort()).toEqual([
      'IMD001-00-input.png',
      'IMD001-01-hair-black-hat.png',
      'IMD001-02-hair-mask.png',
      'IMD001-03-hair-removed.png',
      'IMD001-04-median.png',
      'IMD001-05-colour-constancy.png',
      'IMD001-06-contrast.png',
    ]);
    const last = await decodeImageFile(paths[6]);
    expect(Array.from(last.data)).toEqual(Array.from(result.enhanced.data));
  });
});
