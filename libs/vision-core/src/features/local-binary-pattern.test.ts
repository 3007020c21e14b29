import { describe, expect, it } from 'vitest';

import { createRasterImage } from '../image/raster-image';
import { lbpBins, lbpCodes, lbpHistogram } from './local-binary-pattern';

function image(width: number, height: number, pixel: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  return createRasterImage(width, height, 1, data);
}

/** A 3x3 image from its rows separated by '/' (one coded centre pixel with radius 1). */
function patch(rows: string) {
  const values = rows.split('/').map((row) => row.trim().split(/\s+/).map(Number));
  return image(3, 3, (x, y) => values[y][x]);
}

/** Neighbours right 200, up 50, left 150, down 10 around 100, corners 255: code 187. */
const CODE_187 = '255 50 255 / 150 100 200 / 255 10 255';

describe('lbpCodes', () => {
  it('sets bit p for neighbour p counter-clockwise from the right, diagonals interpolated bilinearly', () => {
    // Axis neighbours: right 200 (bit 0 set), up 50 (bit 2 clear), left 150 (bit 4 set), down 10
    // (bit 6 clear). With 255 corners every diagonal interpolates above the centre (100): bits 1, 3,
    // 5, 7 set -> 0b10111011 = 187. A 0 upper-right corner pulls neighbour 1 (at +0.71, -0.71) down to
    // 0.21 * 50 + 0.09 * 100 + 0.21 * 200 = 60.4 < 100, clearing bit 1 -> 185.
    expect(Array.from(lbpCodes(patch(CODE_187)).codes)).toEqual([187]);
    expect(Array.from(lbpCodes(patch('255 50 0 / 150 100 200 / 255 10 255')).codes)).toEqual([185]);
  });

  it('codes only the pixels whose whole circle is inside the image', () => {
    const r1 = lbpCodes(image(48, 48, (x, y) => x + y));
    expect(r1).toMatchObject({ width: 46, height: 46, margin: 1 });
    expect(
      lbpCodes(
        image(48, 40, () => 0),
        { radius: 2, points: 16 },
      ),
    ).toMatchObject({ width: 44, height: 36, margin: 2 });
  });

  it('gives every pixel of a constant image the all-ones code (neighbours not darker)', () => {
    expect(lbpCodes(image(10, 10, () => 90)).codes.every((c) => c === 255)).toBe(true);
  });
});

describe('lbpHistogram', () => {
  it('has P(P-1)+3 uniform bins per region: 59 for P=8, 243 for P=16; 2^P without the mapping', () => {
    expect(lbpBins()).toBe(59);
    expect(lbpBins({ points: 16, radius: 2 })).toBe(243);
    expect(lbpBins({ mapping: 'none' })).toBe(256);
    expect(lbpHistogram(image(48, 48, (x, y) => (x * 7 + y * 3) % 256))).toHaveLength(6 * 6 * 59);
  });

  it('numbers uniform codes in increasing order and pools the others in the last bin', () => {
    const oneHot = (rows: string, mapping: 'uniform' | 'none' = 'uniform') =>
      Array.from(lbpHistogram(patch(rows), { gridX: 1, gridY: 1, mapping })).indexOf(1);
    // Only the right neighbour is brighter: code 1, the second uniform code.
    expect(oneHot('0 0 0 / 0 100 200 / 0 0 0')).toBe(1);
    // Constant: code 255, the last of the 58 uniform codes.
    expect(oneHot('5 5 5 / 5 5 5 / 5 5 5')).toBe(57);
    // Code 187 has four transitions: not uniform.
    expect(oneHot(CODE_187)).toBe(58);
    // Without the mapping the bin is the code.
    expect(oneHot(CODE_187, 'none')).toBe(187);
  });

  it('normalises each region to sum to 1 and tells regions apart', () => {
    // Left half a horizontal ramp, right half constant: the regions differ, each sums to 1.
    const h = lbpHistogram(
      image(24, 12, (x) => (x < 12 ? x * 10 : 50)),
      { gridX: 2, gridY: 1 },
    );
    const left = Array.from(h.subarray(0, 59));
    const right = Array.from(h.subarray(59));
    expect(left.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(right.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(right[57]).toBeGreaterThan(0.8); // mostly constant neighbourhoods
    expect(left[57]).toBeLessThan(0.2);
  });

  it('names the bad parameter or image', () => {
    const gray = image(48, 48, () => 0);
    expect(() => lbpHistogram(createRasterImage(8, 8, 3, new Uint8Array(192)))).toThrow(
      /LBP needs a 1-channel image/,
    );
    expect(() => lbpHistogram(gray, { points: 17 })).toThrow(/points must be an integer from 2 to 16/);
    expect(() => lbpHistogram(gray, { radius: 0 })).toThrow(/radius must be a positive number/);
    expect(() => lbpHistogram(gray, { gridX: 0 })).toThrow(/gridX must be a positive integer/);
    expect(() =>
      lbpHistogram(
        image(8, 8, () => 0),
        { gridX: 7 },
      ),
    ).toThrow(/grid 7x6 has more regions than the 6x6 coded pixels of a 8x8 image/);
    expect(() =>
      lbpCodes(
        image(4, 4, () => 0),
        { radius: 2 },
      ),
    ).toThrow(/wider and taller than 4 px, got 4x4/);
  });
});
