import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { asymmetry, scoreAsymmetry } from './asymmetry';

const BROWN = [120, 75, 50] as const;
const shapeOnly = { shape: 0.1, colour: Infinity };

describe('asymmetry', () => {
  it('scores a symmetric ellipse 0', () => {
    const { image, mask } = paintLesion(120, 100, ellipse(60, 50, 40, 25), () => BROWN);
    const result = asymmetry(mask, image, shapeOnly);
    expect(result.score).toBe(0);
    expect(Math.max(result.axes[0].shape, result.axes[1].shape)).toBeLessThan(0.05);
  });

  it('scores an egg shape (symmetric about its long axis only) 1', () => {
    // Left half is a long half-ellipse, right half a short one: mirror-symmetric top/bottom only.
    const egg = (x: number, y: number) => ((x - 60) / (x < 60 ? 45 : 15)) ** 2 + ((y - 50) / 25) ** 2 <= 1;
    const { mask } = paintLesion(120, 100, egg, () => BROWN);
    const result = asymmetry(mask, undefined, shapeOnly);
    expect(result.score).toBe(1);
  });

  it('scores an L-shaped lesion 2', () => {
    const ell = (x: number, y: number) =>
      (x >= 20 && x < 45 && y >= 15 && y < 85) || (x >= 20 && x < 100 && y >= 60 && y < 85);
    const { mask } = paintLesion(120, 100, ell, () => BROWN);
    expect(asymmetry(mask, undefined, shapeOnly).score).toBe(2);
  });

  it('counts colour asymmetry across one axis when a colour threshold is set', () => {
    const { image, mask } = paintLesion(120, 100, ellipse(60, 50, 40, 25), (x) =>
      x < 60 ? [190, 135, 95] : [40, 30, 30],
    );
    expect(asymmetry(mask, image, shapeOnly).score).toBe(0);
    const result = asymmetry(mask, image, { shape: 0.1, colour: 10 });
    expect(result.score).toBe(1);
    expect(result.axes[1].colour).toBeGreaterThan(30);
    expect(result.axes[0].colour).toBeLessThan(2);
  });

  it('scoreAsymmetry applies thresholds to stored measurements', () => {
    const axes = [
      { angleDegrees: 0, shape: 0.3, colour: 1 },
      { angleDegrees: 90, shape: 0.05, colour: 20 },
    ] as const;
    expect(scoreAsymmetry([axes[0], axes[1]], { shape: 0.2, colour: Infinity })).toBe(1);
    expect(scoreAsymmetry([axes[0], axes[1]], { shape: 0.2, colour: 10 })).toBe(2);
  });
});
