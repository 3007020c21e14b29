'use client';
// The "speed on this device" panel of the FER demo: the webcam's running figures (frame rates, stage
// medians, how faces were found) or one photo's stage times. Every figure is also a data-* attribute
// of the list, which the e2e tests and scripts/bench-demo.mjs read.
import type { DetectionMode } from './detection-mode';
import type { DemoBackend } from './tf-backend';
import type { WebcamStats } from './webcam-stats';

/** The webcam's running figures, or one photo's stage times. */
export type FerStats =
  | { kind: 'camera'; webcam: WebcamStats }
  | {
      kind: 'photo';
      detect: number;
      crop: number;
      classify: number;
      classifyPerFace: number | null;
      /** The posed-expression model's reading of all faces (landmarks, features, SVM), when asked for. */
      posed?: number;
    };

/** How the webcam finds faces now, and why not the requested way (null when it is). */
export interface WebcamDetection {
  mode: DetectionMode;
  fallback: string | null;
}

const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} ms`);
const num = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits));
const attr = (value: number | string | null | undefined) => value ?? '';

function detectionText(mode: DetectionMode, webcam: WebcamStats): string {
  if (mode === 'worker') {
    const paced =
      webcam.interval !== null && webcam.interval > 1
        ? ` (handed a frame at most every ${webcam.interval} frames: this page was falling behind the camera)`
        : '';
    return `in a background worker${paced}: a new result every ${num(webcam.detectionEvery)} frames, applied ${num(webcam.detectionLag)} frames after the frame it saw; faces tracked in between`;
  }
  if (mode === 'interval') {
    return `on this thread every ${webcam.interval ?? '–'} frames (at once when tracking loses a face); faces tracked in between`;
  }
  return 'on every frame, on this thread (no tracking)';
}

/** The panel; see the file comment. */
export function FerStatsPanel({
  stats,
  detection,
  backend,
}: {
  stats: FerStats;
  detection: WebcamDetection | null;
  backend: DemoBackend | null;
}) {
  const rows: [string, string][] = [];
  let data: Record<string, string | number> = {};
  if (stats.kind === 'camera') {
    const w = stats.webcam;
    const mode = detection?.mode ?? w.mode ?? 'worker';
    rows.push(
      ['Frames per second (analysed)', num(w.fps)],
      ['Camera frames per second', w.cameraFps === null ? 'not reported by this browser' : num(w.cameraFps)],
      ['Main thread per frame', ms(w.frameMs)],
      ['Read frame', ms(w.read)],
      ['Grey conversion', ms(w.gray)],
      ['Track faces', mode === 'every' ? 'no tracking' : ms(w.track)],
      [mode === 'worker' ? 'Detect faces (worker)' : 'Detect faces', ms(w.detect)],
      ['Crop faces', ms(w.crop)],
      ['Classify (all faces)', ms(w.classify)],
      ['Classify per face', ms(w.classifyPerFace)],
      ['Face detection', detectionText(mode, w)],
      [
        'Frames',
        `${w.frames}: ${w.detectionFrames} with a new detection, ${w.trackedFrames} tracked, ${w.emptyFrames} without a face`,
      ],
    );
    if (mode !== 'every') {
      rows.push([
        'Tracked boxes vs the next detection',
        `IoU ${num(w.trackedIou, 2)} (held still instead: ${num(w.heldIou, 2)}); match score ${num(w.matchScore, 2)}; ${w.lost} faces lost`,
      ]);
    }
    data = {
      'data-fps': attr(w.fps),
      'data-camera-fps': attr(w.cameraFps),
      'data-frame-ms': attr(w.frameMs),
      'data-capture-ms': attr(w.read),
      'data-gray-ms': attr(w.gray),
      'data-track-ms': attr(w.track),
      'data-detect-ms': attr(w.detect),
      'data-crop-ms': attr(w.crop),
      'data-classify-ms': attr(w.classify),
      'data-classify-per-face-ms': attr(w.classifyPerFace),
      'data-frames': w.frames,
      'data-detection-frames': w.detectionFrames,
      'data-tracked-frames': w.trackedFrames,
      'data-empty-frames': w.emptyFrames,
      'data-detection-every': attr(w.detectionEvery),
      'data-detection-lag': attr(w.detectionLag),
      'data-tracked-iou': attr(w.trackedIou),
      'data-held-iou': attr(w.heldIou),
      'data-match-score': attr(w.matchScore),
      'data-lost': w.lost,
      'data-detection-mode': mode,
      'data-interval': attr(w.interval),
    };
  } else {
    rows.push(
      ['Detect faces', ms(stats.detect)],
      ['Crop faces', ms(stats.crop)],
      ['Classify (all faces)', ms(stats.classify)],
      ['Classify per face', ms(stats.classifyPerFace)],
      ...(stats.posed === undefined
        ? []
        : [['Posed-expression reading (all faces)', ms(stats.posed)] as [string, string]]),
    );
    data = {
      ...(stats.posed === undefined ? {} : { 'data-posed-ms': stats.posed }),
      'data-detect-ms': stats.detect,
      'data-crop-ms': stats.crop,
      'data-classify-ms': stats.classify,
      'data-classify-per-face-ms': attr(stats.classifyPerFace),
      'data-frames': 1,
    };
  }
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Speed on this device</h3>
      <dl
        className="mt-2 grid grid-cols-[12rem_1fr] gap-x-3 gap-y-1 text-sm text-slate-700"
        data-testid="fer-stats"
        data-backend={backend?.name ?? ''}
        {...data}
      >
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="tabular-nums">{value}</dd>
          </div>
        ))}
        <dt>Backend</dt>
        <dd data-testid="fer-backend">{backend ? backend.name : '–'}</dd>
      </dl>
      {stats.kind === 'camera' ? (
        <p className="mt-1 text-xs text-slate-500">
          Medians of the last 30 frames (IoU: of the last 100 tracked faces); counts since the camera started.
          Solid boxes: placed by the detector on that frame; dashed: moved by tracking.
        </p>
      ) : null}
      {detection?.fallback ? (
        <p className="mt-1 text-xs text-amber-700" data-testid="fer-detection-fallback">
          Detecting on this thread instead of a background worker: {detection.fallback}.
        </p>
      ) : null}
      {backend ? <p className="mt-1 text-xs text-slate-500">{backend.reason}</p> : null}
    </div>
  );
}
