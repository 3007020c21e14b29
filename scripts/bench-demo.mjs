#!/usr/bin/env node
// Latency of the on-device demo (/demo) in a real browser: Debian's Chromium (headless, as the e2e
// suite runs it) with the fake camera playing three faces (tests/e2e/support/fake-camera.ts).
// For each tfjs backend it prints, against the targets of the demo issue:
//   - FER classifier per face (target <= 10 ms): the page's median "classify" time / faces;
//   - whole webcam pipeline (target >= 15 FPS): frames analysed per second over the timed window
//     (read frame + detect + crop + classify + draw), with the median of each stage;
//   - lesion screening per photo (target <= 2 s): the page's total time for one photo, median of runs.
//
//   npx tsx scripts/bench-demo.mjs [--backends wasm,webgl] [--seconds 20] [--runs 5]
//                                  [--lesion-photo <file>] [--url http://localhost:3000]
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
import { ensureFakeCameraVideo } from '../tests/e2e/support/fake-camera.ts';
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
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    'lesion-photo': { type: 'string' },
    url: { type: 'string' },
  },
});
const backends = options.backends.split(',').map((b) => b.trim());
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

async function lesionPhoto() {
  if (options['lesion-photo']) {
    const file = path.resolve(options['lesion-photo']);
    return { name: path.basename(file), buffer: readFileSync(file), mimeType: undefined };
  }
  // PH2-sized (768x560): the page scales photos to 512 px before analysing, as it would a real one.
  return { name: 'synthetic-lesion.png', buffer: await syntheticLesionPng(768, 560), mimeType: 'image/png' };
}

async function benchWebcam(page) {
  await page.getByRole('button', { name: 'Start camera' }).click();
  const stats = page.getByTestId('fer-stats');
  // Warm-up: model download, kernel compilation, the first 30 frames.
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="fer-stats"]')?.getAttribute('data-frames') ?? 0) >= 30,
    null,
    { timeout: 180_000, polling: 500 },
  );
  const frames = async () => Number(await stats.getAttribute('data-frames'));
  const samples = [];
  const startFrames = await frames();
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    await page.waitForTimeout(1000);
    samples.push(
      await stats.evaluate((el) => ({
        capture: Number(el.dataset.captureMs),
        detect: Number(el.dataset.detectMs),
        crop: Number(el.dataset.cropMs),
        classify: Number(el.dataset.classifyMs),
        perFace: Number(el.dataset.classifyPerFaceMs),
      })),
    );
  }
  const elapsed = (Date.now() - started) / 1000;
  const fps = ((await frames()) - startFrames) / elapsed;
  const faces = Number(await page.getByTestId('fer-face-count').textContent());
  const backend = await stats.getAttribute('data-backend');
  await page.getByRole('button', { name: 'Stop camera' }).click();
  const pick = (key) => median(samples.map((s) => s[key]));
  return {
    fps,
    faces,
    capture: pick('capture'),
    detect: pick('detect'),
    crop: pick('crop'),
    classify: pick('classify'),
    perFace: pick('perFace'),
    backend,
  };
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

async function bench(baseUrl) {
  const video = ensureFakeCameraVideo();
  const photo = await lesionPhoto();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${video}`],
  });
  const results = [];
  try {
    console.log(
      `bench-demo: ${browser.version()} (${CHROMIUM}), headless, --disable-gpu; ${os.cpus().length} CPUs`,
    );
    for (const backend of backends) {
      // A fresh context per backend: tfjs picks its backend once per page load.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/demo?backend=${encodeURIComponent(backend)}`);
      // Hydrated once the offline line has left "registering" (it changes in an effect).
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="offline-status"]')?.getAttribute('data-state') !==
          'registering',
        null,
        { timeout: 60_000 },
      );
      const renderer = await rendererOf(page);
      console.log(`bench-demo: ${backend}: webcam for ${seconds} s after warm-up...`);
      const webcam = await benchWebcam(page);
      console.log(`bench-demo: ${backend}: ${JSON.stringify(webcam)}`);
      console.log(`bench-demo: ${backend}: lesion screening, ${runs} runs after one warm-up...`);
      const lesion = await benchLesion(page, photo);
      console.log(`bench-demo: ${backend}: lesion ms ${lesion.all.map(Math.round).join(' ')}`);
      results.push({ backend, renderer, webcam, lesion });
      await context.close();
    }
  } finally {
    await browser.close();
  }

  console.log('');
  console.log(
    `Fake camera: 640x480, ${results[0]?.webcam.faces ?? '?'} faces in view; lesion photo: ${photo.name}`,
  );
  console.log(
    'backend | FER classify/face ms (<= 10) | pipeline FPS (>= 15) | read / detect / crop / classify ms | lesion s/photo (<= 2) | runs (ms)',
  );
  for (const { backend, webcam, lesion } of results) {
    console.log(
      [
        backend,
        fmt(webcam.perFace, 2),
        fmt(webcam.fps),
        `${fmt(webcam.capture)} / ${fmt(webcam.detect)} / ${fmt(webcam.crop)} / ${fmt(webcam.classify)}`,
        fmt(lesion.ms / 1000, 2),
        lesion.all.map((ms) => Math.round(ms)).join(' '),
      ].join(' | '),
    );
  }
  for (const { backend, renderer } of results)
    console.log(`WebGL renderer seen by the ${backend} run: ${renderer}`);
  if (results.length === 2) {
    const [a, b] = results;
    console.log(
      `RATIO ${b.backend}/${a.backend}: classify/face ${fmt(b.webcam.perFace / a.webcam.perFace, 2)}x, ` +
        `FPS ${fmt(b.webcam.fps / a.webcam.fps, 2)}x, lesion ${fmt(b.lesion.ms / a.lesion.ms, 2)}x`,
    );
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
