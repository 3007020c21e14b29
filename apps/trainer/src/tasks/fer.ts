// The `fer` trainer task: facial expression recognition on FER2013, CK+48 and JAFFE.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildFlipAveraging } from '@visioncad/fer';
import {
  readFittedOn,
  readModelCard,
  withPriorFittedOn,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { meanAndSd } from '@visioncad/vision-core/metrics';
import { shellWords, type ModelCard } from '@visioncad/vision-core/models';
import {
  distillationTargets,
  labelSmoothingTargets,
  type OptimizerConfig,
} from '@visioncad/vision-core/training';
import type { EvaluateRequest, TrainerTask } from '../trainer-task';
import { findFerArchitecture, type FerArchitecture } from './fer/fer-architectures';
import { loadAuxiliaryFaces } from './fer/fer-auxiliary';
import {
  FER_FORMATS,
  FER_INPUT_SIZE,
  loadFerDataset,
  parseFerFormat,
  type FerFace,
} from './fer/fer-datasets';
import { inputFrames, partitionScores, predictFaces, scoreFer, type FerScore } from './fer/fer-evaluation';
import { buildFerEnsemble, FER_ENSEMBLE_USAGE } from './fer/fer-ensemble';
import { evaluationFaces, FER2013_TEST_USAGES, ferFittedOn } from './fer/fer-held-out';
import { FER_CV_ENSEMBLE_USAGE, runFerCvEnsemble } from './fer/fer-ensemble-cv';
import { explainFer, FER_EXPLAIN_USAGE } from './fer/fer-explain';
import { evenlySpaced, FRAMING_FACES, measureFraming } from './fer/fer-framing';
import { ferLabelIndex, ferModelLabels } from './fer/fer-labels';
import { writeFerPlots, writeTrainingCurves } from './fer/fer-plots';
import { carveValidation, splitTest, subjectFolds } from './fer/fer-splits';
import { FER_TRAIN_USAGE, parseFerTrainOptions, type FerTrainOptions } from './fer/fer-train-options';
import { OUT_OF_FOLD_FORMAT, writeOutOfFold, type OutOfFoldPredictions } from './fer/fer-out-of-fold';
import { ferSequenceFaces } from './fer/fer-sequences';
import { loadFerTeacher } from './fer/fer-distillation';
import { runFerTraining } from './fer/fer-training-run';

function optimizerFor(options: FerTrainOptions, architecture: FerArchitecture): OptimizerConfig {
  if (options.optimizer === 'sgd') {
    return { type: 'sgd', learningRate: options.learningRate ?? 0.01, momentum: 0.9, weightDecay: 1e-4 };
  }
  if (options.optimizer === 'adam') return { type: 'adam', learningRate: options.learningRate ?? 1e-3 };
  return {
    ...architecture.optimizer,
    learningRate: options.learningRate ?? architecture.optimizer.learningRate,
  };
}

function describeOptimizer(o: OptimizerConfig, batch: number, keepLast: boolean): string {
  const extra = o.type === 'sgd' ? `, momentum ${o.momentum ?? 0}, weight decay ${o.weightDecay ?? 0}` : '';
  const kept = keepLast ? 'last epoch kept' : 'best epoch restored';
  return `${o.type} lr ${o.learningRate}${extra}, batch ${batch}, lr halved on val_accuracy plateau, early stopping on val_accuracy (${kept})`;
}

/** Stops training cleanly (checkpoint first) on Ctrl-C or a kill. */
function abortOnSignals(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stop = () => {
    console.error('fer: stopping after this step; rerun the same command to resume');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

function labelIndices(faces: readonly FerFace[], labels: readonly string[]): number[] {
  return faces.map((f) => ferLabelIndex(labels, f.emotion));
}

async function trainFer(args: string[]): Promise<void> {
  if (args.includes('--explain')) {
    console.log(JSON.stringify(await explainFer(args)));
    return;
  }
  if (args.includes('--cv-ensemble')) {
    const result = await runFerCvEnsemble(args);
    for (const m of result.members) {
      console.log(
        `fer: member ${m.file}: accuracy ${m.accuracy.toFixed(4)}, macro-F1 ${m.macroF1.toFixed(4)}`,
      );
    }
    console.log(
      `fer: cross-validated ensemble: pooled accuracy ${result.report.accuracy.toFixed(4)}, mean fold accuracy ` +
        `${result.meanFoldAccuracy.toFixed(4)} ± ${result.sdFoldAccuracy.toFixed(4)}, macro-F1 ${result.report.macroF1.toFixed(4)}; wrote ${result.out}`,
    );
    return;
  }
  if (args.includes('--ensemble')) {
    const result = await buildFerEnsemble(args);
    for (const m of result.members) {
      console.log(`fer: member ${m.model}: accuracy ${Number(m.report.accuracy).toFixed(4)}`);
    }
    console.log(
      `fer: ensemble accuracy ${Number(result.ensemble.accuracy).toFixed(4)}, macro-F1 ${Number(result.ensemble.macroF1).toFixed(4)}; wrote ${result.modelDir}`,
    );
    return;
  }
  const options = parseFerTrainOptions(args);
  const architecture = findFerArchitecture(options.arch);
  const dataset = await loadFerDataset(options.format, options.data);
  const labels = ferModelLabels(dataset.classes, options.labels);
  const frames = dataset.faces.filter((f) => ferLabelIndex(labels, f.emotion) >= 0);
  // A sequence model takes each sequence as one face with its frames stacked as channels.
  const usable = architecture.frames ? ferSequenceFaces(frames, architecture.frames) : frames;
  const channels = architecture.frames ?? 1;
  if (channels !== 1 && channels !== 3) {
    throw new Error(
      `a model card records 1 or 3 input channels; --arch ${architecture.name} takes ${channels}`,
    );
  }
  if (options.keepClassifier) {
    if (!options.initFrom) throw new Error('--keep-classifier needs --init-from <model dir>');
    const from = await readModelCard(options.initFrom);
    if (from.labels.join(',') !== labels.join(',')) {
      throw new Error(
        `--keep-classifier: ${options.initFrom} outputs ${from.labels.join(', ')}, this run trains ${labels.join(', ')}; drop --keep-classifier for a new classifier`,
      );
    }
  }
  if ((options.gaussianNoise !== undefined || options.inputBatchNorm) && !architecture.inputLayers) {
    throw new Error(
      `--gaussian-noise and --input-batchnorm apply to the transfer backbones; --arch ${architecture.name} has its own layers`,
    );
  }
  if (options.auxiliary.length > 0 && architecture.frames) {
    throw new Error(`--auxiliary adds single faces; --arch ${architecture.name} trains on sequences`);
  }
  const auxiliary = await loadAuxiliaryFaces(options.auxiliary, labels, {
    format: options.format,
    path: options.data,
  });
  const inputShape = [FER_INPUT_SIZE, FER_INPUT_SIZE, channels] as [number, number, number];
  const teacher = options.distillFrom
    ? await loadFerTeacher(options.distillFrom, labels, inputShape)
    : undefined;
  const distillation = teacher ? distillationTargets(teacher.model, options.distillHardWeight) : undefined;
  const trainingTargets = options.labelSmoothing
    ? labelSmoothingTargets(options.labelSmoothing, distillation)
    : distillation;
  const optimizer = optimizerFor(options, architecture);
  const batchSize = options.batch ?? architecture.batchSize;
  // Loaded afresh for every run: backbone builders share the pretrained layers with the model they
  // return, and each fold's model is disposed when the fold is done.
  const buildOptionsForRun = async () => ({
    inputShape,
    numClasses: labels.length,
    initFrom: options.initFrom ? await loadModel(options.initFrom) : undefined,
    freeze: options.freeze,
    unfreezeLast: options.unfreezeLast,
    keepClassifier: options.keepClassifier,
    gaussianNoise: options.gaussianNoise,
    inputBatchNorm: options.inputBatchNorm,
  });
  const command = `npm run trainer -- train --task fer ${shellWords(args)}`;
  await mkdir(options.out, { recursive: true });
  const stop = abortOnSignals();
  try {
    const runFold = async (runDir: string, pool: FerFace[], test: FerFace[]) => {
      const carved = carveValidation(pool, labelIndices(pool, labels), options.valFraction, options.seed);
      const { validation } = carved;
      const train = [...carved.train, ...auxiliary.faces];
      console.error(
        `fer: ${runDir}: train ${train.length}${auxiliary.faces.length ? ` (${auxiliary.faces.length} auxiliary)` : ''}, ` +
          `validation ${validation.length}, test ${test.length}`,
      );
      const run = await runFerTraining({
        runDir,
        architecture,
        buildOptions: await buildOptionsForRun(),
        labels,
        train,
        validation,
        epochs: options.epochs,
        batchSize,
        optimizer,
        seed: options.seed,
        augment: options.augment,
        randomErasing: options.randomErasing,
        keepLast: options.keepLast,
        classWeights: options.classWeights,
        patience: options.patience,
        plateauPatience: options.plateauPatience,
        checkpointEvery: options.checkpointEvery,
        preciseBatchNorm: options.preciseBatchNorm,
        swaStartEpoch: options.swaStartEpoch,
        trainingTargets,
        signal: stop.signal,
      });
      if (run.fit.stopReason === 'aborted') {
        run.model.dispose();
        return undefined;
      }
      await writeTrainingCurves(join(runDir, 'training-curves.png'), run.fit.history);
      return { ...run, train, validation, probabilities: await predictFaces(run.model, test) };
    };

    if (options.folds !== undefined) {
      const folds = subjectFolds(usable, options.folds, options.seed);
      const faces: FerFace[] = [];
      const probabilities: number[][] = [];
      const foldAccuracy: number[] = [];
      const foldMacroF1: number[] = [];
      const foldOf: number[] = [];
      // The same models with horizontal-flip test-time averaging, for a second out-of-fold file.
      const flipped: number[][] = [];
      for (const [i, fold] of folds.entries()) {
        const run = await runFold(join(options.out, `fold-${i}`), fold.pool, fold.test);
        if (!run) return console.error(`fer: stopped in fold ${i}; rerun the same command to resume`);
        const foldReport = scoreFer(labels, dataset.classes, fold.test, run.probabilities).report;
        foldAccuracy.push(foldReport.accuracy);
        foldMacroF1.push(foldReport.macroF1);
        faces.push(...fold.test);
        foldOf.push(...fold.test.map(() => i));
        probabilities.push(...run.probabilities);
        flipped.push(...(await predictFaces(buildFlipAveraging(run.model), fold.test)));
        run.model.dispose();
      }
      const pooled = scoreFer(labels, dataset.classes, faces, probabilities);
      const [mean, sd] = meanAndSd(foldAccuracy);
      const [meanF1, sdF1] = meanAndSd(foldMacroF1);
      const out = join(options.out, 'cv-metrics.json');
      const metrics = {
        command,
        seed: options.seed,
        ...pooled.report,
        folds: options.folds,
        foldSizes: folds.map((f) => f.test.length),
        foldAccuracy,
        meanFoldAccuracy: mean,
        sdFoldAccuracy: sd,
        foldMacroF1,
        meanFoldMacroF1: meanF1,
        sdFoldMacroF1: sdF1,
      };
      await writeFile(out, JSON.stringify(metrics, null, 2) + '\n');
      await writeFerPlots(out, pooled);
      // Every face's out-of-fold probabilities, for --cv-ensemble with other runs on the same folds:
      // cv-oof.json as scored above, cv-oof-flip.json with horizontal-flip test-time averaging.
      const outOfFold = (rows: number[][], model: string): OutOfFoldPredictions => ({
        format: OUT_OF_FOLD_FORMAT,
        model,
        command,
        dataset: dataset.name,
        data: options.data,
        folds: folds.length,
        seed: options.seed,
        labels: [...labels],
        samples: faces.map((f, k) => ({
          file: relative(options.data, f.source),
          subject: f.subject,
          fold: foldOf[k],
          label: labels[ferLabelIndex(labels, f.emotion)],
          probabilities: rows[k],
        })),
      });
      const model = `${architecture.name} CNN${options.initFrom ? ` initialised from ${options.initFrom}` : ''}`;
      await writeOutOfFold(join(options.out, 'cv-oof.json'), outOfFold(probabilities, model));
      await writeOutOfFold(
        join(options.out, 'cv-oof-flip.json'),
        outOfFold(flipped, `${model}, horizontal-flip test-time averaging`),
      );
      console.log(
        `fer: ${options.folds}-fold subject-wise CV on ${dataset.name}: pooled accuracy ${pooled.report.accuracy.toFixed(4)}, ` +
          `mean fold accuracy ${mean.toFixed(4)} ± ${sd.toFixed(4)}; wrote ${out}`,
      );
      return;
    }

    const { pool, test, description } = splitTest(usable, options.testFraction, options.seed);
    const run = await runFold(options.out, pool, test);
    if (!run) return console.error(`fer: stopped; resume with: ${command}`);
    const score = scoreFer(labels, dataset.classes, test, run.probabilities);
    const modelDir = join(options.out, 'model');
    await saveModel(run.model, modelDir);
    const metricsPath = join(modelDir, 'metrics.json');
    await writeFile(metricsPath, JSON.stringify(score.report, null, 2) + '\n');
    await writeFerPlots(metricsPath, score);
    const testName = `${dataset.name} ${dataset.faces.some((f) => f.usage) ? 'PublicTest' : 'held-out subjects'}`;
    // Where the eyes sit in the training crops, so served faces are cut the same way (single frames).
    const { picked } = evenlySpaced(pool, FRAMING_FACES);
    const faceFraming =
      channels === 1
        ? {
            ...(await measureFraming(picked)),
            measured: `at training: face-api's landmarks on ${picked.length} of its ${dataset.name} training crops, evenly spaced`,
          }
        : undefined;
    const card: ModelCard = {
      name: `fer-${architecture.name}${options.labels === 4 ? '-4class' : ''}`,
      version: new Date().toISOString().slice(0, 10),
      task: 'fer',
      architecture: architecture.description,
      labels,
      input: {
        width: FER_INPUT_SIZE,
        height: FER_INPUT_SIZE,
        channels,
        preprocessing: [
          'face crop (as FER2013: roughly eyebrows to chin)',
          'grayscale',
          `resize ${FER_INPUT_SIZE}x${FER_INPUT_SIZE}`,
          'scale 0..1',
          ...(channels > 1
            ? [`the last ${channels} frames of a sequence stacked as channels, in time order`]
            : []),
        ],
        ...(faceFraming ? { faceFraming } : {}),
      },
      data: {
        dataset: dataset.name,
        split:
          `${description}; validation ${Math.round(options.valFraction * 100)}% of the training pool, seed ${options.seed}` +
          (auxiliary.faces.length
            ? `; training also on ${auxiliary.description} (never validated or tested on)`
            : ''),
        trainSize: run.train.length,
        validationSize: run.validation.length,
        testSize: test.length,
        citation: dataset.citation,
      },
      command,
      seed: options.seed,
      metrics: { [testName]: { ...score.report, skipped: score.skipped } },
      limits: [
        `Trained for ${run.fit.history.length} epochs on CPU (wasm); ${options.keepLast ? (options.swaStartEpoch !== undefined ? 'the running mean of every averaged epoch is kept (--keep-last), not the best validation epoch' : 'the last epoch is kept (--keep-last), not the best validation epoch') : 'the best validation epoch is kept'}.`,
        'Expects a tight, roughly frontal face crop like FER2013; other framings (whole photos) degrade accuracy.',
        ...(dataset.name === 'FER2013'
          ? [
              'FER2013 labels are noisy (about 1,500 groups of identical images, some with conflicting labels); disgust has few examples.',
            ]
          : []),
        ...(options.labels === 4 ? ['Predicts valence groups, not single emotions.'] : []),
        ...(teacher
          ? [
              `Knowledge distillation: every training target was ${options.distillHardWeight} x the face's label + ${Number((1 - options.distillHardWeight).toFixed(6))} x the probabilities of ${teacher.description} on the same augmented face.`,
            ]
          : []),
        ...(options.labelSmoothing
          ? [
              `Label smoothing ${options.labelSmoothing}: every training target was ${Number((1 - options.labelSmoothing).toFixed(6))} x its row + ${options.labelSmoothing} / ${labels.length} for each class, so its probabilities are less peaked than a one-hot-trained model's.`,
            ]
          : []),
        ...(options.randomErasing
          ? [
              `Random erasing: ${options.randomErasing * 100}% of training faces had one rectangle (2-40% of the face) overwritten with noise.`,
            ]
          : []),
      ],
      training: {
        epochs: run.fit.history.length,
        backend: tf.getBackend(),
        // Summed over every session of a resumed run (each epoch logs its own wall time).
        durationSeconds: Math.round(run.fit.history.reduce((total, epoch) => total + epoch.seconds, 0)),
        parameters: run.model.countParams(),
        optimizer: describeOptimizer(optimizer, batchSize, options.keepLast),
      },
      weights: { quantization: 'none', bytes: run.model.countParams() * 4 },
      createdAt: new Date().toISOString(),
    };
    await writeModelCard(modelDir, card);
    // The subjects it trained or validated on (CK+, JAFFE, auxiliary data); the lists of the models
    // it started from or learned from join in. FER2013 faces are scored by partition, not listed.
    const fittedOn = ferFittedOn(
      `subjects of the training and validation faces of ${options.out}, written at training (FER2013 is scored by partition: its Training faces are not listed)`,
      [{ dataset: dataset.name, faces: pool }, ...auxiliary.groups],
    );
    await writeFittedOn(
      modelDir,
      await withPriorFittedOn(fittedOn, [
        ...(options.initFrom ? [options.initFrom] : []),
        ...(options.distillFrom ?? []),
      ]),
    );
    console.log(
      `fer: ${testName} accuracy ${score.report.accuracy.toFixed(4)}, macro-F1 ${score.report.macroF1.toFixed(4)}; wrote ${modelDir}`,
    );
    run.model.dispose();
  } finally {
    stop.release();
    teacher?.model.dispose();
  }
}

async function evaluateFer(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = parseFerFormat(request.format ?? 'fer2013-folder');
  // Only the test partitions are scored (evaluationFaces), so the 28,709 Training images are never decoded.
  const dataset = await loadFerDataset(format, request.data, FER2013_TEST_USAGES);
  const model = await loadModel(request.modelDir);
  const { faces, heldOut } = evaluationFaces(
    dataset,
    inputFrames(model),
    [request.card],
    await readFittedOn(request.modelDir),
    request.data,
    request.limit,
  );
  const probabilities = await predictFaces(model, faces);
  const score: FerScore = scoreFer(request.card.labels, dataset.classes, faces, probabilities);
  model.dispose();
  await writeFerPlots(request.out, score);
  const partitions = partitionScores(request.card.labels, dataset.classes, faces, probabilities);
  return {
    ...score.report,
    skipped: score.skipped,
    dataset: dataset.name,
    format,
    heldOut,
    ...(partitions ? { partitions } : {}),
  };
}

export const ferTask: TrainerTask = {
  name: 'fer',
  description: 'facial expression recognition (FER2013, CK+48, JAFFE)',
  formats: [...FER_FORMATS],
  train: trainFer,
  evaluate: evaluateFer,
  usage: `${FER_TRAIN_USAGE}\n\nor combine trained models into an ensemble:\n${FER_ENSEMBLE_USAGE}\n\nor score a cross-validated ensemble of --folds runs:\n${FER_CV_ENSEMBLE_USAGE}\n\nor explain a prediction:\n${FER_EXPLAIN_USAGE}`,
};
