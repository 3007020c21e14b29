import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { perilesionalSkin } from './perilesional-skin';
import { tuneStructures, type StructureTuningCase } from './tune-structures';

const BROWN = [150, 100, 70] as const;
const LINE = [110, 70, 50] as const;
const DOT = [40, 25, 20] as const;

/**
 * A lesion with a coarse pigment network (3 px wide lines every 9 px: only a black-hat of radius 3
 * closes them at the crossings too), with or without scattered dark dots.
 */
function lesion(dots: boolean, shift: number): StructureTuningCase {
  const inside = ellipse(60, 48, 34 + shift, 26 + shift);
  const { image, mask } = paintLesion(120, 96, inside, (x, y) => {
    if (dots && (x + shift) % 11 < 2 && (y + shift) % 11 < 2) return DOT;
    return x % 9 < 3 || y % 9 < 3 ? LINE : BROWN;
  });
  return {
    image,
    mask,
    skin: perilesionalSkin(image, mask, { gap: 6, outer: 14, frameMargin: 2 }),
    dotsGlobules: dots,
    streaks: false,
  };
}

describe('tuneStructures', () => {
  it('finds settings that tell dotted lesions from plain ones and a network from skin', () => {
    const cases = [0, 1, 2].flatMap((shift) => [lesion(true, shift), lesion(false, shift)]);
    const tuning = tuneStructures(cases);
    expect(tuning.tune.dotsOrGlobules.kappa).toBe(1);
    expect(tuning.tune.networkLesionVsSkin.kappa).toBe(1);
    // Streaks: no expert positives here, so agreement is undefined, not invented.
    expect(tuning.tune.streaks.sensitivity).toBeNull();
    // The network's own radius is kept (not the fine radius the dots chose, nor the default).
    expect(tuning.options.networkRadius).toBe(3);
    expect(tuning.options.networkCellMaxArea).toBeGreaterThanOrEqual(36);
  });
});
