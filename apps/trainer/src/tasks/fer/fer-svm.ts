// `trainer train --task fer-svm`: the classical FER model of seed 003 (HOG, optional uniform LBP and
// 68-landmark geometry, optional activations of a FER CNN trained on other data, kernel SVM) on faces
// grouped by subject (CK+48, JAFFE, an emotion folder). Nested subject-wise k-fold cross-validation
// measures the whole procedure (feature setting, kernel and C/gamma chosen inside each training
// fold, so the test subjects never influence a choice); the shipped model is that procedure run on
// every subject. `trainer evaluate --model <dir>` scores it on other data (FER2013 PublicTest, JAFFE).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildCnnActivations,
  classicalFeatures,
  cnnActivationRows,
  cropFace,
  eyeFraming,
  nestedSubjectSvm,
  parseSvmKernels,
  selectSubjectSvm,
  svmCandidates,
  SvmExpressionModel,
  type ClassicalFeatureSpec,
  type ClassicalInput,
  type EyeFraming,
  type Point,
} from '@visioncad/fer';
import { FER_SVM_FILE, readSvmExpressionModelFile } from '@visioncad/fer/node';
import type { ScalingMethod } from '@visioncad/vision-core/features';
import { classificationReport, meanAndSd } from '@visioncad/vision-core/metrics';
import { shellWords, type ModelCard } from '@visioncad/vision-core/models';
import {
  readJoinedFittedOn,
  readModelCard,
  withPriorFittedOn,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { FER_INPUT_SIZE, loadFerDataset, parseFerFormat, type FerFace } from './fer-datasets';
import { partitionScores, scoreFer } from './fer-evaluation';
import { evaluationFaces, FER2013_TEST_USAGES, ferFittedOn } from './fer-held-out';
import { ferLabelIndex } from './fer-labels';
import { OUT_OF_FOLD_FORMAT, writeOutOfFold } from './fer-out-of-fold';
import { faceLandmarks } from './fer-framing';
import { writeFerPlots } from './fer-plots';

export const FER_SVM_USAGE = `trainer train --task fer-svm [options]
  --data <dir>            faces grouped by subject (required): a CK+48, JAFFE or emotion folder
  --format <name>         ckplus48 (default), jaffe or emotion-folder
  --lbp                   add uniform LBP(8,1) histograms over a grid of regions
  --lbp-grid <n>          LBP regions per side (default 6)
  --landmarks             add 68-landmark geometry (face-api's landmark net on the crop)
  --cnn-features <dir>    add the activations of a FER CNN trained on other data (e.g. FER2013)
  --cnn-layer <layers>    comma-separated layers whose outputs are concatenated (default fc1024_relu);
                          '|' separates alternatives the subject-wise grid search chooses between
  --cnn-flip              average the face's and its mirror image's CNN activations
  --kernels <list>        SVM kernels searched: linear,rbf,polynomial (default all three)
  --scaling <method>      z-score (default) or min-max
  --folds <k>             outer subject folds measuring the procedure (default 10; 0 skips the measurement)
  --inner-folds <k>       subject folds of the grid search (default 3)
  --seed <n>              fold seed (default 0)
  --run <dir>             cross-validation metrics, plots and out-of-fold predictions (default runs/fer-svm)
  --out <dir>             model directory (default models/fer-svm-ckplus; the portal serves the
                          one models/registry.json names under fer-posed)`;

/** HOG of the 48x48 crop: 8 px cells, 2x2-cell blocks at a 1-cell stride, 9 orientations. */
const HOG = { cellSize: 8, blockSize: 2, blockStride: 1, orientations: 9 } as const;

/** Face features for one CNN layer setting (or none): the model's inputs, one per face. */
async function classicalInputs(
  faces: readonly FerFace[],
  spec: ClassicalFeatureSpec,
  cnnDir: string | undefined,
  layerSets: readonly string[][],
  flip: boolean,
  points?: readonly Point[][],
): Promise<ClassicalInput[][]> {
  const landmarks = spec.landmarks ? (points ?? (await faceLandmarks(faces))) : undefined;
  const activations: Float32Array[][] = [];
  if (cnnDir) {
    const model = await loadModel(cnnDir);
    try {
      for (const layers of layerSets) {
        const extractor = buildCnnActivations(model, layers, flip, cnnDir);
        activations.push(
          await cnnActivationRows(
            extractor,
            faces.map((f) => f.image),
          ),
        );
      }
    } finally {
      model.dispose();
    }
  }
  return (cnnDir ? layerSets : [[]]).map((_, s) =>
    faces.map((f, i) => ({ face: f.image, landmarks: landmarks?.[i], cnn: activations[s]?.[i] })),
  );
}

/** The eye framing in words: midpoint and distance as fractions of the crop side. */
function framingText({ x, y, distance }: EyeFraming): string {
  return `midpoint (${x.toFixed(3)}, ${y.toFixed(3)}), ${distance.toFixed(3)} apart, of the side`;
}

/**
 * Each face cut again as the model's training crops were (its landmarks on the dataset's crop place
 * the eyes where `framing` says), as the portal cuts the faces it detects.
 */
async function reframed(faces: readonly FerFace[], framing: EyeFraming, size: number): Promise<FerFace[]> {
  const points = await faceLandmarks(faces);
  return faces.map((f, i) => ({
    ...f,
    image: cropFace(
      f.image,
      { box: { x: 0, y: 0, width: f.image.width, height: f.image.height }, landmarks: points[i] },
      { size, eyes: framing },
    ),
  }));
}

/** The feature names in the order they are concatenated, e.g. `hog+lbp+landmarks+cnn`. */
function featureNames(spec: ClassicalFeatureSpec, cnn: boolean): string {
  return [
    'hog',
    ...(spec.lbp ? ['lbp'] : []),
    ...(spec.landmarks ? ['landmarks'] : []),
    ...(cnn ? ['cnn'] : []),
  ].join('+');
}

function positiveInteger(value: string, option: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new Error(`${option} "${value}": give a ${allowZero ? 'non-negative' : 'positive'} integer`);
  }
  return n;
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      format: { type: 'string', default: 'ckplus48' },
      lbp: { type: 'boolean', default: false },
      'lbp-grid': { type: 'string', default: '6' },
      landmarks: { type: 'boolean', default: false },
      'cnn-features': { type: 'string' },
      'cnn-layer': { type: 'string', default: 'fc1024_relu' },
      'cnn-flip': { type: 'boolean', default: false },
      kernels: { type: 'string', default: 'linear,rbf,polynomial' },
      scaling: { type: 'string', default: 'z-score' },
      folds: { type: 'string', default: '10' },
      'inner-folds': { type: 'string', default: '3' },
      seed: { type: 'string', default: '0' },
      run: { type: 'string', default: 'runs/fer-svm' },
      out: { type: 'string', default: 'models/fer-svm-ckplus' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) throw new Error('--data <folder> is required: a CK+48, JAFFE or emotion folder');
  const format = parseFerFormat(values.format!);
  if (values.scaling !== 'z-score' && values.scaling !== 'min-max') {
    throw new Error(`--scaling "${values.scaling}": use z-score or min-max`);
  }
  const scaling: ScalingMethod = values.scaling;
  const kernels = parseSvmKernels(values.kernels!);
  const lbpGrid = positiveInteger(values['lbp-grid']!, '--lbp-grid');
  const outerFolds = positiveInteger(values.folds!, '--folds', true);
  const innerFolds = positiveInteger(values['inner-folds']!, '--inner-folds');
  const seed = positiveInteger(values.seed!, '--seed', true);
  const cnnDir = values['cnn-features'];
  const layerSets = values['cnn-layer']!.split('|').map((set) => set.split(',').filter((n) => n.length > 0));
  if (layerSets.some((set) => set.length === 0)) {
    throw new Error(`--cnn-layer "${values['cnn-layer']}": every setting needs at least one layer name`);
  }
  const started = Date.now();

  const dataset = await loadFerDataset(format, values.data);
  const faces = dataset.faces;
  const unlabelled = faces.find((f) => f.subject === undefined);
  if (unlabelled) {
    throw new Error(
      `fer-svm selects and measures by subject, and ${unlabelled.source} has none: use a CK+48, JAFFE or emotion folder (<emotion>/<subject>_<name>)`,
    );
  }
  const cnnCard = cnnDir ? await readModelCard(cnnDir) : undefined;
  if (cnnCard && cnnCard.data.dataset === dataset.name) {
    throw new Error(
      `--cnn-features ${cnnDir} was trained on ${dataset.name}; its features would carry the test subjects' labels`,
    );
  }
  const labels = [...dataset.classes];
  const y = faces.map((f) => ferLabelIndex(labels, f.emotion));
  const subjects = faces.map((f) => f.subject!);
  const spec: ClassicalFeatureSpec = {
    hog: { ...HOG },
    ...(values.lbp
      ? { lbp: { points: 8, radius: 1, mapping: 'uniform' as const, gridX: lbpGrid, gridY: lbpGrid } }
      : {}),
    ...(values.landmarks ? { landmarks: true } : {}),
  };
  const cnnSource = (layers: string[]) =>
    cnnDir
      ? { cnn: { model: relative(resolve(values.out!), resolve(cnnDir)), layers, flip: values['cnn-flip']! } }
      : {};
  // Landmarks of every crop: features (with --landmarks) and the eye framing new faces are cut to.
  const points = await faceLandmarks(faces);
  const framing = eyeFraming(faces.map((f, i) => ({ side: f.image.width, landmarks: points[i] })));
  const inputs = await classicalInputs(faces, spec, cnnDir, layerSets, values['cnn-flip']!, points);
  const sets = inputs.map((setInputs, s) => {
    const setSpec = { ...spec, ...cnnSource(layerSets[s]) };
    const rows = setInputs.map((input, i) => classicalFeatures(input, setSpec, faces[i].source));
    return { spec: setSpec, rows, candidates: svmCandidates(rows[0].length, kernels) };
  });
  const features = featureNames(spec, cnnDir !== undefined);
  const setName = (s: number) => (cnnDir ? layerSets[s].join(',') : features);
  console.error(
    `fer-svm: ${faces.length} faces, ${new Set(subjects).size} subjects, eyes at ${framingText(framing)}, ` +
      sets.map((set, s) => `${set.rows[0].length} features (${features}: ${setName(s)})`).join(' or '),
  );
  const options = {
    scaling,
    numClasses: labels.length,
    innerFolds,
    seed,
    onSetScore: (s: number, score: number) =>
      console.error(`fer-svm:   ${setName(s)}: inner accuracy ${score.toFixed(4)}`),
  };
  const command = `npm run trainer -- train --task fer-svm ${shellWords(args)}`;

  const metrics: ModelCard['metrics'] = {};
  if (outerFolds > 0) {
    const cv = await nestedSubjectSvm(sets, y, subjects, outerFolds, {
      ...options,
      onFold: (f, fold) =>
        console.error(
          `fer-svm: fold ${f + 1}/${outerFolds}: ${setName(fold.chosen.set)} ${JSON.stringify(fold.chosen.params)} ` +
            `inner ${fold.chosen.score.toFixed(3)}, test accuracy ${fold.accuracy.toFixed(3)} on ${fold.testFrames} faces`,
        ),
    });
    // The vote is a hard decision: it has no ROC AUC (the Platt probabilities' report has one).
    const { rocAucMacro: _noAuc, ...votes } = classificationReport(y, cv.predicted, labels);
    const platt = scoreFer(labels, dataset.classes, faces, cv.probabilities);
    const [mean, sd] = meanAndSd(cv.folds.map((f) => f.accuracy));
    const cvMetrics = { ...votes, meanFoldAccuracy: mean, sdFoldAccuracy: sd };
    const protocol = `${dataset.name} subject-wise ${outerFolds}-fold (nested)`;
    metrics[protocol] = cvMetrics;
    metrics[`${protocol}, Platt probabilities`] = { ...platt.report };
    await mkdir(values.run!, { recursive: true });
    const metricsPath = join(values.run!, 'cv-metrics.json');
    await writeFile(
      metricsPath,
      JSON.stringify(
        {
          command,
          seed,
          ...cvMetrics,
          folds: cv.folds.map((f) => ({ ...f, chosen: { ...f.chosen, setting: setName(f.chosen.set) } })),
          plattProbabilities: platt.report,
        },
        null,
        2,
      ) + '\n',
    );
    await writeFerPlots(metricsPath, platt);
    await writeOutOfFold(join(values.run!, 'cv-oof.json'), {
      format: OUT_OF_FOLD_FORMAT,
      model: `${features} + SVM (libsvm C-SVC, Platt probabilities), ${scaling} scaling`,
      command,
      dataset: dataset.name,
      data: values.data,
      folds: outerFolds,
      seed,
      labels,
      samples: faces.map((f, i) => ({
        file: relative(values.data!, f.source),
        subject: f.subject,
        fold: cv.foldOf[i],
        label: labels[y[i]],
        probabilities: cv.probabilities[i],
      })),
    });
    console.error(
      `fer-svm: nested ${outerFolds}-fold accuracy ${votes.accuracy.toFixed(4)} (Platt argmax ${platt.report.accuracy.toFixed(4)}); wrote ${metricsPath}`,
    );
  }

  // The shipped model: the same selection on every subject, then one fit with Platt probabilities.
  const chosen = await selectSubjectSvm(
    sets,
    y,
    subjects,
    faces.map((_, i) => i),
    {
      ...options,
      seed: seed + 1,
    },
  );
  const set = sets[chosen.set];
  const model = await SvmExpressionModel.fitFeatures(set.rows, y, FER_INPUT_SIZE, {
    classes: dataset.classes,
    framing,
    features: set.spec,
    scaling,
    svm: { ...chosen.params, probability: true },
  });
  const out = values.out!;
  await mkdir(out, { recursive: true });
  const saved = model.toJSON();
  await writeFile(join(out, FER_SVM_FILE), JSON.stringify(saved) + '\n');
  const d = set.rows[0].length;
  // What the model stores: a linear SVM's pairwise weight vectors and offsets (else its support
  // vectors), plus the scaler's two numbers per feature.
  const pairs = saved.svm.format === 'linear-svm-ovo' ? saved.svm.pairs.length : 0;
  const stored = (pairs > 0 ? pairs * (d + 1) : model.svm.supportVectorCount * d) + 2 * d;
  const { kernel, C, gamma, degree } = chosen.params;
  const svmDescription =
    `${kernel} C-SVC (C ${C}${gamma !== undefined && kernel !== 'linear' ? `, gamma ${gamma.toPrecision(3)}` : ''}` +
    `${kernel === 'polynomial' ? `, degree ${degree}` : ''})`;
  const card: ModelCard = {
    name: basename(resolve(out)),
    version: new Date().toISOString().slice(0, 10),
    task: 'fer-svm',
    architecture:
      `${svmDescription} on ${d} features: HOG (8 px cells, 2x2 blocks, 9 orientations)` +
      (spec.lbp ? `, uniform LBP(8,1) histograms over ${lbpGrid}x${lbpGrid} regions` : '') +
      (spec.landmarks ? ', 68-landmark geometry (face-api)' : '') +
      (set.spec.cnn
        ? `, ${cnnCard!.name} activations (${set.spec.cnn.layers.join(', ')}${set.spec.cnn.flip ? ', averaged with the mirror image' : ''})`
        : '') +
      `; ${scaling} scaling, Platt probabilities`,
    labels,
    input: {
      width: FER_INPUT_SIZE,
      height: FER_INPUT_SIZE,
      channels: 1,
      preprocessing: [
        `face crop framed as ${dataset.name}'s: eyes level, ${framingText(framing)} (svm.json "framing")`,
        'grayscale',
        `resize ${FER_INPUT_SIZE}x${FER_INPUT_SIZE}`,
      ],
      faceFraming: {
        ...framing,
        measured: `at training: face-api's landmarks on all ${faces.length} of its ${dataset.name} training crops`,
      },
    },
    data: {
      dataset: dataset.name,
      split:
        `the shipped model trains on all ${new Set(subjects).size} subjects; kernel, C/gamma/degree` +
        `${sets.length > 1 ? ' and CNN layer' : ''} chosen by subject-wise ${innerFolds}-fold grid search (seed ${seed + 1})` +
        (outerFolds > 0
          ? `; metrics from nested subject-wise ${outerFolds}-fold cross-validation of that whole procedure (seed ${seed}): every face scored by a model that never saw its subject`
          : '; not measured (--folds 0)'),
      trainSize: faces.length,
      testSize: outerFolds > 0 ? faces.length : 0,
      citation: dataset.citation,
    },
    command,
    seed,
    metrics,
    limits: [
      'The class is libsvm\'s one-vs-one vote; the probabilities shown beside it are Platt estimates (libsvm -b 1), whose argmax can differ (the metrics\' "Platt probabilities" entry scores that argmax).',
      `Trained on ${dataset.name}'s posed, frontal, laboratory faces: spontaneous in-the-wild faces (FER2013) score far lower.`,
      ...(set.spec.cnn
        ? [
            `Needs its CNN (${set.spec.cnn.model}) at inference: the features are that network's; retraining the CNN invalidates this SVM.`,
          ]
        : []),
      ...(spec.landmarks ? ["Landmarks come from face-api's 68-point net run on the crop itself."] : []),
    ],
    training: {
      epochs: 0,
      backend: 'libsvm-js (wasm)',
      durationSeconds: Math.round((Date.now() - started) / 1000),
      parameters: stored,
      optimizer: `libsvm SMO; subject-wise ${innerFolds}-fold grid search over ${sets.reduce((n, s) => n + s.candidates.length, 0)} candidates (${kernels.join(', ')}); ${model.svm.supportVectorCount} support vectors${pairs > 0 ? `, kept as ${pairs} pairwise weight vectors` : ''}`,
    },
    weights: { quantization: 'none', bytes: (await stat(join(out, FER_SVM_FILE))).size },
    createdAt: new Date().toISOString(),
  };
  await writeModelCard(out, card);
  const fittedOn = ferFittedOn(
    `every subject of ${values.data}: the shipped model is fitted on all of them`,
    [{ dataset: dataset.name, faces }],
  );
  await writeFittedOn(out, await withPriorFittedOn(fittedOn, cnnDir ? [cnnDir] : []));
  model.dispose();
  console.log(
    JSON.stringify(
      {
        model: out,
        chosen: { setting: setName(chosen.set), ...chosen.params, innerAccuracy: chosen.score },
        metrics: Object.fromEntries(
          Object.entries(metrics).map(([k, v]) => [k, { accuracy: v.accuracy, macroF1: v.macroF1 }]),
        ),
      },
      null,
      2,
    ),
  );
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = parseFerFormat(request.format ?? 'fer2013-folder');
  const { json, cnnDir } = await readSvmExpressionModelFile(request.modelDir);
  const dataset = await loadFerDataset(format, request.data, FER2013_TEST_USAGES);
  const cards = [request.card, ...(cnnDir ? [await readModelCard(cnnDir)] : [])];
  const fittedOn = await readJoinedFittedOn([request.modelDir, ...(cnnDir ? [cnnDir] : [])]);
  const { faces: given, heldOut } = evaluationFaces(dataset, 1, cards, fittedOn, request.data, request.limit);
  const faces = json.framing ? await reframed(given, json.framing, json.faceSize) : given;
  const cnn = json.features.cnn;
  const [inputs] = await classicalInputs(
    faces,
    json.features,
    cnnDir,
    cnn ? [cnn.layers] : [[]],
    cnn?.flip ?? false,
  );
  const model = await SvmExpressionModel.fromJSON(json);
  try {
    const { votes, probabilities } = model.decide(inputs);
    const rows = probabilities.map((row) => Array.from(row));
    const score = scoreFer(json.classes, dataset.classes, faces, rows);
    const partitions = partitionScores(json.classes, dataset.classes, faces, rows);
    // The one-vs-one vote over the faces scored above (a vote for a class the data lacks is wrong).
    const scored = faces.flatMap((f, i) => (json.classes.includes(f.emotion) ? [i] : []));
    const voteCorrect = scored.filter((i) => json.classes[votes[i]] === faces[i].emotion).length;
    await writeFerPlots(request.out, score);
    return {
      ...score.report,
      skipped: score.skipped,
      oneVsOneVoteAccuracy: voteCorrect / scored.length,
      ...(partitions ? { partitions } : {}),
      crop: json.framing
        ? `each face cut again with the training crops' eye framing (${framingText(json.framing)})`
        : "the dataset's own crops",
      dataset: dataset.name,
      format,
      heldOut,
    };
  } finally {
    model.dispose();
  }
}

export const ferSvmTask: TrainerTask = {
  name: 'fer-svm',
  description:
    'classical FER: HOG (+ LBP, landmarks, FER-CNN activations) + kernel SVM, chosen and measured by subject (CK+48)',
  formats: ['ckplus48', 'jaffe', 'emotion-folder', 'fer2013-folder', 'fer2013-csv'],
  train,
  evaluate,
  usage: FER_SVM_USAGE,
};
