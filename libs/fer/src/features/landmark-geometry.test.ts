import { describe, expect, it } from 'vitest';

import type { Point } from '../face/landmarks-68';
import { LANDMARK_FEATURE_LENGTH, LANDMARK_MEASURES, landmarkGeometry } from './landmark-geometry';

/** A plausible frontal 68-point face around (0, 0) with inter-ocular distance 40 and a mouth opening. */
function face(mouthOpen = 0): Point[] {
  const p: Point[] = [];
  for (let i = 0; i < 17; i++) p.push({ x: -45 + (90 * i) / 16, y: 10 + 40 * Math.sin((Math.PI * i) / 16) });
  for (let i = 0; i < 5; i++) p.push({ x: -35 + 6 * i, y: -20 });
  for (let i = 0; i < 5; i++) p.push({ x: 11 + 6 * i, y: -20 });
  for (let i = 0; i < 4; i++) p.push({ x: 0, y: -5 + 6 * i });
  for (let i = 0; i < 5; i++) p.push({ x: -8 + 4 * i, y: 20 });
  const eye = (cx: number) => [
    { x: cx - 8, y: 0 },
    { x: cx - 3, y: -3 },
    { x: cx + 3, y: -3 },
    { x: cx + 8, y: 0 },
    { x: cx + 3, y: 3 },
    { x: cx - 3, y: 3 },
  ];
  p.push(...eye(-20), ...eye(20));
  for (let i = 0; i < 12; i++) {
    const a = (i / 12) * 2 * Math.PI;
    p.push({ x: -15 * Math.cos(a), y: 32 - (4 + mouthOpen) * Math.sin(a) });
  }
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * 2 * Math.PI;
    p.push({ x: -10 * Math.cos(a), y: 32 - (1 + mouthOpen) * Math.sin(a) });
  }
  return p;
}

function transform(points: Point[], angle: number, scale: number, dx: number, dy: number): Point[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return points.map(({ x, y }) => ({ x: scale * (x * c - y * s) + dx, y: scale * (x * s + y * c) + dy }));
}

describe('landmarkGeometry', () => {
  it('has 136 normalised coordinates plus the named measures', () => {
    const f = landmarkGeometry(face());
    expect(f).toHaveLength(LANDMARK_FEATURE_LENGTH);
    expect(LANDMARK_FEATURE_LENGTH).toBe(136 + LANDMARK_MEASURES.length);
    // Eye centres land on (-0.5, 0) and (0.5, 0) in inter-ocular units.
    expect(f[2 * 36] + f[2 * 39]).toBeCloseTo(-1, 5);
  });

  it('does not change when the face moves, scales or rolls', () => {
    const a = landmarkGeometry(face(3));
    const b = landmarkGeometry(transform(face(3), 0.4, 2.5, 300, -50));
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 4));
  });

  it('opening the mouth raises the mouth aspect ratio', () => {
    const mar = LANDMARK_MEASURES.indexOf('mouthAspectRatio');
    expect(landmarkGeometry(face(8))[136 + mar]).toBeGreaterThan(landmarkGeometry(face(0))[136 + mar] * 3);
  });

  it('rejects missing points and coincident eyes', () => {
    expect(() => landmarkGeometry(face().slice(0, 60))).toThrow(/expected 68 points/);
    expect(() => landmarkGeometry(face().map(() => ({ x: 1, y: 1 })))).toThrow(/eye centres coincide/);
  });
});
