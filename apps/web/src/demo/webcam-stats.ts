// The figures the webcam demo shows and the benchmark reads: analysed frames per second, the
// camera's own rate, medians of each main-thread stage, and what detection and tracking did.
import type { DetectionMode } from './detection-mode';
import type { VideoFrameResult } from './fer-video-pipeline';
import { FrameRate, RollingMedian } from './stage-stats';

/** A snapshot of the webcam figures (medians over the recent frames; counts since the camera started). */
export interface WebcamStats {
  /** Frames analysed and drawn per second. */
  fps: number | null;
  /** Frames per second the camera delivered (null where the browser cannot tell). */
  cameraFps: number | null;
  /** Main-thread milliseconds per frame, from reading it to drawing the overlay. */
  frameMs: number | null;
  read: number | null;
  gray: number | null;
  track: number | null;
  /** Detector milliseconds per detection (in the worker in 'worker' mode). */
  detect: number | null;
  crop: number | null;
  classify: number | null;
  classifyPerFace: number | null;
  frames: number;
  /** Frames on which a detection was applied, frames whose boxes came from tracking only, frames without faces. */
  detectionFrames: number;
  trackedFrames: number;
  emptyFrames: number;
  /** Median frames from one detection frame to the next. */
  detectionEvery: number | null;
  /** Median frames between the frame the detector saw and the frame its result was applied on. */
  detectionLag: number | null;
  /** Median IoU of tracked boxes with the next detection on the same frame, and of boxes held still. */
  trackedIou: number | null;
  heldIou: number | null;
  /** Median NCC score of tracked faces. */
  matchScore: number | null;
  /** Faces lost by tracking since the start. */
  lost: number;
  mode: DetectionMode | null;
  /** 'interval' mode: frames per detection now; 'worker' mode: fewest frames between frames handed to the worker. */
  interval: number | null;
}

/** Accumulates per-frame results into {@link WebcamStats}. */
export class WebcamStatsCollector {
  private readonly rate = new FrameRate();
  private readonly medians = {
    frameMs: new RollingMedian(),
    read: new RollingMedian(),
    gray: new RollingMedian(),
    track: new RollingMedian(),
    detect: new RollingMedian(),
    crop: new RollingMedian(),
    classify: new RollingMedian(),
    perFace: new RollingMedian(),
    gap: new RollingMedian(),
    lag: new RollingMedian(),
    trackedIou: new RollingMedian(100),
    heldIou: new RollingMedian(100),
    match: new RollingMedian(),
  };
  private counts = { frames: 0, detection: 0, tracking: 0, none: 0, lost: 0 };
  private lastDetection: number | null = null;
  private last: VideoFrameResult | null = null;

  /** Adds a frame: its pipeline result, the time to read it, and its whole main-thread time. */
  add(result: VideoFrameResult, readMs: number, frameMs: number, now: number): void {
    const m = this.medians;
    this.rate.tick(now);
    this.counts.frames += 1;
    this.counts[result.source] += 1;
    this.counts.lost += result.lost;
    m.frameMs.push(frameMs);
    m.read.push(readMs);
    m.gray.push(result.times.gray);
    if (result.times.track !== null) m.track.push(result.times.track);
    if (result.detectMs !== null) m.detect.push(result.detectMs);
    m.crop.push(result.times.crop);
    m.classify.push(result.times.classify);
    if (result.faces.length > 0) m.perFace.push(result.times.classify / result.faces.length);
    if (result.source === 'detection') {
      if (this.lastDetection !== null) m.gap.push(result.index - this.lastDetection);
      this.lastDetection = result.index;
      if (result.detectionLag !== null) m.lag.push(result.detectionLag);
    }
    result.update?.trackedIou.forEach((v) => m.trackedIou.push(v));
    result.update?.heldIou.forEach((v) => m.heldIou.push(v));
    if (result.matchScore !== null) m.match.push(result.matchScore);
    this.last = result;
  }

  /** The current figures; `cameraFps` comes from the video frame clock. */
  snapshot(cameraFps: number | null): WebcamStats {
    const m = this.medians;
    return {
      fps: this.rate.fps,
      cameraFps,
      frameMs: m.frameMs.median,
      read: m.read.median,
      gray: m.gray.median,
      track: m.track.median,
      detect: m.detect.median,
      crop: m.crop.median,
      classify: m.classify.median,
      classifyPerFace: m.perFace.median,
      frames: this.counts.frames,
      detectionFrames: this.counts.detection,
      trackedFrames: this.counts.tracking,
      emptyFrames: this.counts.none,
      detectionEvery: m.gap.median,
      detectionLag: m.lag.median,
      trackedIou: m.trackedIou.median,
      heldIou: m.heldIou.median,
      matchScore: m.match.median,
      lost: this.counts.lost,
      mode: this.last?.mode ?? null,
      interval: this.last?.interval ?? null,
    };
  }
}
