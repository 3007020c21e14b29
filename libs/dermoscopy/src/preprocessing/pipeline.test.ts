import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { preprocessDermoscopy } from './pipeline';

describe('preprocessDermoscopy', () => {
  const { image } = paintLesion(60, 40, ellipse(30, 20, 12, 9), () => [110, 70, 50]);

  it('returns every intermediate image in order', () => {
    const result = preprocessDermoscopy(image);
    expect(result.steps.map((s) => s.name)).toEqual([
      'input',
      'hair-black-hat',
      'hair-mask',
      'hair-removed',
      'median',
      'colour-constancy',
      'contrast',
    ]);
    expect(result.enhanced).toBe(result.steps[6].image);
    expect(result.colourCorrected).toBe(result.steps[5].image);
  });

  it('skips steps that are switched off', () => {
    const result = preprocessDermoscopy(image, {
      hairRemoval: false,
      medianRadius: 0,
      colourConstancy: false,
      contrastClipLimit: false,
    });
    expect(result.steps.map((s) => s.name)).toEqual(['input']);
    expect(result.hairMask).toBeNull();
    expect(result.enhanced).toBe(image);
  });
});
