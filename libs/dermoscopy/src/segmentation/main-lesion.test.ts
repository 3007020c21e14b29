import { createBinaryMask, maskArea } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { postprocessProbabilityMap, selectMainLesion } from './main-lesion';
import { thresholdProbabilityMap } from './probability-map';

const W = 100;
const H = 80;

function blobs(shapes: Array<{ cx: number; cy: number; r: number; hole?: number }>) {
  const mask = createBinaryMask(W, H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      for (const s of shapes) {
        const d = Math.hypot(x - s.cx, y - s.cy);
        if (d <= s.r && !(s.hole && d < s.hole)) mask.data[y * W + x] = 1;
      }
    }
  }
  return mask;
}

describe('selectMainLesion', () => {
  it('prefers a central lesion over a larger dark corner touching the border', () => {
    const mask = blobs([
      { cx: 50, cy: 40, r: 12 },
      { cx: 0, cy: 0, r: 22 },
    ]);
    const out = selectMainLesion(mask);
    expect(out.data[40 * W + 50]).toBe(1);
    expect(out.data[0]).toBe(0);
  });

  it('keeps the largest of several interior components and fills its holes', () => {
    const mask = blobs([
      { cx: 45, cy: 40, r: 15, hole: 5 },
      { cx: 85, cy: 40, r: 5 },
    ]);
    const out = selectMainLesion(mask);
    expect(out.data[40 * W + 45]).toBe(1);
    expect(out.data[40 * W + 85]).toBe(0);
  });

  it('returns an empty mask for an empty input', () => {
    expect(maskArea(selectMainLesion(createBinaryMask(4, 4)))).toBe(0);
  });
});

describe('probability maps', () => {
  it('thresholds and post-processes a network output', () => {
    const data = new Float32Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) data[y * W + x] = Math.max(0, 1 - Math.hypot(x - 50, y - 40) / 20);
    }
    data[5] = 0.9;
    const map = { width: W, height: H, data };
    expect(thresholdProbabilityMap(map, 0.5).data[5]).toBe(1);
    const lesion = postprocessProbabilityMap(map);
    expect(lesion.data[5]).toBe(0);
    expect(lesion.data[40 * W + 50]).toBe(1);
    expect(() => thresholdProbabilityMap({ width: 2, height: 2, data: new Float32Array(3) })).toThrow(
      /has 3 values/,
    );
  });
});
