import { describe, expect, it } from 'vitest';

import { createRasterImage } from '../image/raster-image';
import { hog, hogLayout } from './hog';

function image(width: number, height: number, pixel: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  return createRasterImage(width, height, 1, data);
}

/** Sum of each orientation bin over all cells of all blocks. */
function binTotals(descriptor: Float32Array, bins = 9): number[] {
  const totals = new Array(bins).fill(0);
  descriptor.forEach((v, i) => (totals[i % bins] += v));
  return totals;
}

describe('hog', () => {
  it('has the Dalal-Triggs layout: 48x48, 8px cells, 2x2 blocks, stride 1 -> 5x5 blocks x 36', () => {
    expect(hogLayout(48, 48)).toMatchObject({ cellsX: 6, cellsY: 6, blocksX: 5, blocksY: 5, length: 900 });
    expect(hog(image(48, 48, () => 0))).toHaveLength(900);
    expect(hogLayout(64, 128, { cellSize: 8, blockSize: 2, blockStride: 1 }).length).toBe(3780);
    expect(hogLayout(48, 48, { cellSize: 6, blockSize: 3, blockStride: 3, orientations: 12 }).length).toBe(
      2 * 2 * 3 * 3 * 12,
    );
  });

  it('is all zeros on a constant image', () => {
    expect(hog(image(32, 32, () => 77)).every((v) => v === 0)).toBe(true);
  });

  it('puts a horizontal intensity ramp (0 degree gradients) half in the first and half in the last bin', () => {
    const totals = binTotals(hog(image(32, 32, (x) => x * 4)));
    expect(totals[0]).toBeCloseTo(totals[8], 5);
    expect(totals[0]).toBeGreaterThan(0);
    for (let b = 1; b < 8; b++) expect(totals[b]).toBe(0);
  });

  it('puts a vertical ramp (90 degree gradients) entirely in the middle bin', () => {
    const totals = binTotals(hog(image(32, 32, (_x, y) => y * 4)));
    expect(totals[4]).toBeGreaterThan(0);
    totals.forEach((t, b) => b !== 4 && expect(t).toBe(0));
  });

  it('separates opposite gradient directions only when signed', () => {
    const up = image(32, 32, (_x, y) => y * 4);
    const down = image(32, 32, (_x, y) => 255 - y * 4);
    expect(Array.from(hog(up))).toEqual(Array.from(hog(down)));
    expect(Array.from(hog(up, { signed: true }))).not.toEqual(Array.from(hog(down, { signed: true })));
  });

  it('L2-Hys blocks have unit norm and no component above the clip before renormalising', () => {
    const img = image(32, 32, (x, y) => ((x * 37 + y * 91) % 256) ^ (x * y));
    const d = hog(img);
    const blockLength = 36;
    for (let b = 0; b < d.length / blockLength; b++) {
      const block = d.subarray(b * blockLength, (b + 1) * blockLength);
      expect(Math.hypot(...block)).toBeCloseTo(1, 4);
    }
    const l2 = hog(img, { blockNorm: 'L2' });
    expect(Math.max(...l2)).toBeGreaterThan(Math.max(...d) - 1e-6);
  });

  it('is invariant to contrast scaling (block normalisation)', () => {
    const a = hog(image(24, 24, (x, y) => (x * 3 + y * 5) % 50));
    const b = hog(image(24, 24, (x, y) => 2 * ((x * 3 + y * 5) % 50)));
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 3));
  });

  it('rejects colour images and images smaller than one block', () => {
    expect(() => hog(createRasterImage(16, 16, 3))).toThrow(/1-channel/);
    expect(() => hog(image(12, 12, () => 0))).toThrow(/at least 2x2 cells/);
    expect(() =>
      hog(
        image(16, 16, () => 0),
        { cellSize: 0 },
      ),
    ).toThrow(/cellSize/);
  });
});
