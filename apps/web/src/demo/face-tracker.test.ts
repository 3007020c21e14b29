import type { DetectedFace } from '@visioncad/fer/face/face-pipeline';
import { describe, expect, it } from 'vitest';
import { FaceTracker, type TrackerFrame } from './face-tracker';
import { buildGrayPyramid } from './gray-pyramid';
import { sceneFrame, type SceneFace } from './tracking-test-scene.test-support';

const W = 320;
const H = 240;

function frame(index: number, faces: SceneFace[]): TrackerFrame {
  return { index, pyramid: buildGrayPyramid(sceneFrame(W, H, faces), 4) };
}

/** What a perfect detector would report for a scene face. */
function detection(face: SceneFace): DetectedFace {
  return { box: { x: face.x, y: face.y, width: face.size, height: face.size }, score: 0.9 };
}

// Two faces moving in opposite directions, 6 px right / 3 px up and 5 px left per frame.
const faceA = (t: number): SceneFace => ({ x: 40 + 6 * t, y: 80 - 3 * t, size: 64, seed: 21 });
const faceB = (t: number): SceneFace => ({ x: 220 - 5 * t, y: 90, size: 56, seed: 42 });
const scene = (t: number) => frame(t, [faceA(t), faceB(t)]);

describe('FaceTracker', () => {
  it('follows moving faces between detections to within a pixel', () => {
    const tracker = new FaceTracker();
    const update = tracker.applyDetections(
      [detection(faceA(0)), detection(faceB(0))],
      scene(0),
      [],
      scene(0),
    );
    expect(update).toMatchObject({ matched: 0, unmatched: 2, lost: 0 });
    const ids = tracker.faces().map((f) => f.id);
    for (let t = 1; t <= 5; t++) {
      expect(tracker.advance(scene(t))).toBe(0);
      const [a, b] = tracker.faces();
      expect(Math.abs(a.box.x - faceA(t).x)).toBeLessThanOrEqual(1);
      expect(Math.abs(a.box.y - faceA(t).y)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.box.x - faceB(t).x)).toBeLessThanOrEqual(1);
      expect(a.match).toBeGreaterThan(0.9);
      expect(a.anchorFrame).toBe(0);
    }
    expect(tracker.faces().map((f) => f.id)).toEqual(ids);
  });

  it('moves landmarks with the box', () => {
    const tracker = new FaceTracker();
    const withEye = { ...detection(faceA(0)), landmarks: [{ x: 60, y: 100 }] };
    tracker.applyDetections([withEye], scene(0), [], scene(0));
    tracker.advance(scene(2));
    const [face] = tracker.faces();
    expect(face.landmarks![0].x - 60).toBeCloseTo(face.box.x - faceA(0).x, 6);
    expect(face.landmarks![0].y - 100).toBeCloseTo(face.box.y - faceA(0).y, 6);
  });

  it('loses a face that disappears', () => {
    const tracker = new FaceTracker();
    tracker.applyDetections([detection(faceA(0)), detection(faceB(0))], scene(0), [], scene(0));
    expect(tracker.advance(frame(1, [faceA(1)]))).toBe(1);
    expect(tracker.size).toBe(1);
    // Another texture where face A was: not the same face.
    expect(tracker.advance(frame(2, [{ ...faceA(2), seed: 99 }]))).toBe(1);
    expect(tracker.size).toBe(0);
  });

  it('carries a late detection over to the current frame, keeps ids and measures tracked vs held boxes', () => {
    const tracker = new FaceTracker();
    tracker.applyDetections([detection(faceA(0)), detection(faceB(0))], scene(0), [], scene(0));
    const ids = tracker.faces().map((f) => f.id);
    tracker.advance(scene(1));
    tracker.advance(scene(2));
    const seen = scene(2);
    const before = tracker.faces();
    tracker.advance(scene(3));
    tracker.advance(scene(4));
    // The detector finishes frame 2 while frame 4 is current.
    const update = tracker.applyDetections(
      [detection(faceB(2)), detection(faceA(2))],
      seen,
      before,
      scene(4),
    );
    expect(update).toMatchObject({ matched: 2, unmatched: 0, lost: 0 });
    const faces = tracker.faces();
    expect(faces.map((f) => f.id)).toEqual([ids[1], ids[0]]);
    expect(faces.map((f) => f.anchorFrame)).toEqual([2, 2]);
    expect(Math.abs(faces[0].box.x - faceB(4).x)).toBeLessThanOrEqual(1);
    expect(Math.abs(faces[1].box.x - faceA(4).x)).toBeLessThanOrEqual(1);
    expect(Math.min(...update.trackedIou)).toBeGreaterThan(0.9);
    // Held still since frame 0 the boxes would be 12 px (A) and 10 px (B) off.
    expect(Math.max(...update.heldIou)).toBeLessThan(0.75);
  });

  it('finds a new face of a late detection near where it was seen, and ends tracks the detector no longer reports', () => {
    const tracker = new FaceTracker();
    tracker.applyDetections([detection(faceB(0))], scene(0), [], scene(0));
    const seen = scene(1);
    const before = (tracker.advance(seen), tracker.faces());
    tracker.advance(scene(2));
    const update = tracker.applyDetections([detection(faceA(1))], seen, before, scene(2));
    expect(update).toMatchObject({ matched: 0, unmatched: 1, lost: 0 });
    const [face] = tracker.faces();
    expect(Math.abs(face.box.x - faceA(2).x)).toBeLessThanOrEqual(1);
    expect(Math.abs(face.box.y - faceA(2).y)).toBeLessThanOrEqual(1);
    expect(face.id).not.toBe(before[0].id);
  });

  it('rejects bad settings', () => {
    expect(() => new FaceTracker({ minScore: 1.5 })).toThrow(/minScore/);
    expect(() => new FaceTracker({ templateInset: 0.5 })).toThrow(/templateInset/);
  });
});
