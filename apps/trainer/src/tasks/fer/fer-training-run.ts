// Node-only: one FER training run in a run directory — seeded model, streaming datasets over the
// decoded faces, `fit` with checkpoint/resume and a JSONL epoch log.
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { epochOrder, ImageDataset, type DecodedImage } from '@visioncad/vision-core/data';
import {
  averageBatchNormStatistics,
  EarlyStopping,
  fit,
  ProgressBar,
  ReduceLROnPlateau,
  withSeededRandom,
  type FitResult,
  type OptimizerConfig,
  type TrainingTargets,
} from '@visioncad/vision-core/training';
import { FileCheckpointStore, JsonlMetricsLog } from '@visioncad/vision-core/training-node';
import type { FerArchitecture, FerBuildOptions } from './fer-architectures';
import type { FerFace } from './fer-datasets';
import { facesToBatch } from './fer-evaluation';
import { ferLabelIndex } from './fer-labels';
import type { Emotion } from '@visioncad/fer';

/** Geometric augmentation for faces (the seed papers' rotation, shift, zoom and flip). */
export const FER_AUGMENTATION = {
  rotationRange: 10,
  widthShiftRange: 0.1,
  heightShiftRange: 0.1,
  zoomRange: 0.1,
  horizontalFlip: true,
  fillMode: 'nearest',
} as const;

/** Everything one run needs. */
export interface FerRunSpec {
  runDir: string;
  architecture: FerArchitecture;
  buildOptions: FerBuildOptions;
  labels: readonly string[];
  train: readonly FerFace[];
  validation: readonly FerFace[];
  epochs: number;
  batchSize: number;
  optimizer: OptimizerConfig;
  seed: number;
  augment: boolean;
  /** Leave the last epoch's weights (or SWA's full running mean) in the model instead of the best validation epoch's. */
  keepLast?: boolean;
  /** With augment: random erasing in this share of training faces. */
  randomErasing?: number;
  classWeights: boolean;
  patience: number;
  /** Overrides the architecture's ReduceLROnPlateau patience. */
  plateauPatience?: number;
  checkpointEvery: number;
  /** Training faces (a seeded sample, unaugmented) whose average batch statistics replace the BatchNorm moving averages before every validation. */
  preciseBatchNorm?: number;
  /** Stochastic weight averaging from this 0-based epoch on (fit's weightAveraging). */
  swaStartEpoch?: number;
  /** Replaces the training targets, e.g. knowledge distillation from a teacher (distillationTargets). */
  trainingTargets?: TrainingTargets;
  signal?: AbortSignal;
}

/** A finished (or aborted) run: the model holds the best validation epoch's weights when completed. */
export interface FerRunResult {
  model: tf.LayersModel;
  fit: FitResult;
}

/** Labelled samples whose path is the face's source; faces the model cannot output are an error. */
function samplesOf(faces: readonly FerFace[], labels: readonly string[]) {
  return faces.map((f) => {
    const label = ferLabelIndex(labels, f.emotion as Emotion);
    if (label < 0)
      throw new Error(`${f.source}: emotion "${f.emotion}" is not one of the labels ${labels.join(', ')}`);
    return { path: f.source, label };
  });
}

/** Trains (or resumes) a model in `spec.runDir`: checkpoint.ckpt and metrics.jsonl live there. */
export async function runFerTraining(spec: FerRunSpec): Promise<FerRunResult> {
  const images = new Map<string, DecodedImage>();
  for (const f of [...spec.train, ...spec.validation]) images.set(f.source, f.image);
  const decode = (path: string): Promise<DecodedImage> => {
    const image = images.get(path);
    if (!image) throw new Error(`${path} is not among the decoded faces of this run`);
    return Promise.resolve(image);
  };
  // [48, 48, 1], or [48, 48, frames] for a sequence model.
  const imageShape = spec.buildOptions.inputShape;
  const train = new ImageDataset({
    samples: samplesOf(spec.train, spec.labels),
    decode,
    imageShape,
    batchSize: spec.batchSize,
    seed: spec.seed,
    augmentation: spec.augment
      ? {
          ...FER_AUGMENTATION,
          ...(spec.randomErasing ? { randomErasing: { probability: spec.randomErasing } } : {}),
        }
      : undefined,
  });
  const validation = new ImageDataset({
    samples: samplesOf(spec.validation, spec.labels),
    decode,
    imageShape,
    batchSize: 256,
    shuffle: false,
  });
  const model = withSeededRandom(spec.seed, ['init'], () => spec.architecture.build(spec.buildOptions));
  // The same faces every epoch, so epochs are compared on statistics of the same images.
  const statisticsFaces = spec.preciseBatchNorm
    ? Array.from(
        epochOrder(spec.train.length, spec.seed, -1).subarray(0, spec.preciseBatchNorm),
        (i) => spec.train[i],
      )
    : [];
  const beforeValidation = spec.preciseBatchNorm
    ? async () => {
        await averageBatchNormStatistics(model, async function* () {
          for (let start = 0; start < statisticsFaces.length; start += 128) {
            yield facesToBatch(statisticsFaces.slice(start, start + 128));
          }
        });
      }
    : undefined;
  const result = await fit(model, {
    train,
    validation,
    epochs: spec.epochs,
    optimizer: spec.optimizer,
    seed: spec.seed,
    classWeights: spec.classWeights ? 'balanced' : undefined,
    lrSchedule: new ReduceLROnPlateau({
      initialLearningRate: spec.optimizer.learningRate,
      monitor: 'val_accuracy',
      factor: 0.5,
      patience: spec.plateauPatience ?? spec.architecture.plateauPatience,
    }),
    earlyStopping: new EarlyStopping({
      monitor: 'val_accuracy',
      patience: spec.patience,
      restoreBestWeights: !spec.keepLast,
    }),
    checkpoint: {
      store: new FileCheckpointStore(join(spec.runDir, 'checkpoint.ckpt')),
      everySteps: spec.checkpointEvery,
    },
    metricsLog: new JsonlMetricsLog(join(spec.runDir, 'metrics.jsonl')),
    progress: new ProgressBar(process.stderr, { intervalSeconds: 60 }),
    beforeValidation,
    weightAveraging: spec.swaStartEpoch === undefined ? undefined : { startEpoch: spec.swaStartEpoch },
    trainingTargets: spec.trainingTargets,
    signal: spec.signal,
  });
  return { model, fit: result };
}
