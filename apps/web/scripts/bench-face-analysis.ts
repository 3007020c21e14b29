// Times the portal's face analysis with the single `fer` model against the registered `fer-ensemble`,
// side by side: `npx tsx apps/web/scripts/bench-face-analysis.ts [runs]`.
// Builds two throw-away models folders from the shipped models (one registry without the ensemble,
// one with it), analyses face-api's sample photo (3 faces) with each, interleaved run by run after a
// warm-up, and prints the median detection and classification times and the classification ratio.
// The detector is the same in both, so only classification should differ. Nothing is asserted.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { parseModelRegistry } from '@visioncad/vision-core/models';
import { runFace } from '../src/server/analysis-face';
import { ANALYSIS_MAX_SIDE, prepareAnalysisInput } from '../src/server/analysis-input';
import { faceModels } from '../src/server/analysis-models';

const runs = Number(process.argv[2] ?? 15);
const shipped = path.join(resolveRepoRoot(), 'models');
const registry = parseModelRegistry(
  JSON.parse(readFileSync(path.join(shipped, 'registry.json'), 'utf8')),
  'models/registry.json',
);
const single = registry.tasks.fer;
const ensemble = registry.tasks['fer-ensemble'];
if (!single || !ensemble) throw new Error('models/registry.json needs both "fer" and "fer-ensemble"');

/** A models folder holding the given registry entries, copied from the shipped models. */
function modelsFolder(root: string, name: string, tasks: Record<string, { model: string }>): string {
  const dir = path.join(root, name);
  for (const { model } of Object.values(tasks)) {
    cpSync(path.join(shipped, model), path.join(dir, model), { recursive: true });
  }
  writeFileSync(path.join(dir, 'registry.json'), JSON.stringify({ tasks }));
  return dir;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

const root = mkdtempSync(path.join(tmpdir(), 'visioncad-bench-face-'));
try {
  const variants = [
    { label: `fer (${single.model})`, dir: modelsFolder(root, 'single', { fer: single }) },
    {
      label: `fer-ensemble (${ensemble.model})`,
      dir: modelsFolder(root, 'ensemble', { fer: single, 'fer-ensemble': ensemble }),
    },
  ];
  // face-api's own sample photo, installed with the package.
  const bytes = readFileSync(path.resolve('node_modules', '@vladmandic', 'face-api', 'demo', 'sample1.jpg'));
  const input = await prepareAnalysisInput(bytes, 'sample1.jpg', ANALYSIS_MAX_SIDE.FACE);
  const times = variants.map(() => ({ detection: [] as number[], classification: [] as number[] }));
  let faces = 0;
  for (let run = -2; run < runs; run++) {
    for (const [i, variant] of variants.entries()) {
      const loaded = await faceModels(variant.dir);
      const result = await runFace(input, loaded, { pxPerMm: null });
      faces = result.outputs.faces.length;
      if (run < 0) continue; // warm-up: kernels compiled, weights resident
      times[i].detection.push(result.timings.detection);
      times[i].classification.push(result.timings.classification);
    }
  }
  console.log(
    `face analysis of sample1.jpg (${input.image.width}x${input.image.height}, ${faces} faces), ${runs} runs each, interleaved; median ms`,
  );
  variants.forEach((variant, i) => {
    const classify = median(times[i].classification);
    console.log(
      `${variant.label.padEnd(44)} detection ${median(times[i].detection).toFixed(1).padStart(7)}  ` +
        `classification ${classify.toFixed(1).padStart(6)} (${(classify / faces).toFixed(1)} per face)`,
    );
  });
  const ratio = median(times[1].classification) / median(times[0].classification);
  console.log(`RATIO classification ensemble / single: ${ratio.toFixed(2)}x`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(0);
