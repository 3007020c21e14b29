#!/usr/bin/env node
// Latency of the on-device demo (/demo) in a real browser: Debian's Chromium (headless, as the e2e
// suite runs it) with the fake camera playing three moving faces at 30 fps
// (tests/e2e/support/fake-camera.ts). For each tfjs backend and webcam detection mode it prints,
// against the targets of the demo issue:
//   - FER classifier per face (target <= 10 ms): the page's median "classify" time / faces;
//   - whole webcam pipeline (target >= 15 FPS): distinct camera frames analysed and drawn per second
//     over the timed window, next to the rate the camera delivered (the ceiling), the median
//     main-thread time per frame, each stage's median, how many frames got a new detection vs were
//     tracked, and how well tracked boxes matched the detector's next boxes (IoU, vs boxes held still);
//   - lesion screening per photo (target <= 2 s): the page's total time for one photo, median of runs.
// Detection modes (the page's ?detection=): worker (detector in a worker, tracking between its
// results; the page's default), interval (detector on the page's thread every n-th frame, tracking
// between), every (detector on every frame, no tracking: the pipeline before tracking, the baseline).
// The load average of the machine is printed with each run: other processes share its cores.
//
// Landmarks (the page's ?landmarks=): on (default: faces cut by the eyes at the model's training
// framing) or off (cut by the detector box); --landmarks on,off runs both side by side.
//   npx tsx scripts/bench-demo.mjs [--backends wasm,webgl] [--detection worker,every] [--landmarks on,off] [--seconds 20]
//                                  [--runs 5] [--lesion-photo <file>] [--url http://localhost:3000]
//
// Without --url it builds the portal if stale and starts it on a temporary data directory, like
// `npm run test:e2e` (on a shared checkout hold the e2e lock: flock /tmp/visioncad-e2e.lock ...).
// --lesion-photo times a real photo (e.g. a PH2 image) instead of the synthetic lesion.
// `document` below is used inside page.evaluate, which runs in the browser.
/* global document */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureFakeCameraVideo, FAKE_CAMERA_FPS } from '../tests/e2e/support/fake-camera.ts';
import { syntheticLesionPng } from '../tests/e2e/support/synthetic-lesion.ts';
import {
  buildPortalIfStale,
  ensurePrismaClient,
  freePort,
  prepareDatabase,
  startPortal,
  stopEverythingOnSignal,
  stopGroup,
  waitForPortal,
} from './portal.mjs';

const { values: options } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm,webgl' },
    detection: { type: 'string', default: 'worker,every' },
    landmarks: { type: 'string', default: 'on' },
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    'lesion-photo': { type: 'string' },
    url: { type: 'string' },
  },
});
const backends = options.backends.split(',').map((b) => b.trim());
const DETECTION_MODES = ['worker', 'interval', 'every'];
const detectionModes = options.detection.split(',').map((m) => m.trim());
const landmarkModes = options.landmarks.split(',').map((m) => m.trim());
for (const mode of landmarkModes) {
  if (mode !== 'on' && mode !== 'off')
    throw new Error(`--landmarks takes on, off (comma-separated); got '${mode}'`);
}
for (const mode of detectionModes) {
  if (!DETECTION_MODES.includes(mode))
    throw new Error(`--detection takes ${DETECTION_MODES.join(', ')} (comma-separated); got '${mode}'`);
}
const seconds = Number(options.seconds);
const runs = Number(options.runs);
if (!(seconds > 0) || !(runs > 0)) throw new Error('--seconds and --runs must be positive numbers');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const load = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

async function lesionPhoto() {
  if (options['lesion-photo']) {
    const file = path.resolve(options['lesion-photo']);
    return { name: path.basename(file), buffer: readFileSync(file), mimeType: undefined };
  }
  // PH2-sized (768x560): the page scales photos to 512 px before analysing, as it would a real one.
  return { name: 'synthetic-lesion.png', buffer: await syntheticLesionPng(768, 560), mimeType: 'image/png' };
}

/** The webcam figures the page keeps as data-* attributes of its stats list (see fer-stats-panel.tsx). */
const WEBCAM_FIGURES = {
  cameraFps: 'cameraFps',
  frameMs: 'frameMs',
  capture: 'captureMs',
  gray: 'grayMs',
  track: 'trackMs',
  detect: 'detectMs',
  crop: 'cropMs',
  classify: 'classifyMs',
  perFace: 'classifyPerFaceMs',
  detectionEvery: 'detectionEvery',
  detectionLag: 'detectionLag',
  trackedIou: 'trackedIou',
  heldIou: 'heldIou',
  matchScore: 'matchScore',
  interval: 'interval',
};
const COUNTS = {
  frames: 'frames',
  detected: 'detectionFrames',
  tracked: 'trackedFrames',
  empty: 'emptyFrames',
  lost: 'lost',
};

async function benchWebcam(page) {
  await page.getByRole('button', { name: 'Start camera' }).click();
  const stats = page.getByTestId('fer-stats');
  // Warm-up: model download, worker start, kernel compilation, the first 30 frames.
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="fer-stats"]')?.getAttribute('data-frames') ?? 0) >= 30,
    null,
    { timeout: 300_000, polling: 500 },
  );
  const read = () =>
    stats.evaluate(
      (el, keys) =>
        Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, Number(el.dataset[key] || NaN)])),
      { ...WEBCAM_FIGURES, ...COUNTS },
    );
  const samples = [];
  const start = await read();
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    await page.waitForTimeout(1000);
    samples.push(await read());
  }
  const end = await read();
  const elapsed = (Date.now() - started) / 1000;
  const faces = Number(await page.getByTestId('fer-face-count').textContent());
  const backend = await stats.getAttribute('data-backend');
  const mode = await stats.getAttribute('data-detection-mode');
  const fallback = await page
    .getByTestId('fer-detection-fallback')
    .textContent({ timeout: 100 })
    .catch(() => null);
  await page.getByRole('button', { name: 'Stop camera' }).click();
  const figures = Object.fromEntries(
    Object.keys(WEBCAM_FIGURES).map((key) => [key, median(samples.map((s) => s[key]))]),
  );
  const counts = Object.fromEntries(Object.keys(COUNTS).map((key) => [key, end[key] - start[key]]));
  return { fps: counts.frames / elapsed, faces, backend, mode, fallback, ...figures, counts };
}

async function benchLesion(page, photo) {
  const times = [];
  for (let run = 0; run <= runs; run++) {
    const name = `${run}-${photo.name}`;
    await page
      .getByTestId('lesion-photo-input')
      .setInputFiles({ name, buffer: photo.buffer, mimeType: photo.mimeType ?? 'image/jpeg' });
    await page
      .getByTestId('lesion-status')
      .getByText(`Analysed ${name} on this device.`)
      .waitFor({ timeout: 180_000 });
    // Run 0 is the warm-up (model download and first-call compilation).
    if (run > 0) times.push(Number(await page.getByTestId('lesion-timings').getAttribute('data-total-ms')));
  }
  return { ms: median(times), all: times };
}

async function rendererOf(page) {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'no WebGL';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  });
}

async function openDemo(browser, baseUrl, query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/demo?${query}`);
  // Hydrated once the offline line has left "registering" (it changes in an effect).
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="offline-status"]')?.getAttribute('data-state') !== 'registering',
    null,
    { timeout: 60_000 },
  );
  return { context, page };
}

async function bench(baseUrl) {
  const video = ensureFakeCameraVideo();
  const photo = await lesionPhoto();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${video}`],
  });
  const results = [];
  const lesions = [];
  try {
    console.log(
      `bench-demo: ${browser.version()} (${CHROMIUM}), headless, --disable-gpu; ${os.cpus().length} CPUs; ` +
        `fake camera ${path.basename(video)} (${FAKE_CAMERA_FPS} fps in its header)`,
    );
    for (const backend of backends) {
      for (const [run, [detection, landmarks]] of detectionModes
        .flatMap((d) => landmarkModes.map((l) => [d, l]))
        .entries()) {
        // A fresh context per run: tfjs picks its backend once per page load.
        const { context, page } = await openDemo(
          browser,
          baseUrl,
          `backend=${encodeURIComponent(backend)}&detection=${detection}&landmarks=${landmarks}`,
        );
        const renderer = await rendererOf(page);
        const loadBefore = load();
        const label = `${backend}/${detection}/landmarks ${landmarks}`;
        console.log(`bench-demo: ${label}: webcam for ${seconds} s after warm-up (load ${loadBefore})...`);
        const webcam = await benchWebcam(page);
        const loadAfter = load();
        console.log(`bench-demo: ${label}: ${JSON.stringify(webcam)} (load ${loadAfter})`);
        results.push({
          backend,
          detection,
          landmarks,
          renderer,
          webcam,
          load: `${loadBefore} -> ${loadAfter}`,
        });
        if (run === 0) {
          console.log(`bench-demo: ${backend}: lesion screening, ${runs} runs after one warm-up...`);
          const lesion = await benchLesion(page, photo);
          console.log(`bench-demo: ${backend}: lesion ms ${lesion.all.map(Math.round).join(' ')}`);
          lesions.push({ backend, lesion });
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }

  console.log('');
  console.log(
    `Fake camera: 640x480 at ${FAKE_CAMERA_FPS} fps (moving view), ${results[0]?.webcam.faces ?? '?'} faces in view; ` +
      `lesion photo: ${photo.name}; ${seconds} s per webcam run`,
  );
  console.log(
    'backend | detection | landmarks | pipeline FPS (>= 15) | camera FPS | main ms/frame | read / gray / track / detect / crop / classify ms | ' +
      'frames: detected / tracked / no face | detection every (lag) frames | IoU tracked (held) | FER classify/face ms (<= 10) | load avg 1/5/15 min',
  );
  for (const { backend, detection, landmarks, webcam: w, load: l } of results) {
    const capped = w.fps >= 0.95 * w.cameraFps ? ' (camera-capped)' : '';
    console.log(
      [
        backend,
        w.mode === detection ? detection : `${detection} -> ${w.mode} (${w.fallback})`,
        landmarks,
        `${fmt(w.fps)}${capped}`,
        fmt(w.cameraFps),
        fmt(w.frameMs),
        [w.capture, w.gray, w.track, w.detect, w.crop, w.classify].map((v) => fmt(v)).join(' / '),
        `${w.counts.detected} / ${w.counts.tracked} / ${w.counts.empty}`,
        `${fmt(w.detectionEvery)} (${fmt(w.detectionLag)})`,
        `${fmt(w.trackedIou, 2)} (${fmt(w.heldIou, 2)})`,
        fmt(w.perFace, 2),
        l,
      ].join(' | '),
    );
  }
  console.log('backend | lesion s/photo (<= 2) | runs (ms)');
  for (const { backend, lesion } of lesions) {
    console.log(
      [backend, fmt(lesion.ms / 1000, 2), lesion.all.map((ms) => Math.round(ms)).join(' ')].join(' | '),
    );
  }
  for (const { backend, detection, landmarks, renderer } of results)
    console.log(`WebGL renderer seen by the ${backend}/${detection}/landmarks ${landmarks} run: ${renderer}`);
  for (const backend of backends) {
    for (const landmarks of landmarkModes) {
      const same = results.filter((r) => r.backend === backend && r.landmarks === landmarks);
      const base = same.find((r) => r.detection === 'every');
      for (const r of same.filter((x) => x.detection !== 'every')) {
        if (base)
          console.log(
            `RATIO ${backend}, landmarks ${landmarks}: ${r.detection}/every FPS ${fmt(r.webcam.fps / base.webcam.fps, 2)}x`,
          );
      }
    }
    for (const detection of detectionModes) {
      const on = results.find(
        (r) => r.backend === backend && r.detection === detection && r.landmarks === 'on',
      );
      const off = results.find(
        (r) => r.backend === backend && r.detection === detection && r.landmarks === 'off',
      );
      if (on && off)
        console.log(
          `RATIO ${backend}/${detection}: landmarks on/off FPS ${fmt(on.webcam.fps / off.webcam.fps, 2)}x, ` +
            `detection interval ${fmt(on.webcam.detectionEvery / off.webcam.detectionEvery, 2)}x`,
        );
    }
  }
  if (lesions.length === 2) {
    const [a, b] = lesions;
    console.log(`RATIO lesion ${b.backend}/${a.backend}: ${fmt(b.lesion.ms / a.lesion.ms, 2)}x`);
  }
}

if (options.url) {
  await bench(options.url.replace(/\/$/, ''));
} else {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'visioncad-bench-demo-'));
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    VISIONCAD_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  let portal = null;
  stopEverythingOnSignal(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    await ensurePrismaClient(env);
    await prepareDatabase(env);
    await buildPortalIfStale(env);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    portal = startPortal({ port, env, hostname: '127.0.0.1' });
    await waitForPortal(baseUrl, portal);
    await bench(baseUrl);
  } finally {
    if (portal) await stopGroup(portal);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
