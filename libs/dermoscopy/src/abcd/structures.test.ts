import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { structures } from './structures';

const W = 160;
const H = 130;
const inside = ellipse(80, 65, 60, 48);
const BROWN = [150, 100, 70] as const;
const DARK = [60, 40, 30] as const;

describe('structures', () => {
  it('calls a uniform lesion structureless only', () => {
    const { image, mask } = paintLesion(W, H, inside, () => BROWN);
    const result = structures(image, mask);
    expect(result.present).toEqual({
      network: false,
      structureless: true,
      streaks: false,
      dots: false,
      globules: false,
    });
    expect(result.score).toBe(1);
  });

  it('finds scattered dots', () => {
    const dot = (x: number, y: number) => x % 12 < 2 && y % 12 < 2;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (dot(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.present.dots).toBe(true);
    expect(result.present.globules).toBe(false);
    expect(result.counts.dots).toBeGreaterThan(20);
  });

  it('finds globules', () => {
    const globule = (x: number, y: number) => Math.hypot((x % 20) - 10, (y % 20) - 10) <= 4;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (globule(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.present.globules).toBe(true);
    expect(result.present.dots).toBe(false);
  });

  it('finds a pigment network (a mesh of thin dark lines)', () => {
    const line = (x: number, y: number) => x % 8 === 0 || y % 8 === 0;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (line(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.present.network).toBe(true);
    expect(result.present.structureless).toBe(false);
  });

  it('finds radial streaks at the periphery', () => {
    const streak = (x: number, y: number) => {
      const r = Math.hypot((x - 80) / 60, (y - 65) / 48);
      const angle = Math.atan2(y - 65, x - 80);
      const spoke = Math.abs(((angle * 12) / Math.PI) % 2) < 0.12;
      return r > 0.65 && r < 0.95 && spoke;
    };
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (streak(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.counts.streaks).toBeGreaterThanOrEqual(3);
    expect(result.present.streaks).toBe(true);
  });
});
