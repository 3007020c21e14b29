import { describe, expect, it } from 'vitest';

import {
  diskStructuringElement,
  lineStructuringElement,
  type StructuringElement,
} from './structuring-element';

const points = (se: StructuringElement) =>
  Array.from(se.dx, (x, i) => `${x},${se.dy[i]}`)
    .sort()
    .join(' ');

describe('structuring elements', () => {
  it('builds horizontal, vertical and diagonal lines centred on the origin', () => {
    expect(points(lineStructuringElement(5, 0))).toBe('-1,0 -2,0 0,0 1,0 2,0');
    expect(points(lineStructuringElement(3, 90))).toBe('0,-1 0,0 0,1');
    expect(points(lineStructuringElement(3, 45))).toBe('-1,1 0,0 1,-1');
  });

  it('builds a disk', () => {
    expect(diskStructuringElement(1).dx.length).toBe(5);
    expect(diskStructuringElement(2).dx.length).toBe(13);
  });

  it('rejects bad sizes', () => {
    expect(() => lineStructuringElement(0, 0)).toThrow(/positive integer/);
    expect(() => diskStructuringElement(-1)).toThrow(/non-negative integer/);
  });
});
