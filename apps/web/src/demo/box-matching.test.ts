import { describe, expect, it } from 'vitest';
import { boxIou, greedyMatch } from './box-matching';

describe('boxIou', () => {
  it('is 1 for the same box, 0 when disjoint, and the overlap ratio otherwise', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(boxIou(a, a)).toBe(1);
    expect(boxIou(a, { x: 10, y: 0, width: 10, height: 10 })).toBe(0);
    expect(boxIou(a, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 10);
  });
});

describe('greedyMatch', () => {
  it('pairs the best-scoring pairs first, one to one, above the threshold', () => {
    const scores = [
      [0.9, 0.8, 0.0],
      [0.85, 0.2, 0.1],
    ];
    expect(greedyMatch(2, 3, (i, j) => scores[i][j], 0.3)).toEqual([[0, 0, 0.9]]);
    expect(greedyMatch(2, 3, (i, j) => scores[i][j], 0.15)).toEqual([
      [0, 0, 0.9],
      [1, 1, 0.2],
    ]);
  });
});
