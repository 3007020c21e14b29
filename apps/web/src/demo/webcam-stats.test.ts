import { describe, expect, it } from 'vitest';
import type { VideoFrameResult } from './fer-video-pipeline';
import { WebcamStatsCollector } from './webcam-stats';

function frame(
  index: number,
  source: VideoFrameResult['source'],
  extra: Partial<VideoFrameResult> = {},
): VideoFrameResult {
  return {
    index,
    faces:
      source === 'none'
        ? []
        : [
            {
              box: { x: 0, y: 0, width: 10, height: 10 },
              score: 1,
              probabilities: new Float32Array(7),
              top: 0,
            },
          ],
    source,
    detectionLag: source === 'detection' ? 2 : null,
    framesSinceDetection: 0,
    mode: 'worker',
    interval: null,
    times: { gray: 1, track: 2, detect: null, crop: 3, classify: 8 },
    detectMs: source === 'detection' ? 60 : null,
    update: null,
    lost: 0,
    matchScore: source === 'tracking' ? 0.9 : null,
    ...extra,
  };
}

describe('WebcamStatsCollector', () => {
  it('counts detected, tracked and empty frames and the frames between detections', () => {
    const stats = new WebcamStatsCollector();
    const sources = [
      'none',
      'detection',
      'tracking',
      'tracking',
      'detection',
      'tracking',
      'detection',
    ] as const;
    sources.forEach((source, i) =>
      stats.add(
        frame(
          i,
          source,
          source === 'detection' && i > 1
            ? { update: { matched: 1, unmatched: 0, lost: 0, trackedIou: [0.9], heldIou: [0.6] } }
            : {},
        ),
        4,
        20,
        i * 40,
      ),
    );
    const s = stats.snapshot(30);
    expect(s).toMatchObject({
      frames: 7,
      detectionFrames: 3,
      trackedFrames: 3,
      emptyFrames: 1,
      detectionEvery: 2.5,
      detectionLag: 2,
      detect: 60,
      trackedIou: 0.9,
      heldIou: 0.6,
      matchScore: 0.9,
      cameraFps: 30,
      frameMs: 20,
      classifyPerFace: 8,
      mode: 'worker',
    });
    expect(s.fps).toBeCloseTo(25, 6);
  });
});
