import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { cropFace, faceCropGeometry } from './face-alignment';
import type { Point } from './landmarks-68';

/** 68 points: all at the box centre except the two eye rings, centred on the given eye centres. */
function landmarksWithEyes(left: Point, right: Point): Point[] {
  const points = Array.from({ length: 68 }, () => ({
    x: (left.x + right.x) / 2,
    y: (left.y + right.y) / 2 + 10,
  }));
  for (let i = 0; i < 6; i++) {
    const a = (i / 6) * 2 * Math.PI;
    points[36 + i] = { x: left.x + 2 * Math.cos(a), y: left.y + Math.sin(a) };
    points[42 + i] = { x: right.x + 2 * Math.cos(a), y: right.y + Math.sin(a) };
  }
  return points;
}

function gradientImage(width: number, height: number, value: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return createRasterImage(width, height, 1, data);
}

describe('faceCropGeometry', () => {
  it('measures the eye-line roll from the landmarks and pads the box', () => {
    const box = { x: 10, y: 20, width: 40, height: 50 };
    const tilted = landmarksWithEyes({ x: 20, y: 30 }, { x: 40, y: 50 });
    const g = faceCropGeometry({ box, landmarks: tilted }, { margin: 0.1 });
    expect((g.angle * 180) / Math.PI).toBeCloseTo(45, 6);
    expect(g.side).toBeCloseTo(60, 10);
    expect(g.centre).toEqual({ x: 30, y: 45 });
    expect(faceCropGeometry({ box, landmarks: tilted }, { align: false }).angle).toBe(0);
    expect(faceCropGeometry({ box }).angle).toBe(0);
  });

  it('rejects empty boxes and malformed landmarks', () => {
    expect(() => faceCropGeometry({ box: { x: 0, y: 0, width: 0, height: 5 } })).toThrow(/positive size/);
    expect(() =>
      faceCropGeometry({ box: { x: 0, y: 0, width: 5, height: 5 }, landmarks: [{ x: 1, y: 1 }] }),
    ).toThrow(/expected 68 points, got 1/);
  });
});

describe('cropFace', () => {
  it('resamples the padded box to a 48x48 gray crop', () => {
    // Intensity = x: a crop of columns 20..80 must run left to right from about 20 to about 80.
    const image = gradientImage(100, 100, (x) => x);
    const crop = cropFace(image, { box: { x: 20, y: 20, width: 60, height: 60 } }, { margin: 0 });
    expect(crop).toMatchObject({ width: 48, height: 48, channels: 1 });
    const row = Array.from(crop.data.subarray(24 * 48, 25 * 48));
    expect(row[0]).toBeCloseTo(20, -1);
    expect(row[47]).toBeCloseTo(79, -1);
    for (let i = 1; i < 48; i++) expect(row[i]).toBeGreaterThanOrEqual(row[i - 1]);
  });

  it('undoes head roll: after aligning a 90-degree roll the x gradient runs down the crop', () => {
    const image = gradientImage(100, 100, (x) => x * 2);
    const rolled = landmarksWithEyes({ x: 50, y: 30 }, { x: 50, y: 70 });
    const crop = cropFace(
      image,
      { box: { x: 30, y: 30, width: 40, height: 40 }, landmarks: rolled },
      { margin: 0, size: 20 },
    );
    const column = Array.from({ length: 20 }, (_, v) => crop.data[v * 20 + 10]);
    const row = Array.from(crop.data.subarray(10 * 20, 11 * 20));
    expect(column[19] - column[0]).toBeLessThan(-60);
    expect(Math.max(...row) - Math.min(...row)).toBeLessThanOrEqual(1);
  });

  it('converts colour input to gray, clamps outside the photo and equalises on request', () => {
    const rgb = createRasterImage(10, 10, 3, new Uint8Array(300).fill(90));
    const crop = cropFace(rgb, { box: { x: -5, y: -5, width: 30, height: 30 } }, { size: 8 });
    expect(new Set(crop.data)).toEqual(new Set([90]));
    const dim = gradientImage(40, 40, (x) => 100 + Math.floor(x / 4));
    const equalized = cropFace(
      dim,
      { box: { x: 0, y: 0, width: 40, height: 40 } },
      { margin: 0, size: 16, equalize: true },
    );
    expect(Math.max(...equalized.data) - Math.min(...equalized.data)).toBeGreaterThan(200);
  });
});
