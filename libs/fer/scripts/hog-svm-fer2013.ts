// HOG + SVM on FER2013: grid search (stratified k-fold) on a seeded subset of Training, final fit on a
// larger seeded subset of Training (the full 28,709 is too slow for a kernel SVM on 2 cores), scored
// on every PublicTest image.
//   npx tsx libs/fer/scripts/hog-svm-fer2013.ts --data ../shared/data/fer2013
import { parseArgs } from 'node:util';

import {
  applyScaler,
  fitScaler,
  hog,
  kFold,
  stratifiedSample,
  svmGridSearch,
  svmParameterGrid,
  SvmClassifier,
  type HogOptions,
} from '@visioncad/vision-core/features';
import { classificationReport } from '@visioncad/vision-core/metrics';

import { FER2013_CLASSES } from '../src/label-space';
import { decodeGrayImages } from '../src/node/decode-gray-images';
import { listFer2013Folder } from '../src/node/fer2013-folder';
import type { Fer2013ImageFile } from '../src/datasets/fer2013';
import { commandLine, summarize, writeReport } from './report-file';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    'train-size': { type: 'string', default: '10000' },
    'grid-size': { type: 'string', default: '2000' },
    folds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
    cell: { type: 'string', default: '8' },
    scaling: { type: 'string', default: 'z-score' },
    out: { type: 'string', default: 'libs/fer/reports/hog-svm-fer2013-publictest.json' },
  },
});
if (!values.data) throw new Error('pass --data <folder with train/ and test/ of the FER2013 image release>');
const seed = Number(values.seed);
const scaling = values.scaling as 'z-score' | 'min-max';
const hogOptions: HogOptions = {
  cellSize: Number(values.cell),
  blockSize: 2,
  blockStride: 1,
  orientations: 9,
};
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

async function features(files: readonly Fer2013ImageFile[]) {
  const images = await decodeGrayImages(
    files.map((f) => f.path),
    { size: { width: 48, height: 48 } },
  );
  return {
    rows: images.map((image) => hog(image, hogOptions)),
    labels: files.map((f) => FER2013_CLASSES.indexOf(f.emotion)),
  };
}

const all = await listFer2013Folder(values.data);
const allTraining = all.filter((f) => f.usage === 'Training');
const trainFiles = stratifiedSample(
  allTraining.map((f) => FER2013_CLASSES.indexOf(f.emotion)),
  Math.min(Number(values['train-size']), allTraining.length),
  { seed },
).map((i) => allTraining[i]);
const testFiles = all.filter((f) => f.usage === 'PublicTest');
const train = await features(trainFiles);
const test = await features(testFiles);
console.log(
  `train subset ${train.rows.length}, PublicTest ${test.rows.length}, ${train.rows[0].length} HOG features (${elapsed()})`,
);

const gridIndices = stratifiedSample(train.labels, Number(values['grid-size']), { seed: seed + 1 });
const d = train.rows[0].length;
// Eight candidates: on 2 shared cores each fit on a few thousand 900-d rows takes tens of seconds.
const candidates = [
  ...svmParameterGrid({ kernels: ['linear'], C: [0.1] }),
  ...svmParameterGrid({ kernels: ['rbf'], C: [1, 10], gamma: [0.5 / d, 1 / d, 2 / d] }),
  ...svmParameterGrid({ kernels: ['polynomial'], C: [1], gamma: [1 / d], degree: [2] }),
];
const gridLabels = gridIndices.map((i) => train.labels[i]);
const search = await svmGridSearch(
  gridIndices.map((i) => train.rows[i]),
  gridLabels,
  kFold(gridIndices.length, Number(values.folds), { seed, stratify: gridLabels }),
  candidates,
  {
    scaling,
    numClasses: FER2013_CLASSES.length,
    onResult: (r) => console.log(`  ${JSON.stringify(r.params)}: ${r.meanScore.toFixed(4)} (${elapsed()})`),
  },
);
console.log(`best ${JSON.stringify(search.best.params)} CV accuracy ${search.best.meanScore.toFixed(4)}`);

const scaler = fitScaler(train.rows, scaling);
const svm = await SvmClassifier.train(
  applyScaler(scaler, train.rows),
  train.labels,
  search.best.params,
  FER2013_CLASSES.length,
);
console.log(`final fit on ${train.rows.length}: ${svm.supportVectorCount} support vectors (${elapsed()})`);
const predicted = svm.predict(applyScaler(scaler, test.rows));
svm.dispose();
const report = classificationReport(test.labels, predicted, FER2013_CLASSES);
console.log(summarize('HOG + SVM on FER2013 PublicTest', report));
await writeReport(values.out!, {
  model: `HOG + SVM (libsvm C-SVC), ${scaling} scaling`,
  dataset: 'FER2013 image-folder release: train on a Training subset, test on all of PublicTest',
  protocol:
    `stratified seeded subset of ${train.rows.length} Training images (seed ${seed}); grid search by stratified ` +
    `${values.folds}-fold CV on ${gridIndices.length} of them; final fit on the whole subset; PublicTest never used before scoring`,
  features: { hog: hogOptions },
  gridSearch: search.results,
  chosen: search.best.params,
  command: commandLine(),
  seconds: (Date.now() - started) / 1000,
  report,
});
console.log(`report written to ${values.out} (${elapsed()})`);
