// Follows detected faces from frame to frame between two runs of the face detector. Each track keeps
// a template of the inner face as the detector last saw it (its anchor frame) and finds it again in
// every later frame by normalised cross-correlation, coarse to fine over a gray pyramid, starting
// from where its motion so far predicts. Matching always against the anchor template (not the last
// frame's patch) keeps errors from accumulating; a match below `minScore` loses the track, which the
// caller answers with a new detection. New detections replace the tracks: the detector is the
// authority on where faces are, tracking only fills the frames in between.
import type { DetectedFace } from '@visioncad/fer/face/face-pipeline';
import { boxIou, greedyMatch, type Box } from './box-matching';
import type { GrayPyramid } from './gray-pyramid';
import { extractTemplate, matchTemplate, type PatchTemplate } from './template-match';

/** Tracker settings. */
export interface FaceTrackerOptions {
  /** NCC score below which a face counts as lost (1 = identical patch). */
  minScore?: number;
  /** Fraction of the box width/height left out on each side of the template (hair, background). */
  templateInset?: number;
  /** The coarse search runs on the first pyramid level where the template is at most this wide. */
  coarseTemplateSide?: number;
  /** How far a face may move from its predicted position per frame, as a fraction of its box side. */
  searchFraction?: number;
}

/** A face as the tracker holds it on the current frame. */
export interface FaceTrack {
  /** Stable across frames and detections while the face stays matched. */
  id: number;
  box: Box;
  landmarks?: { x: number; y: number }[];
  /** The detector's confidence at the anchor frame. */
  score: number;
  /** NCC of the latest match; 1 on the frame the detector saw. */
  match: number;
  /** Index of the frame the detector found this face on, and the box it gave there. */
  anchorFrame: number;
  anchorBox: Box;
}

/** A frame the tracker can search: its pyramid and its index in the stream. */
export interface TrackerFrame {
  pyramid: GrayPyramid;
  index: number;
}

/** What replacing the tracks by a detection showed about the tracking. */
export interface DetectionUpdate {
  /** Detections that continue an existing track (same id kept). */
  matched: number;
  /** Detections with no track on the frame the detector saw (a new face, or one tracking had lost). */
  unmatched: number;
  /** Faces lost while carrying the detection over to the current frame. */
  lost: number;
  /**
   * Per matched face whose box on the detector's frame came from tracking: IoU of that box with the
   * detection, and IoU of the box it would have had without tracking (the previous detection, held still).
   */
  trackedIou: number[];
  heldIou: number[];
}

interface Track extends FaceTrack {
  /** Template per pyramid level (null where too small, flat or clipped) and its top-left there. */
  templates: ({ patch: PatchTemplate; x: number; y: number } | null)[];
  /** Shift of the box from the anchor box, full-frame pixels. */
  shift: { x: number; y: number };
  /** Shift per frame over the last step. */
  velocity: { x: number; y: number };
  /** Frame index the shift belongs to. */
  frame: number;
}

const MAX_CATCH_UP_FRAMES = 3;

/** Follows faces between detections; see the file comment. */
export class FaceTracker {
  private tracks: Track[] = [];
  private nextId = 1;
  private readonly minScore: number;
  private readonly inset: number;
  private readonly coarseSide: number;
  private readonly searchFraction: number;

  constructor(options: FaceTrackerOptions = {}) {
    this.minScore = options.minScore ?? 0.75;
    this.inset = options.templateInset ?? 0.15;
    this.coarseSide = options.coarseTemplateSide ?? 24;
    this.searchFraction = options.searchFraction ?? 0.5;
    if (!(this.minScore > -1 && this.minScore < 1))
      throw new RangeError(`minScore must be in (-1, 1), got ${this.minScore}`);
    if (!(this.inset >= 0 && this.inset < 0.5))
      throw new RangeError(`templateInset must be in [0, 0.5), got ${this.inset}`);
  }

  /** Number of faces being tracked. */
  get size(): number {
    return this.tracks.length;
  }

  /** The tracked faces on the latest frame, as copies. */
  faces(): FaceTrack[] {
    return this.tracks.map((t) => ({
      id: t.id,
      box: { ...t.box },
      landmarks: t.landmarks?.map((p) => ({ ...p })),
      score: t.score,
      match: t.match,
      anchorFrame: t.anchorFrame,
      anchorBox: { ...t.anchorBox },
    }));
  }

  /** Forgets every face. */
  clear(): void {
    this.tracks = [];
  }

  /**
   * Moves every face to `frame` by template matching; faces whose match fails are dropped.
   * Returns how many were lost.
   */
  advance(frame: TrackerFrame): number {
    const before = this.tracks.length;
    this.tracks = this.tracks.filter((track) => {
      const steps = frame.index - track.frame;
      if (steps <= 0) return true;
      const guess = {
        x: track.shift.x + track.velocity.x * steps,
        y: track.shift.y + track.velocity.y * steps,
      };
      const found = this.locate(track, frame.pyramid, guess, this.radius(track.anchorBox, steps));
      if (!found || found.score < this.minScore) return false;
      track.velocity = { x: (found.x - track.shift.x) / steps, y: (found.y - track.shift.y) / steps };
      this.place(track, found, frame.index);
      return true;
    });
    return before - this.tracks.length;
  }

  /**
   * Replaces the tracks by `detections` that the detector made on frame `seen` (the tracks as they were
   * on that frame are `before`, from {@link faces}), carried over to `current` by template matching.
   * A detection continues the track it overlaps most on the detector's frame (by the tracked box or
   * the held one); tracks no detection continues end.
   */
  applyDetections(
    detections: readonly DetectedFace[],
    seen: TrackerFrame,
    before: readonly FaceTrack[],
    current: TrackerFrame,
  ): DetectionUpdate {
    const pairs = greedyMatch(
      before.length,
      detections.length,
      (i, j) =>
        Math.max(boxIou(before[i].box, detections[j].box), boxIou(before[i].anchorBox, detections[j].box)),
      0.3,
    );
    const update: DetectionUpdate = {
      matched: pairs.length,
      unmatched: detections.length - pairs.length,
      lost: 0,
      trackedIou: [],
      heldIou: [],
    };
    const previousOf = new Map<number, FaceTrack>();
    for (const [i, j] of pairs) {
      previousOf.set(j, before[i]);
      if (before[i].anchorFrame < seen.index) {
        update.trackedIou.push(boxIou(before[i].box, detections[j].box));
        update.heldIou.push(boxIou(before[i].anchorBox, detections[j].box));
      }
    }
    const live = new Map(this.tracks.map((t) => [t.id, t]));
    const steps = current.index - seen.index;
    const next: Track[] = [];
    detections.forEach((detection, j) => {
      const previous = previousOf.get(j);
      const track = this.anchor(detection, seen, previous?.id ?? this.nextId++);
      const following = previous ? live.get(previous.id) : undefined;
      if (following) track.velocity = { ...following.velocity };
      if (steps > 0) {
        // Where tracking says the face went since the detector's frame, or its velocity times the gap.
        const guess = following
          ? { x: following.box.x - previous!.box.x, y: following.box.y - previous!.box.y }
          : { x: track.velocity.x * steps, y: track.velocity.y * steps };
        const radius = this.radius(track.anchorBox, following ? 1 : Math.min(steps, MAX_CATCH_UP_FRAMES));
        const found = this.locate(track, current.pyramid, guess, radius);
        if (!found || found.score < this.minScore) {
          update.lost += 1;
          return;
        }
        this.place(track, found, current.index);
      }
      next.push(track);
    });
    this.tracks = next;
    return update;
  }

  private radius(box: Box, steps: number): number {
    return Math.max(4, this.searchFraction * Math.max(box.width, box.height) * Math.max(1, steps));
  }

  private anchor(detection: DetectedFace, frame: TrackerFrame, id: number): Track {
    const box = { ...detection.box };
    const templates = frame.pyramid.levels.map((level, k) => {
      const scale = 2 ** k;
      const x0 = Math.max(0, Math.ceil((box.x + this.inset * box.width) / scale));
      const y0 = Math.max(0, Math.ceil((box.y + this.inset * box.height) / scale));
      const x1 = Math.min(level.width, Math.floor((box.x + (1 - this.inset) * box.width) / scale));
      const y1 = Math.min(level.height, Math.floor((box.y + (1 - this.inset) * box.height) / scale));
      if (x1 - x0 < 4 || y1 - y0 < 4) return null;
      const patch = extractTemplate(level, x0, y0, x1 - x0, y1 - y0);
      return patch ? { patch, x: x0, y: y0 } : null;
    });
    return {
      id,
      box,
      landmarks: detection.landmarks?.map((p) => ({ x: p.x, y: p.y })),
      score: detection.score,
      match: 1,
      anchorFrame: frame.index,
      anchorBox: { ...box },
      templates,
      shift: { x: 0, y: 0 },
      velocity: { x: 0, y: 0 },
      frame: frame.index,
    };
  }

  /**
   * Finds the track's anchor template in `pyramid` near the predicted shift: a full search within
   * `radius` on the coarse level, then +-1 pixel on each finer level. Returns the shift (full-frame
   * pixels) and the NCC on the finest level searched, or null when no template fits.
   */
  private locate(
    track: Track,
    pyramid: GrayPyramid,
    guess: { x: number; y: number },
    radius: number,
  ): { x: number; y: number; score: number } | null {
    const usable = track.templates
      .map((template, level) => ({ template, level }))
      .filter(({ template, level }) => template !== null && level < pyramid.levels.length);
    if (usable.length === 0) return null;
    const coarse =
      usable.find(({ template }) => template!.patch.width <= this.coarseSide) ?? usable[usable.length - 1];
    let shift = guess;
    let score = -1;
    for (const { template, level } of usable.filter(({ level }) => level <= coarse.level).reverse()) {
      const scale = 2 ** level;
      const t = template!;
      const r = level === coarse.level ? Math.ceil(radius / scale) : 1;
      const found = matchTemplate(
        pyramid.levels[level],
        t.patch,
        t.x + shift.x / scale,
        t.y + shift.y / scale,
        r,
      );
      if (!found) return null;
      shift = { x: (found.x - t.x) * scale, y: (found.y - t.y) * scale };
      score = found.score;
    }
    return { ...shift, score };
  }

  private place(track: Track, found: { x: number; y: number; score: number }, frame: number): void {
    const dx = found.x - track.shift.x;
    const dy = found.y - track.shift.y;
    track.shift = { x: found.x, y: found.y };
    track.box = { ...track.anchorBox, x: track.anchorBox.x + found.x, y: track.anchorBox.y + found.y };
    track.landmarks = track.landmarks?.map((p) => ({ x: p.x + dx, y: p.y + dy }));
    track.match = found.score;
    track.frame = frame;
  }
}
