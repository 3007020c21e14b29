// The webcam FER pipeline, one camera frame at a time, in one of three detection modes:
//   - 'worker' (default): the face detector runs in a worker on another core on whichever frame it
//     was last handed; every frame here moves the faces by template matching (face-tracker.ts), applies
//     a detection when one has come back (carried over from the frame it was made on), hands the worker
//     the newest frame when it is idle, then crops and classifies the faces. When this thread falls
//     behind the camera (frames go by unanalysed, e.g. on two busy cores where the worker competes
//     with it), the worker is handed frames less often, down to one per 8 frames, and more often again
//     once this thread keeps up; a face lost by tracking gets the next frame handed over at once;
//   - 'interval': no worker; the detector runs here on every n-th frame (n from detection-interval.ts)
//     and at once when tracking loses a face; tracking in between;
//   - 'every': the detector on every frame, no tracking (what the demo did before tracking; kept as the
//     benchmark's baseline).
// Every frame's faces are classified, whichever way their boxes were found.
import type { DetectedFace, FaceDetector } from '@visioncad/fer/face/face-pipeline';
import { toGrayscale, type RasterImage } from '@visioncad/vision-core/image';
import { detectionInterval } from './detection-interval';
import type { DetectionMode } from './detection-mode';
import type { FerClassifier } from './fer-classifier';
import { classifyFaces, largestFaces, type FaceEmotion } from './fer-pipeline';
import { FaceTracker, type DetectionUpdate, type FaceTrack, type TrackerFrame } from './face-tracker';
import { buildGrayPyramid } from './gray-pyramid';
import { RollingMedian } from './stage-stats';

/** Pyramid levels the tracker searches (640x480 down to 80x60). */
const PYRAMID_LEVELS = 4;
/** Frames per detection in 'interval' mode before the first timings are known. */
const FIRST_INTERVAL = 4;
/** 'worker' mode: the most frames between two frames handed to the worker. */
const MAX_WORKER_PACE = 8;
/** Share of recent frames that came after skipped camera frames above which the worker is slowed. */
const BEHIND_SLOW_DOWN = 0.3;
const BEHIND_SPEED_UP = 0.1;

/** Where a frame's face boxes came from. */
export type BoxSource = 'detection' | 'tracking' | 'none';

/** One analysed camera frame. */
export interface VideoFrameResult {
  index: number;
  faces: FaceEmotion[];
  /** 'detection': a detector result was applied on this frame; 'tracking': boxes moved by tracking only. */
  source: BoxSource;
  /** For 'detection': frames between the frame the detector saw and this one (0 = this very frame). */
  detectionLag: number | null;
  /** Frames since a detection was last applied (0 on detection frames); null before the first. */
  framesSinceDetection: number | null;
  /** The mode this frame ran in (a failed worker falls back to 'interval'). */
  mode: DetectionMode;
  /** 'interval' mode: the current frames per detection. 'worker' mode: the fewest frames between two frames handed to the worker. */
  interval: number | null;
  /** Main-thread milliseconds: gray conversion, tracking, detection (when it ran here), crop, classify. */
  times: { gray: number; track: number | null; detect: number | null; crop: number; classify: number };
  /** Detector milliseconds of the detection applied on this frame (in the worker in 'worker' mode). */
  detectMs: number | null;
  /** What the applied detection showed about tracking (null when none was applied). */
  update: DetectionUpdate | null;
  /** Faces tracking lost on this frame. */
  lost: number;
  /** Mean NCC score of the tracked faces (null when none was tracked on this frame). */
  matchScore: number | null;
}

/** A detector running elsewhere (the worker): one frame in flight, its result picked up on a later frame. */
export interface BackgroundFaceDetector {
  readonly idle: boolean;
  /** Why it can no longer be used, or null. */
  readonly failure: string | null;
  /** Hands over an RGBA frame (its buffer may be transferred). */
  submit(frame: RasterImage, index: number, landmarks: boolean): void;
  /** The latest finished detection, once. */
  take(): { index: number; faces: DetectedFace[]; ms: number } | null;
}

/** What the pipeline works with. */
export interface VideoFerPipelineOptions {
  classifier: FerClassifier;
  mode: DetectionMode;
  /** A started detection worker ('worker' mode); null falls back to 'interval'. */
  worker: BackgroundFaceDetector | null;
  /** The detector to run on this thread ('interval' and 'every'). */
  detector: () => FaceDetector;
  /** Whether detections should carry 68 landmarks (eye levelling). */
  landmarks: () => boolean;
  /** The camera's frame interval, the time a frame may take in 'interval' mode. */
  frameBudgetMs: () => number;
  maxFaces?: number;
}

/** Runs the webcam pipeline frame by frame; see the file comment. */
export class VideoFerPipeline {
  private readonly tracker = new FaceTracker();
  private index = 0;
  private lastDetection: number | null = null;
  private sent: { frame: TrackerFrame; before: FaceTrack[] } | null = null;
  private readonly detectTimes = new RollingMedian();
  private readonly trackedFrameTimes = new RollingMedian();
  private currentMode: DetectionMode;
  private fallback: string | null = null;
  /** 'worker' mode pacing: fewest frames between hand-overs, and the recent share of late frames. */
  private workerPace = 1;
  private behind = 0;
  private lastHandOver = -Infinity;

  constructor(private readonly options: VideoFerPipelineOptions) {
    this.currentMode = options.mode;
    if (options.mode === 'worker' && !options.worker) this.fallBack('no detection worker');
  }

  /** The mode frames run in now. */
  get mode(): DetectionMode {
    return this.currentMode;
  }

  /** Why 'worker' mode fell back to 'interval', or null. */
  get fallbackReason(): string | null {
    return this.fallback;
  }

  /**
   * Analyses the next camera frame (RGBA). `otherMs` is main-thread time spent on the frame outside
   * the pipeline (reading and drawing it), counted when choosing the detection interval;
   * `skippedFrames` is how many camera frames went by unanalysed since the previous one, which paces
   * the worker. In 'worker' mode the frame's pixel buffer may be transferred to the worker: do not
   * read it afterwards.
   */
  async process(rgba: RasterImage, otherMs = 0, skippedFrames = 0): Promise<VideoFrameResult> {
    const index = this.index++;
    const maxFaces = this.options.maxFaces ?? 8;
    const t0 = performance.now();
    const gray = toGrayscale(rgba);
    const grayMs = performance.now() - t0;
    if (this.currentMode === 'every') {
      const t1 = performance.now();
      const detected = largestFaces(await this.options.detector().detect(rgba), maxFaces);
      const detectMs = performance.now() - t1;
      const classified = classifyFaces(gray, detected, this.options.classifier);
      this.lastDetection = index;
      return {
        ...this.common(index, classified),
        source: 'detection',
        detectionLag: 0,
        framesSinceDetection: 0,
        interval: 1,
        times: {
          gray: grayMs,
          track: null,
          detect: detectMs,
          crop: classified.crop,
          classify: classified.classify,
        },
        detectMs,
        update: null,
        lost: 0,
        matchScore: null,
      };
    }
    const worker = this.options.worker;
    if (this.currentMode === 'worker' && worker?.failure) this.fallBack(worker.failure);

    const t1 = performance.now();
    const frame: TrackerFrame = { index, pyramid: buildGrayPyramid(gray, PYRAMID_LEVELS) };
    const lost = this.tracker.advance(frame);
    const tracked = this.tracker.faces().filter((f) => f.anchorFrame < index);
    const matchScore = tracked.length ? tracked.reduce((sum, f) => sum + f.match, 0) / tracked.length : null;
    const trackMs = performance.now() - t1;

    let update: DetectionUpdate | null = null;
    let detectMs: number | null = null;
    let mainDetectMs: number | null = null;
    let lag: number | null = null;
    let interval: number | null = null;
    if (this.currentMode === 'worker' && worker) {
      this.behind = 0.9 * this.behind + 0.1 * (skippedFrames > 0 ? 1 : 0);
      const done = worker.take();
      if (done && this.sent?.frame.index === done.index) {
        update = this.tracker.applyDetections(done.faces, this.sent.frame, this.sent.before, frame);
        detectMs = done.ms;
        lag = index - done.index;
        this.pace(lag);
      }
      // A lost face is looked for again at once, whatever the pace.
      if (worker.idle && (lost > 0 || index - this.lastHandOver >= this.workerPace)) {
        this.sent = { frame, before: this.tracker.faces() };
        this.lastHandOver = index;
        worker.submit(rgba, index, this.options.landmarks());
      }
      interval = this.workerPace;
    } else {
      interval = this.interval();
      const since = this.lastDetection === null ? Infinity : index - this.lastDetection;
      if (lost > 0 || since >= interval) {
        const before = this.tracker.faces();
        const t2 = performance.now();
        const detected = await this.options.detector().detect(rgba);
        mainDetectMs = detectMs = performance.now() - t2;
        this.detectTimes.push(mainDetectMs);
        update = this.tracker.applyDetections(detected, frame, before, frame);
        lag = 0;
      }
    }
    if (update) this.lastDetection = index;

    const faces = largestFaces(this.tracker.faces(), maxFaces);
    const classified = classifyFaces(gray, faces, this.options.classifier);
    if (this.currentMode === 'interval' && mainDetectMs === null) {
      this.trackedFrameTimes.push(otherMs + grayMs + trackMs + classified.crop + classified.classify);
    }
    return {
      ...this.common(index, classified),
      source: update ? 'detection' : faces.length > 0 ? 'tracking' : 'none',
      detectionLag: lag,
      framesSinceDetection: this.lastDetection === null ? null : index - this.lastDetection,
      interval,
      times: {
        gray: grayMs,
        track: trackMs,
        detect: mainDetectMs,
        crop: classified.crop,
        classify: classified.classify,
      },
      detectMs,
      update,
      lost: lost + (update?.lost ?? 0),
      matchScore,
    };
  }

  private common(index: number, classified: { faces: FaceEmotion[] }) {
    return { index, faces: classified.faces, mode: this.currentMode };
  }

  private interval(): number {
    const detect = this.detectTimes.median;
    const tracked = this.trackedFrameTimes.median;
    if (detect === null || tracked === null) return FIRST_INTERVAL;
    return detectionInterval(detect, tracked, this.options.frameBudgetMs());
  }

  /** After each detection: hand over less often while frames are being skipped, more often once not. */
  private pace(lag: number): void {
    if (this.behind > BEHIND_SLOW_DOWN) {
      this.workerPace = Math.min(MAX_WORKER_PACE, Math.max(this.workerPace, lag) + 1);
    } else if (this.behind < BEHIND_SPEED_UP) {
      this.workerPace = Math.max(1, this.workerPace - 1);
    }
  }

  private fallBack(reason: string): void {
    this.currentMode = 'interval';
    this.fallback = reason;
    this.sent = null;
  }
}
