// Times analyze() with the shipped models on real dermoscopy images: mean milliseconds per image
// and per stage, after one warm-up image (tfjs compiles kernels on first use). Also prints this
// process's CPU time per image and the load average, because other jobs share this machine's two
// cores: wall time under load overstates what one idle core needs.
//   npx tsx libs/dermoscopy/bench/analyze.bench.ts [--data /work/shared/data/ph2] [--n 20] [--models models] [--backend wasm|cpu]
//     [--novelty-cost]: also analyse each image without the classifier's novelty model, in alternating
//     order, and print both classification times and their ratio (what the image-novelty verdict costs).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { decodeImageFile } from '@visioncad/vision-core/image-node';

import { analyze, type AnalysisTimings } from '../src/analyze';
import { loadDermoscopyModels } from '../src/models/load-models.node.js';
import { loadPh2 } from '../src/node';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/work/shared/data/ph2' },
    n: { type: 'string', default: '20' },
    models: { type: 'string', default: 'models' },
    backend: { type: 'string' },
    'novelty-cost': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a positive integer, got "${values.n}"`);
const backend = await selectBackend({
  override: values.backend as 'wasm' | 'cpu' | undefined,
  log: () => {},
});
const models = await loadDermoscopyModels(values.models!);
const cases = (await loadPh2(values.data!)).slice(0, n + 1);
const totals: AnalysisTimings = {
  preprocessing: 0,
  segmentation: 0,
  abcd: 0,
  classification: 0,
  heatMap: 0,
  total: 0,
};
let size = '';
let cpuUs = 0;
const loadBefore = loadavg()[0];
for (const [i, c] of cases.entries()) {
  const image = await decodeImageFile(c.imagePath);
  size = `${image.width}x${image.height}`;
  const cpu = process.cpuUsage();
  const { timingsMs } = analyze(image, models);
  if (i === 0) continue;
  const used = process.cpuUsage(cpu);
  cpuUs += used.user + used.system;
  for (const k of Object.keys(totals) as Array<keyof AnalysisTimings>) totals[k] += timingsMs[k];
}
const runs = cases.length - 1;
if (values['novelty-cost']) {
  if (!models.classifier.novelty)
    throw new Error(`--novelty-cost: the default classifier in ${values.models} has no novelty.json`);
  const without = { ...models, classifier: { ...models.classifier, novelty: null } };
  const ms = { with: 0, without: 0 };
  for (const [i, c] of cases.entries()) {
    const image = await decodeImageFile(c.imagePath);
    // Alternate which goes first, so drift in the machine's load hits both alike.
    const order = i % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const which of order) {
      const { timingsMs } = analyze(image, which === 'with' ? models : without);
      if (i > 0) ms[which] += timingsMs.classification + timingsMs.heatMap;
    }
  }
  console.log(
    `novelty cost: classification + heat map ${(ms.with / runs).toFixed(1)} ms with the novelty verdict, ${(ms.without / runs).toFixed(1)} ms without; ratio ${(ms.with / ms.without).toFixed(3)}`,
  );
}
const perStage = Object.entries(totals)
  .map(([k, v]) => `${k} ${(v / runs).toFixed(0)}`)
  .join(', ');
console.log(
  `analyze: ${(totals.total / runs).toFixed(0)} ms/image over ${runs} PH2 images (${size}) on ${backend.name}; per stage ms: ${perStage}`,
);
console.log(
  `  CPU time ${(cpuUs / 1000 / runs).toFixed(0)} ms/image; 1-min load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (2 cores)`,
);
// The threaded wasm backend's worker threads keep Node's event loop alive after the last image.
process.exit(0);
