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

import {
  applyScaler,
  fitScaler,
  SvmClassifier,
  svmGridSearch,
  svmParameterGrid,
  type HogOptions,
  type LbpOptions,
  type SvmParams,
} from '@visioncad/vision-core/features';
import { findNestedLayer } from '@visioncad/vision-core/ensemble';
import { classificationReport } from '@visioncad/vision-core/metrics';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import { classicalFeatures, type ClassicalFeatureSpec } from '../src/classical/svm-expression-model';
import { ckplusSubjectFolds } from '../src/datasets/ckplus';
import { toFaceApiTensor } from '../src/face/face-api-detector';
import type { Point } from '../src/face/landmarks-68';
import { buildFlipAveraging } from '../src/models/flip-averaging';
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
const KERNELS = ['linear', 'rbf', 'polynomial'] as const;
const kernels = values.kernels!.split(',');
const unknownKernel = kernels.find((k) => !(KERNELS as readonly string[]).includes(k));
if (unknownKernel !== undefined) {
  throw new Error(`--kernels "${values.kernels}": use one or more of ${KERNELS.join(', ')}`);
}
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
  for (const f of frames) {
    const t = toFaceApiTensor(faceapi, f.image);
    const result = await faceapi.nets.faceLandmark68Net.detectLandmarks(t);
    t.dispose();
    const points = (Array.isArray(result) ? result[0] : result).positions;
    frameLandmarks.push(points.map((p) => ({ x: p.x, y: p.y })));
  }
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
  const found = cnnLayers.map((name) => {
    const hit = findNestedLayer(model, name);
    if (!hit) {
      throw new Error(
        `${dir} has no layer "${name}"; its layers: ${model.layers.map((l) => l.name).join(', ')}`,
      );
    }
    return hit;
  });
  const { owner } = found[0];
  if (found.some((hit) => hit.owner !== owner)) {
    throw new Error(`${dir}: the layers ${cnnLayers.join(', ')} are not all in the same network`);
  }
  // A shipped model may wrap the CNN (test-time views): the features come from the CNN itself, each
  // layer's output flattened and the layers concatenated in the order given.
  const outputs = found.map(({ layer }) => {
    const output = layer.output as tf.SymbolicTensor;
    return output.shape.length > 2 ? (tf.layers.flatten().apply(output) as tf.SymbolicTensor) : output;
  });
  const activations = tf.model({
    inputs: owner.inputs,
    outputs: outputs.length > 1 ? (tf.layers.concatenate().apply(outputs) as tf.SymbolicTensor) : outputs[0],
  });
  // With --cnn-flip: the mean of the face's and its mirror image's activations.
  const extractor = values['cnn-flip'] ? buildFlipAveraging(activations) : activations;
  const cnnRows: Float32Array[] = [];
  for (let start = 0; start < frames.length; start += 128) {
    const batch = frames.slice(start, start + 128);
    const x = tf.tidy(() =>
      tf.stack(
        batch.map((f) =>
          tf.tensor3d(
            Float32Array.from(f.image.data, (v) => v / 255),
            [48, 48, 1],
          ),
        ),
      ),
    );
    const y = extractor.predict(x) as tf.Tensor2D;
    const values2d = (await y.array()) as number[][];
    cnnRows.push(...values2d.map((r) => Float32Array.from(r)));
    tf.dispose([x, y]);
  }
  const source = {
    model: dir,
    name: card.name,
    dataset: card.data.dataset,
    layer: found.length === 1 ? found[0].layer.name : found.map(({ layer }) => layer.name),
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
/** The SVM grid for `d` features. Kept to 16 candidates: each outer fold runs it on 3 inner folds. */
function svmCandidates(d: number): SvmParams[] {
  const grids = {
    linear: () => svmParameterGrid({ kernels: ['linear'], C: [0.01, 0.1, 1] }),
    rbf: () => svmParameterGrid({ kernels: ['rbf'], C: [1, 10, 100], gamma: [0.5 / d, 1 / d, 2 / d] }),
    polynomial: () =>
      svmParameterGrid({ kernels: ['polynomial'], C: [1, 10], gamma: [1 / d], degree: [2, 3] }),
  };
  return KERNELS.filter((k) => kernels.includes(k)).flatMap((k) => grids[k]());
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
  return { cnnLayers: layers, cnn, rows, candidates: svmCandidates(rows[0].length) };
});
const subjects = new Set(frames.map((f) => f.subject));
for (const set of featureSets) {
  console.log(
    `${frames.length} frames, ${subjects.size} subjects, ${set.rows[0].length} features (${features}` +
      `${set.cnnLayers ? `: ${set.cnnLayers.join(',')}` : ''})`,
  );
}

const outerFolds = ckplusSubjectFolds(frames, Number(values.folds), seed);
const predicted = new Int32Array(frames.length);
const probabilities: number[][] = new Array(frames.length);
const foldOf = new Int32Array(frames.length);
const perFold: {
  testSubjects: number;
  testFrames: number;
  chosen: SvmParams;
  cnnLayers?: string[];
  innerScore: number;
  accuracy: number;
}[] = [];
for (const [f, outer] of outerFolds.entries()) {
  const trainFrames = outer.train.map((i) => frames[i]);
  const inner = ckplusSubjectFolds(trainFrames, Number(values['inner-folds']), seed + 1);
  // The inner folds choose the feature setting (an earlier one wins a tie) and its SVM parameters.
  let chosenSet = featureSets[0];
  let search: Awaited<ReturnType<typeof svmGridSearch>> | undefined;
  for (const set of featureSets) {
    const setSearch = await svmGridSearch(
      outer.train.map((i) => set.rows[i]),
      outer.train.map((i) => labels[i]),
      inner,
      set.candidates,
      { scaling, numClasses: CKPLUS_CLASSES.length },
    );
    if (featureSets.length > 1) {
      console.log(
        `  fold ${f + 1} inner: ${set.cnnLayers!.join(',')} ${setSearch.best.meanScore.toFixed(4)}`,
      );
    }
    if (!search || setSearch.best.meanScore > search.best.meanScore) {
      search = setSearch;
      chosenSet = set;
    }
  }
  if (!search) throw new Error('no feature setting to search');
  const { rows } = chosenSet;
  // The chosen SVM on the whole training fold (scaler fitted there too), with Platt probabilities.
  const scaler = fitScaler(
    outer.train.map((i) => rows[i]),
    scaling,
  );
  const svm = await SvmClassifier.train(
    applyScaler(
      scaler,
      outer.train.map((i) => rows[i]),
    ),
    outer.train.map((i) => labels[i]),
    { ...search.best.params, probability: true },
    CKPLUS_CLASSES.length,
  );
  const testRows = applyScaler(
    scaler,
    outer.test.map((i) => rows[i]),
  );
  // libsvm's own decision (one-vs-one voting), as before probabilities were added.
  const foldPredictions = svm.predict(testRows);
  const foldProbabilities = svm.predictProbabilities(testRows);
  svm.dispose();
  outer.test.forEach((i, k) => {
    predicted[i] = foldPredictions[k];
    probabilities[i] = Array.from(foldProbabilities[k]);
    foldOf[i] = f;
  });
  const correct = outer.test.filter((i, k) => labels[i] === foldPredictions[k]).length;
  perFold.push({
    testSubjects: new Set(outer.test.map((i) => frames[i].subject)).size,
    testFrames: outer.test.length,
    chosen: search.best.params,
    ...(featureSets.length > 1 ? { cnnLayers: chosenSet.cnnLayers! } : {}),
    innerScore: search.best.meanScore,
    accuracy: correct / outer.test.length,
  });
  console.log(
    `fold ${f + 1}/${outerFolds.length}: ${featureSets.length > 1 ? `${chosenSet.cnnLayers!.join(',')} ` : ''}` +
      `${JSON.stringify(search.best.params)} inner ${search.best.meanScore.toFixed(3)}, ` +
      `test accuracy ${(correct / outer.test.length).toFixed(3)} on ${outer.test.length} frames`,
  );
}
/** The report's `cnn` entry for one feature setting. */
function cnnSources(cnn: CnnSource[]) {
  return cnn.length === 1 ? { cnn: cnn[0] } : cnn.length > 1 ? { cnn } : {};
}
const report = classificationReport(labels, predicted, CKPLUS_CLASSES);
// The same folds scored by the argmax of the Platt probabilities (what an ensemble averages).
const probabilityReport = classificationReport(labels, probabilities, CKPLUS_CLASSES);
const accuracies = perFold.map((p) => p.accuracy);
const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
const std = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / accuracies.length);
const seconds = (Date.now() - started) / 1000;
console.log(summarize(`${features} + SVM, CK+48 subject-wise ${outerFolds.length}-fold (pooled)`, report));
console.log(`per-fold accuracy ${(100 * mean).toFixed(2)}% ± ${(100 * std).toFixed(2)}%`);
console.log(summarize('argmax of the Platt probabilities', probabilityReport));
if (values.oof) {
  await writeReport(values.oof, {
    format: 'visioncad-out-of-fold-v1',
    model: `${features} + SVM (libsvm C-SVC, Platt probabilities), ${scaling} scaling`,
    command: commandLine(),
    dataset: 'CK+48',
    data: values.data,
    folds: outerFolds.length,
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
    `subject-wise ${outerFolds.length}-fold CV (seed ${seed}); in each outer fold a subject-wise ` +
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
