import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { estimatedEyeCentres } from './detector-eyes';
import { cropFace, eyeFraming, faceCropGeometry } from './face-alignment';
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

describe('eye-anchored crops', () => {
  /** A photo pixel's position in the crop of geometry g at `size` px (the inverse of cropFace's map). */
  function inCrop(p: Point, g: { centre: Point; side: number; angle: number }, size: number): Point {
    const dx = p.x - g.centre.x;
    const dy = p.y - g.centre.y;
    const cos = Math.cos(g.angle);
    const sin = Math.sin(g.angle);
    const step = g.side / size;
    return { x: (dx * cos + dy * sin + g.side / 2) / step, y: (-dx * sin + dy * cos + g.side / 2) / step };
  }

  it('puts the eyes where the framing says, level, whatever the box and the roll', () => {
    const eyes = { x: 0.48, y: 0.38, distance: 0.36 };
    for (const [left, right] of [
      [
        { x: 100, y: 80 },
        { x: 160, y: 80 },
      ],
      [
        { x: 50, y: 60 },
        { x: 80, y: 90 },
      ],
    ]) {
      const region = {
        box: { x: 0, y: 0, width: 400, height: 300 },
        landmarks: landmarksWithEyes(left, right),
      };
      const g = faceCropGeometry(region, { eyes, margin: 0.5 });
      const l = inCrop(left, g, 48);
      const r = inCrop(right, g, 48);
      expect((l.x + r.x) / 2).toBeCloseTo(0.48 * 48, 6);
      expect(l.y).toBeCloseTo(0.38 * 48, 6);
      expect(r.y).toBeCloseTo(0.38 * 48, 6);
      expect(r.x - l.x).toBeCloseTo(0.36 * 48, 6);
    }
  });

  it('without landmarks, puts the eyes the box holds on average (boxEyes) where the framing says', () => {
    const eyes = { x: 0.48, y: 0.38, distance: 0.36 };
    const boxEyes = { x: 0.5, y: 0.3, distance: 0.35 };
    const box = { x: 40, y: 20, width: 100, height: 110 };
    // The detector's eyes: midpoint (90, 53), 35 px apart, level.
    const estimated = estimatedEyeCentres(box, boxEyes);
    expect(estimated).toEqual({ imageLeft: { x: 72.5, y: 53 }, imageRight: { x: 107.5, y: 53 } });
    const g = faceCropGeometry({ box }, { eyes, boxEyes });
    expect(g.angle).toBe(0);
    expect(g.side).toBeCloseTo(35 / 0.36, 9);
    const l = inCrop(estimated.imageLeft, g, 48);
    const r = inCrop(estimated.imageRight, g, 48);
    expect((l.x + r.x) / 2).toBeCloseTo(0.48 * 48, 6);
    expect(l.y).toBeCloseTo(0.38 * 48, 6);
    expect(r.x - l.x).toBeCloseTo(0.36 * 48, 6);
    // Landmarks win over the box; without a framing boxEyes is unused (the padded box).
    const withLandmarks = { box, landmarks: landmarksWithEyes({ x: 60, y: 70 }, { x: 100, y: 70 }) };
    expect(faceCropGeometry(withLandmarks, { eyes, boxEyes }).side).toBeCloseTo(40 / 0.36, 9);
    expect(faceCropGeometry({ box }, { boxEyes }).side).toBeCloseTo(110 * 1.3, 9);
  });

  it('cuts the same face from a crop and from a larger picture of it', () => {
    // Intensity = x + 2y; eyes at (20, 16) and (30, 16) in a 50 px crop, the crop placed at
    // (100, 40) in a larger picture scaled by 2: the eye-anchored crops of both must match.
    const small = gradientImage(50, 50, (x, y) => (x + 2 * y) % 256);
    const large = gradientImage(300, 200, (x, y) => {
      const u = (x - 100) / 2;
      const v = (y - 40) / 2;
      return u >= 0 && u < 50 && v >= 0 && v < 50 ? (Math.floor(u) + 2 * Math.floor(v)) % 256 : 0;
    });
    const eyes = eyeFraming([{ side: 50, landmarks: landmarksWithEyes({ x: 20, y: 16 }, { x: 30, y: 16 }) }]);
    expect(eyes.x).toBeCloseTo(0.5, 10);
    expect(eyes.y).toBeCloseTo(0.32, 10);
    expect(eyes.distance).toBeCloseTo(0.2, 10);
    const a = cropFace(
      small,
      {
        box: { x: 0, y: 0, width: 50, height: 50 },
        landmarks: landmarksWithEyes({ x: 20, y: 16 }, { x: 30, y: 16 }),
      },
      { size: 25, eyes },
    );
    const b = cropFace(
      large,
      {
        box: { x: 0, y: 0, width: 300, height: 200 },
        landmarks: landmarksWithEyes({ x: 140, y: 72 }, { x: 160, y: 72 }),
      },
      { size: 25, eyes },
    );
    let diff = 0;
    for (let i = 0; i < a.data.length; i++) diff = Math.max(diff, Math.abs(a.data[i] - b.data[i]));
    expect(diff).toBeLessThanOrEqual(3);
  });

  it('averages the framing over crops and refuses what it cannot use', () => {
    const framing = eyeFraming([
      { side: 48, landmarks: landmarksWithEyes({ x: 14, y: 18 }, { x: 30, y: 18 }) },
      { side: 96, landmarks: landmarksWithEyes({ x: 30, y: 38 }, { x: 62, y: 38 }) },
    ]);
    expect(framing.x).toBeCloseTo((22 / 48 + 46 / 96) / 2, 10);
    expect(framing.y).toBeCloseTo((18 / 48 + 38 / 96) / 2, 10);
    expect(framing.distance).toBeCloseTo(1 / 3, 10);
    expect(() => eyeFraming([])).toThrow(/at least one crop/);
    // Without landmarks the box places the crop, as without `eyes`.
    const box = { x: 0, y: 0, width: 10, height: 10 };
    expect(faceCropGeometry({ box }, { eyes: framing })).toEqual(faceCropGeometry({ box }));
    expect(() =>
      faceCropGeometry(
        { box, landmarks: landmarksWithEyes({ x: 2, y: 2 }, { x: 6, y: 2 }) },
        { eyes: { ...framing, distance: 0 } },
      ),
    ).toThrow(/distance in \(0, 1\]/);
  });
});
