import type { DetectedFace, FaceDetector } from '@visioncad/fer/face/face-pipeline';
import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import type { FerClassifier } from './fer-classifier';
import type { DetectionMode } from './detection-mode';
import { VideoFerPipeline, type BackgroundFaceDetector } from './fer-video-pipeline';
import { sceneFrame, type SceneFace } from './tracking-test-scene.test-support';

const W = 320;
const H = 240;
// One face moving 4 px right per frame; at `gone` and after it leaves the picture.
const face = (t: number): SceneFace => ({ x: 60 + 4 * t, y: 70, size: 72, seed: 8 });

function rgbaFrame(faces: SceneFace[]): RasterImage {
  const gray = sceneFrame(W, H, faces);
  const rgba = new Uint8Array(W * H * 4);
  gray.data.forEach((v, p) => rgba.set([v, v, v, 255], p * 4));
  return createRasterImage(W, H, 4, rgba);
}

const boxOf = (f: SceneFace): DetectedFace => ({
  box: { x: f.x, y: f.y, width: f.size, height: f.size },
  score: 0.9,
});

/** A detector that knows the scene: the face's true box on the frame it is shown, counting calls. */
function sceneDetector(scene: { t: number; visible: boolean }) {
  const detector = {
    calls: 0,
    async detect(): Promise<DetectedFace[]> {
      detector.calls += 1;
      return scene.visible ? [boxOf(face(scene.t))] : [];
    },
  };
  return detector;
}

const classifier: FerClassifier & { crops: number } = {
  labels: ['a', 'b'],
  size: 48,
  crops: 0,
  classify(crops) {
    classifier.crops += crops.length;
    return crops.map(() => Float32Array.from([0.25, 0.75]));
  },
};

function pipeline(
  mode: DetectionMode,
  detector: FaceDetector,
  worker: BackgroundFaceDetector | null = null,
  frameBudgetMs = 40,
) {
  return new VideoFerPipeline({
    classifier,
    mode,
    worker,
    detector: () => detector,
    landmarks: () => false,
    frameBudgetMs: () => frameBudgetMs,
  });
}

describe('VideoFerPipeline', () => {
  it("'interval' detects every n-th frame, tracks and classifies the face on the others", async () => {
    const scene = { t: 0, visible: true };
    const detector = sceneDetector(scene);
    // A frame budget no frame can meet: the longest interval once timings are known.
    const run = pipeline('interval', detector, null, 1e-6);
    const sources: string[] = [];
    const intervals: (number | null)[] = [];
    for (scene.t = 0; scene.t < 12; scene.t++) {
      const result = await run.process(rgbaFrame([face(scene.t)]));
      sources.push(result.source);
      intervals.push(result.interval);
      expect(result.faces).toHaveLength(1);
      expect(result.faces[0].top).toBe(1);
      expect(Math.abs(result.faces[0].box.x - face(scene.t).x)).toBeLessThanOrEqual(1);
      if (result.source === 'tracking') expect(result.times.detect).toBeNull();
    }
    // 4 frames per detection until a tracked frame has been timed, then 10 (the most).
    expect(intervals).toEqual([4, 4, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(sources.map((s) => s[0]).join('')).toBe('dtttttttttdt');
    expect(detector.calls).toBe(2);
    expect(classifier.crops).toBeGreaterThanOrEqual(12);
  });

  it("'interval' detects on every frame when the budget allows it", async () => {
    const scene = { t: 0, visible: true };
    const detector = sceneDetector(scene);
    const run = pipeline('interval', detector, null, 1e6);
    const sources: string[] = [];
    for (scene.t = 0; scene.t < 6; scene.t++)
      sources.push((await run.process(rgbaFrame([face(scene.t)]))).source);
    expect(sources).toEqual(['detection', 'tracking', 'detection', 'detection', 'detection', 'detection']);
  });

  it("'interval' detects at once when tracking loses a face", async () => {
    const scene = { t: 0, visible: true };
    const detector = sceneDetector(scene);
    const run = pipeline('interval', detector);
    await run.process(rgbaFrame([face(0)]));
    scene.t = 1;
    expect((await run.process(rgbaFrame([face(1)]))).source).toBe('tracking');
    scene.visible = false;
    const result = await run.process(rgbaFrame([]));
    expect(result).toMatchObject({ lost: 1, source: 'detection', faces: [] });
    expect(detector.calls).toBe(2);
  });

  it("'every' detects on every frame and never tracks", async () => {
    const scene = { t: 0, visible: true };
    const detector = sceneDetector(scene);
    const run = pipeline('every', detector);
    for (scene.t = 0; scene.t < 3; scene.t++) {
      const result = await run.process(rgbaFrame([face(scene.t)]));
      expect(result).toMatchObject({ source: 'detection', detectionLag: 0, times: { track: null } });
    }
    expect(detector.calls).toBe(3);
  });

  it("'worker' hands frames to the background detector, applies its late results and tracks meanwhile", async () => {
    // A background detector that finishes a frame two frames after it was handed over.
    const queue: { index: number; faces: DetectedFace[]; due: number }[] = [];
    let now = 0;
    const background: BackgroundFaceDetector & { submitted: number[] } = {
      submitted: [],
      failure: null,
      get idle() {
        return queue.length === 0 || queue[0].due <= now;
      },
      submit(_frame, index) {
        background.submitted.push(index);
        queue.push({ index, faces: [boxOf(face(index))], due: index + 2 });
      },
      take() {
        if (queue.length === 0 || queue[0].due > now) return null;
        const { index, faces } = queue.shift()!;
        return { index, faces, ms: 55 };
      },
    };
    const mainDetector = sceneDetector({ t: 0, visible: true });
    const run = pipeline('worker', mainDetector, background);
    const results = [];
    for (now = 0; now < 7; now++) results.push(await run.process(rgbaFrame([face(now)])));
    expect(mainDetector.calls).toBe(0);
    expect(background.submitted).toEqual([0, 2, 4, 6]);
    expect(results.map((r) => r.source)).toEqual([
      'none',
      'none',
      'detection',
      'tracking',
      'detection',
      'tracking',
      'detection',
    ]);
    expect(results[2]).toMatchObject({ detectionLag: 2, detectMs: 55, framesSinceDetection: 0 });
    expect(results[3].framesSinceDetection).toBe(1);
    for (const r of results.slice(2))
      expect(Math.abs(r.faces[0].box.x - face(r.index).x)).toBeLessThanOrEqual(1);
    // From frame 4 on the detector's frame had a tracked box to compare with.
    expect(results[4].update!.trackedIou[0]).toBeGreaterThan(0.9);
    expect(results[4].update!.heldIou[0]).toBeLessThan(results[4].update!.trackedIou[0]);
  });

  it("'worker' hands frames over less often while camera frames are being skipped, and more often again after", async () => {
    // A background detector that answers on the next frame.
    let pending: { index: number; faces: DetectedFace[] } | null = null;
    const handedOver: number[] = [];
    const background: BackgroundFaceDetector = {
      failure: null,
      get idle() {
        return pending === null;
      },
      submit(_frame, index) {
        handedOver.push(index);
        pending = { index, faces: [boxOf(face(index))] };
      },
      take() {
        const done = pending;
        pending = null;
        return done && { ...done, ms: 10 };
      },
    };
    const run = pipeline('worker', sceneDetector({ t: 0, visible: true }), background);
    const paces: (number | null)[] = [];
    for (let t = 0; t < 90; t++) {
      // Behind the camera for the first 20 frames (one frame skipped before each), then keeping up.
      const result = await run.process(rgbaFrame([face(t)]), 0, t < 20 ? 1 : 0);
      paces.push(result.interval);
    }
    expect(handedOver.slice(0, 3)).toEqual([0, 1, 2]);
    expect(Math.max(...paces.slice(0, 20).map(Number))).toBeGreaterThanOrEqual(3);
    // Recovering takes a while: the share of late frames decays, then the pace drops by one per detection.
    expect(paces[89]).toBe(1);
    const gaps = handedOver.slice(1).map((index, k) => index - handedOver[k]);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(3);
  });

  it("'worker' hands over the frame on which tracking lost a face at once, whatever the pace", async () => {
    let pending: { index: number; faces: DetectedFace[] } | null = null;
    const handedOver: number[] = [];
    const background: BackgroundFaceDetector = {
      failure: null,
      get idle() {
        return pending === null;
      },
      submit(_frame, index) {
        handedOver.push(index);
        pending = { index, faces: index < 12 ? [boxOf(face(index))] : [] };
      },
      take() {
        const done = pending;
        pending = null;
        return done && { ...done, ms: 10 };
      },
    };
    const run = pipeline('worker', sceneDetector({ t: 0, visible: true }), background);
    let last = null;
    for (let t = 0; t < 12; t++) last = await run.process(rgbaFrame([face(t)]), 0, 1);
    expect(last!.interval).toBeGreaterThanOrEqual(3);
    const lostOn = await run.process(rgbaFrame([]), 0, 1);
    expect(lostOn.lost).toBeGreaterThanOrEqual(1);
    expect(handedOver.at(-1)).toBe(lostOn.index);
  });

  it("falls back to 'interval' when the worker fails", async () => {
    const scene = { t: 0, visible: true };
    const detector = sceneDetector(scene);
    const broken: BackgroundFaceDetector = {
      idle: false,
      failure: 'the face-detection worker failed: out of memory',
      submit: () => {
        throw new Error('not used');
      },
      take: () => null,
    };
    const run = pipeline('worker', detector, broken);
    const result = await run.process(rgbaFrame([face(0)]));
    expect(result).toMatchObject({ mode: 'interval', source: 'detection' });
    expect(run.fallbackReason).toMatch(/out of memory/);
  });
});
