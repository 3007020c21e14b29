// Scores face-api.js's faceExpressionNet on FER2013 (the images are already face crops, so no
// detection): npx tsx libs/fer/scripts/eval-face-api-fer2013.ts --data ../shared/data/fer2013
import { parseArgs } from 'node:util';

import { classificationReport } from '@visioncad/vision-core/metrics';

import { faceApiExpressionProbabilities } from '../src/face/face-api-expressions';
import { FER2013_CLASSES, groupEmotion, groupProbabilities, VALENCE_4_GROUPING } from '../src/label-space';
import { loadFer2013Folder } from '../src/node/fer2013-folder';
import { loadFaceApiNode } from '../src/node/face-api';
import type { Fer2013Usage } from '../src/datasets/fer2013';
import { commandLine, summarize, writeReport } from './report-file';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    usage: { type: 'string', default: 'PublicTest' },
    out: { type: 'string', default: 'libs/fer/reports/face-api-expressions-fer2013-publictest.json' },
    batch: { type: 'string', default: '64' },
  },
});
if (!values.data) throw new Error('pass --data <folder with train/ and test/ of the FER2013 image release>');

const started = Date.now();
const faceapi = await loadFaceApiNode(['faceExpressionNet']);
const samples = await loadFer2013Folder(values.data, { usages: [values.usage as Fer2013Usage] });
console.log(`${samples.length} ${values.usage} images`);
const probabilities: Float64Array[] = [];
const batch = Number(values.batch);
for (let i = 0; i < samples.length; i += batch) {
  probabilities.push(
    ...(await faceApiExpressionProbabilities(
      faceapi,
      samples.slice(i, i + batch).map((s) => s.image),
    )),
  );
}
const yTrue = samples.map((s) => FER2013_CLASSES.indexOf(s.emotion));
const report = classificationReport(yTrue, probabilities, FER2013_CLASSES);
const grouped = classificationReport(
  samples.map((s) => VALENCE_4_GROUPING.groups.indexOf(groupEmotion(VALENCE_4_GROUPING, s.emotion))),
  probabilities.map((p) => groupProbabilities(VALENCE_4_GROUPING, FER2013_CLASSES, p)),
  VALENCE_4_GROUPING.groups,
);
const seconds = (Date.now() - started) / 1000;
console.log(summarize(`face-api faceExpressionNet on FER2013 ${values.usage}`, report));
console.log(summarize(`  same, grouped ${VALENCE_4_GROUPING.name}`, grouped));
await writeReport(values.out!, {
  model: 'face-api.js faceExpressionNet (@vladmandic/face-api 1.7.15 weights, tfjs wasm backend)',
  dataset: `FER2013 image-folder release, ${values.usage}`,
  note: 'The images are 48x48 face crops fed to the network directly (no detection or alignment).',
  command: commandLine(),
  seconds,
  report,
  grouped: { grouping: VALENCE_4_GROUPING, report: grouped },
});
console.log(`report written to ${values.out} (${seconds.toFixed(0)} s)`);
