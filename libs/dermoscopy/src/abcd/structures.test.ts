import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { measureStructures, scoreStructures, structureResponses, structures } from './structures';

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
    const globule = (x: number, y: number) => Math.hypot((x % 16) - 8, (y % 16) - 8) <= 4;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (globule(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.present.globules).toBe(true);
    expect(result.present.dots).toBe(false);
  });

  it('finds a pigment network (a mesh of thin dark lines with small cells)', () => {
    const line = (x: number, y: number) => x % 3 === 0 || y % 3 === 0;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (line(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.present.network).toBe(true);
    expect(result.present.dots).toBe(false);
    expect(result.present.structureless).toBe(false);
  });

  it('does not call a coarse mesh (cells larger than a network cell) a network', () => {
    const line = (x: number, y: number) => x % 12 === 0 || y % 12 === 0;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (line(x, y) ? DARK : BROWN));
    const result = structures(image, mask);
    expect(result.counts.networkCells).toBe(0);
    expect(result.present.network).toBe(false);
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

  it('scores each structure from the measures at its own threshold', () => {
    const dot = (x: number, y: number) => x % 12 < 2 && y % 12 < 2;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (dot(x, y) ? DARK : BROWN));
    const responses = structureResponses(image, mask);
    const asked: number[] = [];
    scoreStructures(
      (t) => {
        asked.push(t);
        return measureStructures(responses, t);
      },
      { detailThreshold: 11, streakThreshold: 7, networkThreshold: 5 },
    );
    expect(new Set(asked)).toEqual(new Set([11, 7, 5]));
  });

  it('measures the structureless share as the lesion pixels with no dark detail within the radius', () => {
    // Sparse dots: the share of pixels farther than r (chessboard) from every dot, counted by brute force.
    const dot = (x: number, y: number) => x % 23 === 0 && y % 19 === 0;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (dot(x, y) ? DARK : BROWN));
    const responses = structureResponses(image, mask);
    const m = measureStructures(responses, 10);
    const detail: number[] = [];
    for (let i = 0; i < mask.data.length; i++) {
      if (responses.inner.data[i] && (responses.fine[i] >= 10 || responses.coarse[i] >= 10)) detail.push(i);
    }
    expect(detail.length).toBeGreaterThan(5);
    for (const radius of [2, 6, 12]) {
      let bare = 0;
      for (let i = 0; i < mask.data.length; i++) {
        if (!responses.inner.data[i]) continue;
        const x = i % W;
        const y = (i - x) / W;
        const near = detail.some(
          (j) => Math.max(Math.abs((j % W) - x), Math.abs(Math.floor(j / W) - y)) <= radius,
        );
        if (!near) bare++;
      }
      const result = scoreStructures(() => m, { structurelessRadius: radius });
      expect(result.counts.structurelessFraction).toBeCloseTo(bare / responses.innerPixels, 10);
    }
  });

  it('counts network cells per 1000 lesion pixels and refuses an image and mask of different sizes', () => {
    const line = (x: number, y: number) => x % 4 === 0 || y % 4 === 0;
    const { image, mask } = paintLesion(W, H, inside, (x, y) => (line(x, y) ? DARK : BROWN));
    const result = structures(image, mask, {
      networkThreshold: 10,
      networkRadius: 2,
      networkCellMaxArea: 9,
      minNetworkCellDensity: 1,
    });
    expect(result.counts.networkCells).toBeGreaterThan(400);
    expect(result.counts.networkCellDensity).toBeCloseTo(
      (1000 * result.counts.networkCells) / structureResponses(image, mask).innerPixels,
      10,
    );
    expect(result.present.network).toBe(true);
    expect(() => structures(image, { ...mask, width: W - 1 })).toThrow(
      /image 160x130 and mask 159x130 differ/,
    );
  });
});
