'use client';
// Webcam and still-photo facial expression recognition, entirely in the browser: frames are read
// from the <video> into memory, never sent anywhere.
import { useEffect, useRef, useState } from 'react';
import { TINY_FACE_DETECTOR_EYES_320, TINY_FACE_DETECTOR_EYES_416 } from '@visioncad/fer/face/detector-eyes';
import type { DemoModelInfo, DemoPosedModel, DemoPosedModelInfo } from './demo-model-info';
import type { DetectionMode } from './detection-mode';
import { browserSpeaker, EmotionAnnouncer } from './emotion-announcer';
import type { FerEngine } from './fer-engine';
import { drawFaceEmotions } from './fer-overlay';
import type { FaceEmotion, FerFrameResult } from './fer-pipeline';
import type { PosedReader, PosedReading } from './posed-reader';
import { FerStatsPanel, type FerStats, type WebcamDetection } from './fer-stats-panel';
import { fitWithin, FrameReader } from './frame-raster';
import { keepForOffline } from './offline-support';
import type { DemoBackend } from './tf-backend';
import { backendOverride, detectionModeOption, landmarksOption } from './url-options';
import type { WorkerFaceDetector } from './worker-face-detector';

/** The webcam's faces get a posed-expression reading at most this often (it costs about a frame). */
const POSED_INTERVAL_MS = 500;
/** At most this many webcam faces (the largest) get a posed-expression reading. */
const POSED_MAX_FACES = 3;

/** Webcam frames are analysed at most this wide/high. */
const CAMERA_MAX_SIDE = 640;
/** Photos are analysed at most this wide/high, with a larger detector input to find smaller faces. */
const PHOTO_MAX_SIDE = 1280;
const PHOTO_DETECTOR_INPUT = 608;

type Status =
  | { kind: 'idle' }
  | { kind: 'loading'; what: string }
  | { kind: 'camera' }
  | { kind: 'photo'; name: string }
  | { kind: 'error'; message: string };

let engine: Promise<FerEngine> | null = null;

function loadEngine(model: DemoModelInfo): Promise<FerEngine> {
  engine ??= import('./fer-engine')
    .then(({ loadFerEngine }) => loadFerEngine(model, backendOverride()))
    .catch((error: unknown) => {
      engine = null;
      throw error;
    });
  return engine;
}

let posedReader: Promise<PosedReader> | null = null;

function loadPosed(info: DemoPosedModelInfo): Promise<PosedReader> {
  posedReader ??= import('./posed-reader')
    .then(({ loadPosedReader }) => loadPosedReader(info))
    .catch((error: unknown) => {
      posedReader = null;
      throw error;
    });
  return posedReader;
}

/** A face's key for its posed reading: its track on the webcam, else its place in the list. */
function faceKey(face: FaceEmotion, index: number): string {
  return face.id === undefined ? `#${index}` : `track ${face.id}`;
}

function message(error: unknown): string {
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return 'The browser did not allow the camera. Allow it for this site, or analyse a photo instead.';
  }
  if (error instanceof DOMException && error.name === 'NotFoundError') {
    return 'No camera was found. Analyse a photo instead.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** The FER half of the demo page; `posed` adds the posed-expression SVM's second reading on request. */
export function FerDemo({
  model,
  posed,
  labelNames,
}: {
  model: DemoModelInfo;
  posed: DemoPosedModel;
  labelNames: Record<string, string>;
}) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const photoRef = useRef<HTMLCanvasElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const clockRef = useRef<{ stop(): void } | null>(null);
  const runningRef = useRef(false);
  const speakRef = useRef(false);
  const alignRef = useRef(true);
  const posedOnRef = useRef(false);
  /** The posed reader once loaded: the webcam loop reads with it, never waiting for the download. */
  const posedReadyRef = useRef<PosedReader | null>(null);
  /** The last photo's faces, read again when the posed model is turned on afterwards. */
  const photoFacesRef = useRef<{ result: FerFrameResult } | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [backend, setBackend] = useState<DemoBackend | null>(null);
  const [faces, setFaces] = useState<FaceEmotion[]>([]);
  const [stats, setStats] = useState<FerStats | null>(null);
  const [detection, setDetection] = useState<WebcamDetection | null>(null);
  const [speak, setSpeak] = useState(false);
  const [align, setAlign] = useState(true);
  const [speechAvailable, setSpeechAvailable] = useState(true);
  const [posedOn, setPosedOn] = useState(false);
  const [posedReadings, setPosedReadings] = useState<Map<string, PosedReading>>(new Map());
  const [posedProblem, setPosedProblem] = useState<string | null>(null);
  const posedInfo = posed?.ok ? posed.info : null;
  const labels = model.labels.map((label) => labelNames[label] ?? label);

  useEffect(() => setSpeechAvailable(browserSpeaker() !== null), []);
  useEffect(() => {
    try {
      setAlign(landmarksOption());
    } catch (error) {
      setStatus({ kind: 'error', message: message(error) });
    }
  }, []);
  useEffect(() => {
    speakRef.current = speak;
  }, [speak]);
  useEffect(() => {
    alignRef.current = align;
  }, [align]);
  useEffect(() => {
    posedOnRef.current = posedOn;
    if (!posedOn) setPosedReadings(new Map());
    else if (photoFacesRef.current) {
      // A photo already shown: read it now and add the time to its figures.
      void readPhotoPosed(photoFacesRef.current.result).then((posedMs) => {
        if (posedMs !== null)
          setStats((shown) => (shown?.kind === 'photo' ? { ...shown, posed: posedMs } : shown));
      });
    }
  }, [posedOn]);

  /** The posed model's reading of a photo's faces; the milliseconds it took, or null when off. */
  async function readPhotoPosed(result: FerFrameResult): Promise<number | null> {
    const reader = result.faces.length > 0 ? await posedReaderIfOn() : null;
    if (!reader) return null;
    const t0 = performance.now();
    const readings = await reader.read(result.gray, result.regions, TINY_FACE_DETECTOR_EYES_416);
    const took = performance.now() - t0;
    if (photoFacesRef.current?.result === result) {
      setPosedReadings(new Map(result.faces.map((face, k) => [faceKey(face, k), readings[k]])));
    }
    return took;
  }

  /** The posed reader when the visitor asked for it and it loads; a failure is shown, not thrown. */
  async function posedReaderIfOn(): Promise<PosedReader | null> {
    if (!posedOnRef.current || !posedInfo) return null;
    try {
      const reader = await loadPosed(posedInfo);
      setPosedProblem(null);
      // The first time its files arrive, they join the offline copy.
      if (!posedReadyRef.current) void keepForOffline();
      posedReadyRef.current = reader;
      return reader;
    } catch (error) {
      setPosedProblem(`The posed-expression model could not be loaded: ${message(error)}`);
      return null;
    }
  }
  useEffect(() => () => stopCamera(), []);

  async function prepare(what: string): Promise<FerEngine> {
    setStatus({ kind: 'loading', what });
    const ready = await loadEngine(model);
    setBackend(ready.backend);
    void keepForOffline();
    return ready;
  }

  function stopCamera() {
    runningRef.current = false;
    clockRef.current?.stop();
    clockRef.current = null;
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
  }

  async function startCamera() {
    photoFacesRef.current = null;
    setPosedReadings(new Map());
    try {
      const mode = detectionModeOption();
      const ready = await prepare('Loading the FER model…');
      let worker: WorkerFaceDetector | null = null;
      let workerProblem: string | null = null;
      if (mode === 'worker') {
        setStatus({ kind: 'loading', what: 'Starting the face detector in a background worker…' });
        worker = await ready.detectionWorker().catch((error: unknown) => {
          workerProblem = `the background worker could not start (${message(error)})`;
          return null;
        });
        if (worker) void keepForOffline(worker.loadedUrls);
      }
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
        audio: false,
      });
      streamRef.current = stream;
      const video = videoRef.current!;
      video.srcObject = stream;
      setStatus({ kind: 'camera' });
      await video.play();
      runningRef.current = true;
      void cameraLoop(video, ready, mode, worker, workerProblem);
    } catch (error) {
      stopCamera();
      setStatus({ kind: 'error', message: message(error) });
    }
  }

  async function cameraLoop(
    video: HTMLVideoElement,
    ready: FerEngine,
    mode: DetectionMode,
    worker: WorkerFaceDetector | null,
    workerProblem: string | null,
  ) {
    const [{ VideoFerPipeline }, { VideoFrameClock }, { WebcamStatsCollector }] = await Promise.all([
      import('./fer-video-pipeline'),
      import('./video-frame-clock'),
      import('./webcam-stats'),
    ]);
    const clock = new VideoFrameClock(video);
    clockRef.current = clock;
    const reader = new FrameReader();
    const detectors = { aligned: ready.detector({ align: true }), plain: ready.detector({ align: false }) };
    const pipeline = new VideoFerPipeline({
      classifier: ready.classifier,
      mode,
      worker,
      detector: () => (alignRef.current ? detectors.aligned : detectors.plain),
      landmarks: () => alignRef.current,
      // The camera's frame interval (30 fps until it is measured).
      frameBudgetMs: () => 1000 / (clock.fps ?? 30),
    });
    const collector = new WebcamStatsCollector();
    const speaker = browserSpeaker();
    const announcer = speaker ? new EmotionAnnouncer(speaker) : null;
    let seen = 0;
    let lastShown = 0;
    let lastPosed = 0;
    let drawMs = 0;
    while (runningRef.current) {
      // Each camera frame is analysed once: wait for one newer than the last analysed.
      const previous = seen;
      seen = await clock.next(seen);
      const skipped = previous === 0 ? 0 : Math.max(0, seen - previous - 1);
      if (!runningRef.current) break;
      if (video.readyState < 2 || video.videoWidth === 0) continue;
      const { width, height } = fitWithin(video.videoWidth, video.videoHeight, CAMERA_MAX_SIDE);
      const t0 = performance.now();
      const frame = reader.readRgba(video, width, height);
      const read = performance.now() - t0;
      const result = await pipeline.process(frame, read + drawMs, skipped);
      if (!runningRef.current) break;
      const t1 = performance.now();
      const overlay = overlayRef.current!;
      if (overlay.width !== width || overlay.height !== height) {
        overlay.width = width;
        overlay.height = height;
      }
      drawFaceEmotions(overlay.getContext('2d')!, result.faces, labels, result);
      // What the overlay shows now, for tests: where its boxes came from and how many there are.
      overlay.dataset.boxes = result.source;
      overlay.dataset.faces = String(result.faces.length);
      const now = performance.now();
      drawMs = now - t1;
      collector.add(result, read, now - t0, now);
      if (posedOnRef.current && result.faces.length > 0 && now - lastPosed > POSED_INTERVAL_MS) {
        lastPosed = now;
        const reader = posedReadyRef.current;
        // The first time, the download starts and the camera goes on meanwhile.
        if (!reader) void posedReaderIfOn();
        else if (runningRef.current) {
          // By the landmarks' eyes when the faces have them, else by those their box holds on average.
          const faces = result.faces.slice(0, POSED_MAX_FACES);
          const readings = await reader.read(frame, faces, TINY_FACE_DETECTOR_EYES_320);
          setPosedReadings(new Map(faces.map((face, k) => [faceKey(face, k), readings[k]])));
        }
      }
      const dominant = result.faces[0] ? model.labels[result.faces[0].top] : null;
      if (speakRef.current && announcer)
        announcer.update(dominant ? (labelNames[dominant] ?? dominant) : null, now);
      // React renders the numbers four times a second; the overlay is drawn every frame.
      if (now - lastShown > 250) {
        lastShown = now;
        setFaces(result.faces);
        setStats({ kind: 'camera', webcam: collector.snapshot(clock.fps) });
        setDetection({
          mode: pipeline.mode,
          fallback: pipeline.fallbackReason && (workerProblem ?? pipeline.fallbackReason),
        });
      }
    }
  }

  async function analysePhoto(file: File) {
    stopCamera();
    try {
      const ready = await prepare('Loading the face detector and the FER model…');
      const bitmap = await createImageBitmap(file).catch(() => {
        throw new Error(`${file.name} could not be read as an image (JPEG, PNG, WebP, GIF or BMP).`);
      });
      const { width, height } = fitWithin(bitmap.width, bitmap.height, PHOTO_MAX_SIDE);
      const frame = new FrameReader().read(bitmap, width, height);
      const canvas = photoRef.current!;
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
      bitmap.close();
      const t0 = performance.now();
      const result = await ready.run(frame, ready.detector({ inputSize: PHOTO_DETECTOR_INPUT, align: true }));
      const total = performance.now() - t0;
      const overlay = overlayRef.current!;
      overlay.width = width;
      overlay.height = height;
      drawFaceEmotions(overlay.getContext('2d')!, result.faces, labels);
      overlay.dataset.boxes = 'detection';
      overlay.dataset.faces = String(result.faces.length);
      setFaces(result.faces);
      setPosedReadings(new Map());
      photoFacesRef.current = { result };
      const posedMs = await readPhotoPosed(result);
      setStats({
        kind: 'photo',
        ...(posedMs === null ? {} : { posed: posedMs }),
        detect: result.times.detect,
        crop: result.times.crop,
        classify: result.times.classify,
        classifyPerFace: result.faces.length ? result.times.classify / result.faces.length : null,
      });
      setStatus({ kind: 'photo', name: `${file.name} (${Math.round(total)} ms)` });
      if (speakRef.current && result.faces[0]) {
        browserSpeaker()?.speak(labels[result.faces[0].top]);
      }
    } catch (error) {
      setStatus({ kind: 'error', message: message(error) });
    }
  }

  const camera = status.kind === 'camera';
  const showing = camera || status.kind === 'photo';
  const dominant = faces[0] ? labels[faces[0].top] : null;

  return (
    <section
      aria-labelledby="fer-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
      data-testid="fer-demo"
    >
      <h2 id="fer-heading" className="text-base font-semibold text-slate-900">
        Facial expression recognition
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Finds faces with face-api.js&apos;s tiny face detector, crops each face to a {model.input.width}×
        {model.input.height} grey image and classifies it into seven emotions with {model.name}. On the webcam
        the detector runs in a background worker and the faces are followed by template matching between its
        results (dashed boxes), so every frame is classified. Each face is cut by its eyes, framed as the
        model&apos;s training faces were: eyes found by 68-point landmarks, or on the webcam with that toggle
        off, the eyes its detector box holds on average.
      </p>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        {camera ? (
          <button
            type="button"
            onClick={() => {
              stopCamera();
              setStatus({ kind: 'idle' });
            }}
            className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
          >
            Stop camera
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void startCamera()}
            disabled={status.kind === 'loading'}
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            Start camera
          </button>
        )}
        <label className="cursor-pointer rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Analyse a photo
          <input
            type="file"
            accept="image/*"
            className="sr-only"
            data-testid="fer-photo-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void analysePhoto(file);
            }}
          />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={align} onChange={(event) => setAlign(event.target.checked)} />
          Find the eyes with 68-point landmarks (more accurate, slower detection; off: estimated from the face
          box)
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={speak}
            disabled={!speechAvailable}
            onChange={(event) => setSpeak(event.target.checked)}
          />
          Speak the dominant emotion aloud
          {speechAvailable ? null : (
            <span className="text-slate-500">(this browser has no speech synthesis)</span>
          )}
        </label>
        {posedInfo ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={posedOn}
              onChange={(event) => setPosedOn(event.target.checked)}
              data-testid="fer-posed-toggle"
            />
            Also read each face with the posed-expression model ({posedInfo.name}, trained on CK+&apos;s acted
            faces, contempt included; {(posedInfo.downloadBytes / 1024 / 1024).toFixed(1)} MB more to
            download; on the webcam, the {POSED_MAX_FACES} largest faces twice a second)
          </label>
        ) : null}
      </div>
      {posed && !posed.ok ? (
        <p className="mt-2 text-xs text-amber-700">
          The posed-expression model is unavailable: {posed.error}
        </p>
      ) : null}
      {posedProblem ? (
        <p className="mt-2 text-xs text-red-700" data-testid="fer-posed-problem">
          {posedProblem}
        </p>
      ) : null}

      <p className="mt-3 text-sm text-slate-600" role="status" data-testid="fer-status">
        {status.kind === 'idle' && 'Start the camera or choose a photo. Nothing is uploaded.'}
        {status.kind === 'loading' && status.what}
        {status.kind === 'camera' && 'Camera on: frames are analysed in this browser only.'}
        {status.kind === 'photo' && `Photo analysed in this browser: ${status.name}.`}
        {status.kind === 'error' && <span className="text-red-700">{status.message}</span>}
      </p>

      <div
        className={`relative mt-3 w-full max-w-2xl overflow-hidden rounded-md bg-slate-900 ${showing ? '' : 'hidden'}`}
      >
        <video ref={videoRef} muted playsInline className={`block w-full ${camera ? '' : 'hidden'}`} />
        <canvas ref={photoRef} className={`block w-full ${status.kind === 'photo' ? '' : 'hidden'}`} />
        <canvas
          ref={overlayRef}
          className="pointer-events-none absolute inset-0 h-full w-full"
          data-testid="fer-overlay"
        />
      </div>

      {showing ? (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="text-sm font-semibold text-slate-900">
              Faces: <span data-testid="fer-face-count">{faces.length}</span>
            </h3>
            <p className="sr-only" aria-live="polite">
              {dominant ? `Dominant emotion: ${dominant}` : 'No face'}
            </p>
            <ol className="mt-2 space-y-3">
              {faces.map((face, index) => (
                <li key={index} data-testid="fer-face" className="text-sm">
                  <p className="font-medium text-slate-800">
                    Face {index + 1}: <span data-testid="fer-emotion">{labels[face.top]}</span>{' '}
                    {(face.probabilities[face.top] * 100).toFixed(0)}%
                  </p>
                  <EmotionMeters labels={labels} probabilities={face.probabilities} />
                  {posedInfo && posedReadings.get(faceKey(face, index)) ? (
                    <PosedReadingView
                      reading={posedReadings.get(faceKey(face, index))!}
                      info={posedInfo}
                      labelNames={labelNames}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
          {stats ? <FerStatsPanel stats={stats} detection={detection} backend={backend} /> : null}
        </div>
      ) : null}
    </section>
  );
}

/** One face's posed-expression reading: the SVM's vote and its probability estimates. */
function PosedReadingView({
  reading,
  info,
  labelNames,
}: {
  reading: PosedReading;
  info: DemoPosedModelInfo;
  labelNames: Record<string, string>;
}) {
  const name = (label: string) => labelNames[label] ?? label;
  return (
    <div className="mt-2 rounded border border-slate-200 px-2 py-1" data-testid="fer-posed">
      <p className="text-xs text-slate-700">
        Posed-expression model:{' '}
        <span className="font-semibold text-slate-900" data-testid="fer-posed-label">
          {name(reading.label)}
        </span>
      </p>
      <p className="text-[11px] text-slate-500">
        {info.name}: trained on acted, frontal, evenly lit faces; on everyday photos far less accurate than
        the model above (both figures under Models in this demo). The class is the SVM&apos;s vote; the bars
        are its probability estimates, whose top can differ.
      </p>
      <EmotionMeters
        labels={info.labels.map(name)}
        probabilities={reading.probabilities}
        ariaPrefix="posed "
      />
    </div>
  );
}

/** One bar and percentage per label. */
function EmotionMeters({
  labels,
  probabilities,
  ariaPrefix = '',
}: {
  labels: readonly string[];
  probabilities: ArrayLike<number>;
  /** Prepended to each bar's accessible name (e.g. to tell a second model's bars apart). */
  ariaPrefix?: string;
}) {
  return (
    <dl className="mt-1 grid grid-cols-[6rem_1fr_3rem] items-center gap-x-2 text-xs text-slate-600">
      {labels.map((label, k) => (
        <div key={label} className="contents">
          <dt>{label}</dt>
          <dd>
            <meter
              min={0}
              max={1}
              value={probabilities[k]}
              className="w-full"
              aria-label={`${ariaPrefix}${label}`}
            />
          </dd>
          <dd className="text-right tabular-nums">{(probabilities[k] * 100).toFixed(1)}%</dd>
        </div>
      ))}
    </dl>
  );
}
