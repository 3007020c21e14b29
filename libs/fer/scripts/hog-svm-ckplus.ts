// HOG (+ optional uniform LBP histograms and 68-landmark geometry) + SVM on CK+48 with subject-wise
// 10-fold cross-validation.
// Nested: in every outer fold the SVM kernel and C/gamma/degree are chosen by an inner subject-wise
// grid search on the training subjects only, so the test subjects never influence any choice.
// The chosen SVM is refitted with Platt probabilities (libsvm -b 1, fitted by libsvm's internal CV on
// the training fold only); --oof writes every frame's out-of-fold probabilities in the trainer's
// out-of-fold format (apps/trainer/src/tasks/fer/fer-out-of-fold.ts) for `--cv-ensemble`.
// --cnn-features <model dir> appends a FER CNN's penultimate activations (a model trained on other
// data, e.g. FER2013: it never sees CK+, so the features are fixed before any fold is drawn);
// --cnn-flip averages them with those of the mirrored face. Several comma-separated model directories
// concatenate their activations, and so do several comma-separated --cnn-layer names (each layer's
// output flattened, e.g. `flatten,fc1024_relu`: the last pooled feature maps and the dense layer).
// Layer settings separated by '|' (e.g. `pool2|flatten|fc1024_relu`) are alternatives: the inner
// grid search of each outer fold runs on each and keeps the best, so the layer is chosen on the
// training subjects only, like the kernel. --kernels limits the grid to some kernels.
//   npx tsx libs/fer/scripts/hog-svm-ckplus.ts --data ../shared/data/ckplus48/CK+48
//     [--lbp [--lbp-grid 6]] [--landmarks]
//     [--cnn-features <tfjs model dir>[,<dir>...] [--cnn-layer fc1024_relu[,<layer>...][|<layers>...]] [--cnn-flip]]
//     [--kernels linear[,rbf,polynomial]] [--oof runs/x/oof.json]
//     [--out <report.json>]   (default: libs/fer/reports/<features>[-<CNN models>-<layers>[-mirror]]-svm-ckplus48-subject-10fold.json)
import { basename, dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend the CNN features run on (without --landmarks face-api does not load).
import '@tensorflow/tfjs-backend-wasm';

import type { HogOptions, LbpOptions, SvmParams } from '@visioncad/vision-core/features';
import { classificationReport, meanAndSd } from '@visioncad/vision-core/metrics';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import { classicalFeatures, type ClassicalFeatureSpec } from '../src/classical/svm-expression-model';
import { nestedSubjectSvm, parseSvmKernels, svmCandidates } from '../src/classical/subject-svm-selection';
import { cropLandmarks68 } from '../src/face/face-api-detector';
import type { Point } from '../src/face/landmarks-68';
import { buildCnnActivations, cnnActivationRows } from '../src/models/cnn-activations';
import { CKPLUS_CLASSES } from '../src/label-space';
import { loadCkplus48 } from '../src/node/ckplus48';
import { loadFaceApiNode } from '../src/node/face-api';
import { commandLine, summarize, writeReport } from './report-file';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    folds: { type: 'string', default: '10' },
    'inner-folds': { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
    cell: { type: 'string', default: '8' },
    landmarks: { type: 'boolean', default: false },
    lbp: { type: 'boolean', default: false },
    'lbp-grid': { type: 'string', default: '6' },
    scaling: { type: 'string', default: 'z-score' },
    out: { type: 'string' },
    oof: { type: 'string' },
    'cnn-features': { type: 'string' },
    'cnn-layer': { type: 'string', default: 'fc1024_relu' },
    'cnn-flip': { type: 'boolean', default: false },
    kernels: { type: 'string', default: 'linear,rbf,polynomial' },
  },
});
if (!values.data) throw new Error('pass --data <CK+48 folder with the emotion sub-folders>');
const scaling = values.scaling as 'z-score' | 'min-max';
const seed = Number(values.seed);
const hogOptions: HogOptions = {
  cellSize: Number(values.cell),
  blockSize: 2,
  blockStride: 1,
  orientations: 9,
};
// Uniform LBP(8,1) histograms over a grid of regions (Ahonen et al.; Shan et al. for expressions).
const lbpGrid = Number(values['lbp-grid']);
if (!Number.isInteger(lbpGrid) || lbpGrid < 1) {
  throw new Error(`--lbp-grid "${values['lbp-grid']}": give the regions per side as a positive integer`);
}
const lbpOptions: LbpOptions = { points: 8, radius: 1, mapping: 'uniform', gridX: lbpGrid, gridY: lbpGrid };
const cnnDirs = (values['cnn-features'] ?? '').split(',').filter((dir) => dir.length > 0);
const features = [
  'hog',
  ...(values.lbp ? ['lbp'] : []),
  ...(values.landmarks ? ['landmarks'] : []),
  ...(cnnDirs.length > 1 ? [`cnn${cnnDirs.length}`] : cnnDirs.length === 1 ? ['cnn'] : []),
].join('+');
// Each '|'-separated setting is one alternative: a list of layers whose activations are concatenated.
const cnnLayerSets = values['cnn-layer']!.split('|').map((set) =>
  set.split(',').filter((name) => name.length > 0),
);
if (cnnLayerSets.some((set) => set.length === 0)) {
  throw new Error(`--cnn-layer "${values['cnn-layer']}": every setting needs at least one layer name`);
}
const kernels = parseSvmKernels(values.kernels!);
// The default report name names every setting that changes the features (CNN models, layers,
// mirror averaging), so runs with different CNN features never overwrite each other's reports.
/** A model folder's name; a run's model/ folder is named by its run (runs/x/model -> x). */
function modelFolderName(dir: string): string {
  const clean = dir.replace(/[/\\]+$/, '');
  return basename(clean) === 'model' ? basename(dirname(clean)) : basename(clean);
}
const cnnName =
  cnnDirs.length === 0
    ? ''
    : [
        ...cnnDirs.map(modelFolderName),
        cnnLayerSets.map((set) => set.join('-')).join('-or-'),
        ...(values['cnn-flip'] ? ['mirror'] : []),
      ].join('-');
const out =
  values.out ??
  `libs/fer/reports/${features.replaceAll('+', '-')}${cnnName ? `-${cnnName}` : ''}-svm-ckplus48-subject-10fold.json`;

const started = Date.now();
const frames = await loadCkplus48(values.data);
const labels = frames.map((f) => CKPLUS_CLASSES.indexOf(f.emotion));
// face-api's landmark net on the 48x48 crop itself (CK+48 frames are already face crops).
const frameLandmarks: (Point[] | undefined)[] = [];
if (values.landmarks) {
  const faceapi = await loadFaceApiNode(['faceLandmark68Net']);
  for (const f of frames) frameLandmarks.push(await cropLandmarks68(faceapi, f.image));
}
const featureSpec: ClassicalFeatureSpec = {
  hog: hogOptions,
  ...(values.lbp ? { lbp: lbpOptions } : {}),
  landmarks: values.landmarks,
};
// HOG, LBP and landmark geometry concatenated as the classical model does.
const baseRows = frames.map((f, i) =>
  classicalFeatures({ face: f.image, landmarks: frameLandmarks[i] }, featureSpec, f.path),
);
/**
 * A FER CNN's activations for every frame (faces scaled to [0, 1] as in training), one entry per
 * layer setting; the model is loaded once for all of them.
 */
async function cnnActivations(dir: string, layerSets: readonly string[][]) {
  const card = await readModelCard(dir);
  if (card.data.dataset === 'CK+48') {
    throw new Error(`${dir} was trained on CK+48; its features would carry the test subjects' labels`);
  }
  if (tf.getBackend() !== 'wasm') {
    await tf.setBackend('wasm');
    await tf.ready();
  }
  const model = await loadModel(dir);
  const perSet = [];
  for (const cnnLayers of layerSets) perSet.push(await layerActivations(dir, card, model, cnnLayers));
  model.dispose();
  return perSet;
}
/** One layer setting's activations of a loaded CNN (see cnnActivations). */
async function layerActivations(
  dir: string,
  card: Awaited<ReturnType<typeof readModelCard>>,
  model: tf.LayersModel,
  cnnLayers: readonly string[],
) {
  const extractor = buildCnnActivations(model, cnnLayers, values['cnn-flip']!, dir);
  const cnnRows = await cnnActivationRows(
    extractor,
    frames.map((f) => f.image),
  );
  const source = {
    model: dir,
    name: card.name,
    dataset: card.data.dataset,
    layer: cnnLayers.length === 1 ? cnnLayers[0] : [...cnnLayers],
    units: cnnRows[0].length,
    mirrorAveraged: values['cnn-flip']!,
  };
  return { rows: cnnRows, source };
}
type CnnSource = Awaited<ReturnType<typeof layerActivations>>['source'];
/** One feature setting: HOG (+ landmarks) (+ the CNN layers of one --cnn-layer alternative). */
interface FeatureSet {
  cnnLayers: string[] | null;
  cnn: CnnSource[];
  rows: Float32Array[];
  candidates: SvmParams[];
}
// --cnn-features takes one model directory or several, comma-separated: their activations are
// concatenated in the order given.
const perModel: Awaited<ReturnType<typeof cnnActivations>>[] = [];
for (const dir of cnnDirs) perModel.push(await cnnActivations(dir, cnnLayerSets));
const featureSets: FeatureSet[] = (cnnDirs.length > 0 ? cnnLayerSets : [null]).map((layers, s) => {
  const cnn = perModel.map((sets) => sets[s].source);
  const rows = baseRows.map((r, i) =>
    Float32Array.from([...r, ...perModel.flatMap((sets) => [...sets[s].rows[i]])]),
  );
  return { cnnLayers: layers, cnn, rows, candidates: svmCandidates(rows[0].length, kernels) };
});
const subjects = new Set(frames.map((f) => f.subject));
for (const set of featureSets) {
  console.log(
    `${frames.length} frames, ${subjects.size} subjects, ${set.rows[0].length} features (${features}` +
      `${set.cnnLayers ? `: ${set.cnnLayers.join(',')}` : ''})`,
  );
}

const folds = Number(values.folds);
const {
  predicted,
  probabilities,
  foldOf,
  folds: outerResults,
} = await nestedSubjectSvm(
  featureSets,
  labels,
  frames.map((f) => f.subject),
  folds,
  {
    scaling,
    numClasses: CKPLUS_CLASSES.length,
    innerFolds: Number(values['inner-folds']),
    seed,
    onSetScore: (set, score) =>
      console.log(`  inner: ${featureSets[set].cnnLayers!.join(',')} ${score.toFixed(4)}`),
    onFold: (f, fold) =>
      console.log(
        `fold ${f + 1}/${folds}: ${featureSets.length > 1 ? `${featureSets[fold.chosen.set].cnnLayers!.join(',')} ` : ''}` +
          `${JSON.stringify(fold.chosen.params)} inner ${fold.chosen.score.toFixed(3)}, ` +
          `test accuracy ${fold.accuracy.toFixed(3)} on ${fold.testFrames} frames`,
      ),
  },
);
const perFold = outerResults.map((fold) => ({
  testSubjects: fold.testSubjects,
  testFrames: fold.testFrames,
  chosen: fold.chosen.params,
  ...(featureSets.length > 1 ? { cnnLayers: featureSets[fold.chosen.set].cnnLayers! } : {}),
  innerScore: fold.chosen.score,
  accuracy: fold.accuracy,
}));
/** The report's `cnn` entry for one feature setting. */
function cnnSources(cnn: CnnSource[]) {
  return cnn.length === 1 ? { cnn: cnn[0] } : cnn.length > 1 ? { cnn } : {};
}
const report = classificationReport(labels, predicted, CKPLUS_CLASSES);
// The same folds scored by the argmax of the Platt probabilities (what an ensemble averages).
const probabilityReport = classificationReport(labels, probabilities, CKPLUS_CLASSES);
const accuracies = perFold.map((p) => p.accuracy);
const [mean, std] = meanAndSd(accuracies);
const seconds = (Date.now() - started) / 1000;
console.log(summarize(`${features} + SVM, CK+48 subject-wise ${folds}-fold (pooled)`, report));
console.log(`per-fold accuracy ${(100 * mean).toFixed(2)}% ± ${(100 * std).toFixed(2)}%`);
console.log(summarize('argmax of the Platt probabilities', probabilityReport));
if (values.oof) {
  await writeReport(values.oof, {
    format: 'visioncad-out-of-fold-v1',
    model: `${features} + SVM (libsvm C-SVC, Platt probabilities), ${scaling} scaling`,
    command: commandLine(),
    dataset: 'CK+48',
    data: values.data,
    folds: folds,
    seed,
    labels: [...CKPLUS_CLASSES],
    samples: frames.map((f, i) => ({
      file: relative(values.data!, f.source),
      subject: f.subject,
      fold: foldOf[i],
      label: CKPLUS_CLASSES[labels[i]],
      probabilities: probabilities[i],
    })),
  });
  console.log(`out-of-fold predictions written to ${values.oof}`);
}
await writeReport(out, {
  model: `${features} + SVM (libsvm C-SVC), ${scaling} scaling`,
  dataset: 'CK+48 (981 frames = 327 sequences x last 3 frames, 118 subjects, 7 classes)',
  protocol:
    `subject-wise ${folds}-fold CV (seed ${seed}); in each outer fold a subject-wise ` +
    `${values['inner-folds']}-fold grid search on the training subjects picks ` +
    `${featureSets.length > 1 ? 'the CNN layer setting and ' : ''}kernel/C/gamma/degree; ` +
    'report pools the out-of-fold predictions of all frames',
  features: {
    ...featureSpec,
    // One CNN: its source as before; several: the list, in the order their features are concatenated;
    // several layer settings: one such entry per alternative.
    ...(featureSets.length > 1
      ? { cnnAlternatives: featureSets.map((set) => cnnSources(set.cnn)) }
      : cnnSources(featureSets[0].cnn)),
  },
  candidates: featureSets.length > 1 ? featureSets.map((set) => set.candidates) : featureSets[0].candidates,
  command: commandLine(),
  seconds,
  perFold,
  perFoldAccuracy: { mean, std },
  report,
  probabilities:
    "Platt scaling (libsvm -b 1: sigmoid fitted by libsvm's internal 5-fold CV on the training fold, pairwise coupled); probabilityReport scores their argmax",
  probabilityReport,
});
console.log(`report written to ${out} (${seconds.toFixed(0)} s)`);
