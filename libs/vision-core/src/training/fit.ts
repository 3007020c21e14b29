import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Batch, ImageDataset } from '../data/image-dataset';
import { accuracy, balancedAccuracy } from '../metrics/accuracy';
import { confusionMatrix } from '../metrics/confusion-matrix';
import { dice } from '../metrics/dice';
import { jaccard } from '../metrics/jaccard';
import { averageScores, scoresFromConfusionMatrix } from '../metrics/precision-recall';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  type CheckpointState,
  type CheckpointStore,
  type NamedTensor,
} from './checkpoint';
import { balancedClassWeights, sampleWeightsFromLabels } from './class-weights';
import { withSeededRandom } from './determinism';
import type { EarlyStopping } from './early-stopping';
import {
  binaryCrossEntropy,
  binaryCrossEntropyDiceLoss,
  categoricalCrossEntropy,
  diceLoss,
  type LossOptions,
} from './losses';
import type { TrainingTargets } from './distillation';
import type { LearningRateSchedule } from './lr-schedules';
import type { EpochLog, MetricsLog } from './metrics-log';
import {
  assertOptimizerStateFits,
  createOptimizer,
  getOptimizerState,
  setLearningRate,
  setOptimizerState,
  type OptimizerConfig,
} from './optimizers';
import type { TrainingProgress } from './progress-bar';
import { WeightAverage } from './weight-averaging';

/** Built-in losses: categorical cross-entropy for classification, BCE / Dice / BCE+Dice for masks. */
export type LossName = 'categoricalCrossEntropy' | 'binaryCrossEntropy' | 'dice' | 'binaryCrossEntropyDice';

const LOSSES: Record<LossName, (yTrue: tf.Tensor, yPred: tf.Tensor, options: LossOptions) => tf.Scalar> = {
  categoricalCrossEntropy: (t, p, o) => categoricalCrossEntropy(t as tf.Tensor2D, p as tf.Tensor2D, o),
  binaryCrossEntropy,
  dice: diceLoss,
  binaryCrossEntropyDice: binaryCrossEntropyDiceLoss,
};

/** Options of the training loop. */
export interface FitOptions {
  train: ImageDataset;
  /** Evaluated after every epoch (val_* keys in the log). */
  validation?: ImageDataset;
  epochs: number;
  optimizer: OptimizerConfig;
  /** Seed of the per-step randomness (Dropout, GaussianNoise). Default: the training set's seed. */
  seed?: number;
  /** Default: categoricalCrossEntropy for classification, binaryCrossEntropyDice for segmentation. */
  loss?: LossName;
  /** The model outputs logits rather than softmax/sigmoid probabilities. Default false. */
  fromLogits?: boolean;
  /** Per-class loss weights, or 'balanced' for n / (k * count) from the training labels. */
  classWeights?: readonly number[] | 'balanced';
  lrSchedule?: LearningRateSchedule;
  earlyStopping?: EarlyStopping;
  /** Checkpoint after every epoch and every `everySteps` steps; resumes from the store unless resume is false. */
  checkpoint?: { store: CheckpointStore; everySteps?: number; resume?: boolean };
  metricsLog?: MetricsLog;
  progress?: TrainingProgress;
  /** Stops after the current step; a checkpoint is written first when a store is configured. */
  signal?: AbortSignal;
  onBatchEnd?: (info: {
    epoch: number;
    batch: number;
    globalStep: number;
    loss: number;
  }) => void | Promise<void>;
  /**
   * Runs after an epoch's last training step, before validation (and so before early stopping keeps
   * the weights): e.g. averageBatchNormStatistics, so validation scores the statistics inference uses.
   */
  beforeValidation?: (epoch: number) => void | Promise<void>;
  /**
   * Replaces each training batch's targets before the loss (classification: the one-hot rows), e.g.
   * distillationTargets mixes them with a teacher's probabilities. The training accuracy still counts
   * the batch's own labels; validation scores the labels.
   */
  trainingTargets?: TrainingTargets;
  /**
   * Stochastic weight averaging (see WeightAverage): from epoch `startEpoch` (0-based) on, the
   * trainable weights at the end of every epoch join an equal-weight running mean, and validation,
   * early stopping and the weights fit() leaves in the model are the mean's; training itself goes on
   * from the raw weights. Give beforeValidation averageBatchNormStatistics for a model with
   * BatchNormalization: the mean needs statistics of its own (without a best epoch to restore, the
   * run ends with the mean and one more beforeValidation call). The epoch log records `averaged_models`.
   */
  weightAveraging?: { startEpoch: number };
  onEpochEnd?: (log: EpochLog) => void | Promise<void>;
}

/** Outcome of fit(). */
export interface FitResult {
  history: EpochLog[];
  stopReason: 'completed' | 'early-stopped' | 'aborted';
  globalStep: number;
  /** Best epoch by the EarlyStopping monitor (when one was given). */
  bestEpoch?: number;
  /** Where a resumed run picked up. */
  resumedFrom?: { epoch: number; batchInEpoch: number; globalStep: number };
}

interface ModelSpec {
  kind: Batch['kind'];
  numClasses: number;
}

function checkModel(model: LayersModel, train: ImageDataset, validation?: ImageDataset): ModelSpec {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(
      `fit() trains single-input, single-output models; this one has ${model.inputs.length} inputs and ${model.outputs.length} outputs`,
    );
  }
  const inShape = model.inputs[0].shape.slice(1);
  const [h, w, c] = train.imageShape;
  if (inShape.join() !== [h, w, c].join()) {
    throw new Error(
      `the model takes [${inShape.join(', ')}] inputs but the training images are [${h}, ${w}, ${c}]`,
    );
  }
  if (validation && validation.imageShape.join() !== train.imageShape.join()) {
    throw new Error(
      `validation images are [${validation.imageShape.join(', ')}] but training images are [${h}, ${w}, ${c}]`,
    );
  }
  if (validation && validation.kind !== train.kind) {
    throw new Error(
      `the validation set is ${validation.kind} data but the training set is ${train.kind} data`,
    );
  }
  const outShape = model.outputs[0].shape.slice(1);
  if (train.kind === 'classification') {
    if (outShape.length !== 1 || !((outShape[0] ?? 0) >= 2)) {
      throw new Error(
        `classification needs a [numClasses >= 2] output (softmax), but the model outputs [${outShape.join(', ')}]`,
      );
    }
    return { kind: 'classification', numClasses: outShape[0]! };
  }
  if (outShape.join() !== [h, w, 1].join()) {
    throw new Error(
      `segmentation needs a [${h}, ${w}, 1] mask output, but the model outputs [${outShape.join(', ')}]`,
    );
  }
  return { kind: 'segmentation', numClasses: 1 };
}

function toTensors(
  batch: Batch,
  shape: readonly number[],
  numClasses: number,
): { xs: tf.Tensor4D; ys: tf.Tensor } {
  const [h, w, c] = shape;
  const xs = tf.tensor4d(batch.x, [batch.size, h, w, c]);
  const ys =
    batch.kind === 'classification'
      ? tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(batch.labels, 'int32'), numClasses), 'float32'))
      : tf.tensor4d(batch.masks, [batch.size, h, w, 1]);
  return { xs, ys };
}

/** Sum over the batch of the per-sample training metric: correct predictions, or hard Dice for masks. */
function batchMetricSum(kind: Batch['kind'], ys: tf.Tensor, pred: tf.Tensor, fromLogits: boolean): tf.Scalar {
  return tf.tidy(() => {
    if (kind === 'classification') {
      return tf.sum(tf.cast(tf.equal(tf.argMax(pred, -1), tf.argMax(ys, -1)), 'float32'));
    }
    const n = ys.shape[0];
    const hard = tf.reshape(tf.cast(tf.greaterEqual(pred, fromLogits ? 0 : 0.5), 'float32'), [n, -1]);
    const truth = tf.reshape(ys, [n, -1]);
    const inter = tf.sum(tf.mul(hard, truth), 1);
    const areas = tf.add(tf.sum(hard, 1), tf.sum(truth, 1));
    // Two empty masks agree perfectly (Dice 1), matching metrics/dice.
    const perImage = tf.where(
      tf.equal(areas, 0),
      tf.onesLike(areas),
      tf.div(tf.mul(inter, 2), tf.maximum(areas, 1)),
    );
    return tf.sum(perImage);
  });
}

async function snapshotWeights(model: LayersModel): Promise<NamedTensor[]> {
  return model.weights.map((w) => ({ name: w.originalName, tensor: tf.clone(w.read()) }));
}

/** Validation loss and metrics (val_* keys): accuracy, balanced accuracy and macro F1, or Dice and Jaccard. */
async function evaluate(
  model: LayersModel,
  data: ImageDataset,
  spec: ModelSpec,
  lossFn: (t: tf.Tensor, p: tf.Tensor, o: LossOptions) => tf.Scalar,
  fromLogits: boolean,
  epoch: number,
): Promise<Record<string, number>> {
  let lossSum = 0;
  const yTrue: number[] = [];
  const yPred: number[] = [];
  let diceSum = 0;
  let jaccardSum = 0;
  for await (const batch of data.batches(epoch)) {
    const { xs, ys } = toTensors(batch, data.imageShape, spec.numClasses);
    const [lossT, predT] = tf.tidy(() => {
      const pred = model.apply(xs, { training: false }) as tf.Tensor;
      return [lossFn(ys, pred, { fromLogits }), spec.kind === 'classification' ? tf.argMax(pred, -1) : pred];
    });
    lossSum += (await lossT.data())[0] * batch.size;
    const predicted = Float32Array.from(await predT.data());
    tf.dispose([xs, ys, lossT, predT]);
    if (batch.kind === 'classification') {
      yTrue.push(...batch.labels);
      yPred.push(...predicted);
    } else {
      const pixels = predicted.length / batch.size;
      const threshold = fromLogits ? 0 : 0.5;
      for (let i = 0; i < batch.size; i++) {
        const truth = batch.masks.subarray(i * pixels, (i + 1) * pixels);
        const hard = Array.from(predicted.subarray(i * pixels, (i + 1) * pixels), (v) =>
          v >= threshold ? 1 : 0,
        );
        diceSum += dice(truth, hard);
        jaccardSum += jaccard(truth, hard);
      }
    }
  }
  const n = data.size;
  if (spec.kind === 'classification') {
    const k = spec.numClasses;
    return {
      val_loss: lossSum / n,
      val_accuracy: accuracy(yTrue, yPred),
      val_balanced_accuracy: balancedAccuracy(yTrue, yPred, k),
      val_macro_f1: averageScores(scoresFromConfusionMatrix(confusionMatrix(yTrue, yPred, k)), 'macro').f1,
    };
  }
  return { val_loss: lossSum / n, val_dice: diceSum / n, val_jaccard: jaccardSum / n };
}

/**
 * Trains a tfjs LayersModel with a custom loop (computeGradients + applyGradients, layers called
 * with training = true so Dropout and BatchNormalization behave as in model.fit). Streams batches
 * from `train`, validates every epoch, applies the LR schedule, early stopping, class weights and
 * weight decay, writes per-epoch logs, and checkpoints so that a killed run resumes exactly.
 */
export async function fit(model: LayersModel, options: FitOptions): Promise<FitResult> {
  const { train, validation, epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new Error(`epochs must be a positive integer, got ${epochs}`);
  const spec = checkModel(model, train, validation);
  const lossName =
    options.loss ?? (spec.kind === 'classification' ? 'categoricalCrossEntropy' : 'binaryCrossEntropyDice');
  if ((lossName === 'categoricalCrossEntropy') !== (spec.kind === 'classification')) {
    throw new Error(`loss '${lossName}' does not fit ${spec.kind} data`);
  }
  const lossFn = LOSSES[lossName];
  const fromLogits = options.fromLogits ?? false;
  let classWeights: readonly number[] | undefined;
  if (options.classWeights !== undefined) {
    if (spec.kind !== 'classification') throw new Error('classWeights apply to classification only');
    classWeights =
      options.classWeights === 'balanced'
        ? balancedClassWeights(train.labelCounts(spec.numClasses))
        : options.classWeights;
    if (classWeights.length !== spec.numClasses || !classWeights.every((w) => Number.isFinite(w) && w >= 0)) {
      throw new Error(
        `classWeights must be ${spec.numClasses} non-negative numbers, got [${classWeights.join(', ')}]`,
      );
    }
  }
  const seed = options.seed ?? train.seed;
  const weightDecay = options.optimizer.weightDecay ?? 0;
  const everySteps = options.checkpoint?.everySteps;
  if (everySteps !== undefined && !(Number.isInteger(everySteps) && everySteps > 0)) {
    throw new Error(`checkpoint.everySteps must be a positive integer, got ${everySteps}`);
  }
  const optimizer = createOptimizer(options.optimizer);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { lrSchedule, earlyStopping, metricsLog, progress, checkpoint } = options;
  const restoreBest = earlyStopping?.restoreBestWeights ?? false;
  const averaging = options.weightAveraging;
  if (averaging && !(Number.isInteger(averaging.startEpoch) && averaging.startEpoch >= 0)) {
    throw new Error(`weightAveraging.startEpoch must be a non-negative integer, got ${averaging.startEpoch}`);
  }

  let state: CheckpointState = {
    epoch: 0,
    batchInEpoch: 0,
    globalStep: 0,
    seed,
    datasetFingerprint: train.fingerprint,
    datasetSeed: train.seed,
    optimizer: options.optimizer,
    epochProgress: { lossSum: 0, correct: 0, seen: 0, trainSeconds: 0, lr: options.optimizer.learningRate },
    history: [],
    savedAt: '',
  };
  let bestWeights: NamedTensor[] | undefined;
  let average: WeightAverage | undefined;
  let resumedFrom: FitResult['resumedFrom'];

  try {
    if (checkpoint && checkpoint.resume !== false) {
      const bytes = await checkpoint.store.load();
      if (bytes) {
        const restored = decodeCheckpoint(bytes, checkpoint.store.location);
        const s = restored.state;
        const where = checkpoint.store.location;
        try {
          if (s.datasetFingerprint !== train.fingerprint || s.datasetSeed !== train.seed) {
            throw new Error(
              `checkpoint ${where} was written for another training set (samples ${s.datasetFingerprint}, seed ${s.datasetSeed}; now ${train.fingerprint}, seed ${train.seed}): move it away to start afresh`,
            );
          }
          if (s.optimizer.type !== options.optimizer.type || s.seed !== seed) {
            throw new Error(
              `checkpoint ${where} used optimizer ${s.optimizer.type} and seed ${s.seed}; this run asks for ${options.optimizer.type} and seed ${seed}`,
            );
          }
          if (restored.modelWeights.length !== model.weights.length) {
            throw new Error(
              `checkpoint ${where} holds ${restored.modelWeights.length} weights but the model has ${model.weights.length}: a different architecture`,
            );
          }
          assertOptimizerStateFits(restored.optimizerState, options.optimizer, variables, where);
          model.setWeights(restored.modelWeights.map((t) => t.tensor));
          await setOptimizerState(optimizer, restored.optimizerState);
          if (restored.averagedWeights && !averaging) {
            throw new Error(
              `checkpoint ${where} holds a stochastic weight average (${s.averagedModels} models); resume it with weight averaging`,
            );
          }
        } catch (e) {
          tf.dispose(
            [...(restored.bestWeights ?? []), ...(restored.averagedWeights ?? [])].map((t) => t.tensor),
          );
          throw e;
        } finally {
          // setWeights and the optimizer copy or share what they keep; the decoded handles go.
          tf.dispose([...restored.modelWeights, ...restored.optimizerState].map((t) => t.tensor));
        }
        if (lrSchedule?.setState && s.schedule) lrSchedule.setState(s.schedule);
        if (earlyStopping && s.earlyStopping) earlyStopping.setState(s.earlyStopping);
        bestWeights = restored.bestWeights;
        if (restored.averagedWeights)
          average = WeightAverage.restore(restored.averagedWeights, s.averagedModels ?? 0);
        state = s;
        resumedFrom = { epoch: s.epoch, batchInEpoch: s.batchInEpoch, globalStep: s.globalStep };
      }
    }
    await metricsLog?.reset(state.history);

    const save = async (): Promise<void> => {
      if (!checkpoint) return;
      state.schedule = lrSchedule?.getState?.();
      state.earlyStopping = earlyStopping?.getState();
      state.savedAt = new Date().toISOString();
      const bytes = await encodeCheckpoint({
        state,
        modelWeights: model.weights.map((w) => ({ name: w.originalName, tensor: w.read() })),
        optimizerState: await getOptimizerState(optimizer),
        bestWeights,
        averagedWeights: average?.tensors(model),
      });
      await checkpoint.store.save(bytes);
    };

    let stopReason: FitResult['stopReason'] = state.earlyStopped ? 'early-stopped' : 'completed';
    const batches = train.batchesPerEpoch;
    while (state.epoch < epochs && stopReason === 'completed') {
      const epoch = state.epoch;
      const startBatch = state.batchInEpoch;
      const acc = state.epochProgress;
      progress?.epochStart({ epoch, epochs, batches, startBatch });
      const sessionStart = performance.now();
      const trainSecondsBefore = acc.trainSeconds;
      let sessionImages = 0;
      for await (const batch of train.batches(epoch, startBatch)) {
        const lr = lrSchedule
          ? lrSchedule.learningRate(state.globalStep, epoch)
          : options.optimizer.learningRate;
        setLearningRate(optimizer, lr);
        const { xs, ys } = toTensors(batch, train.imageShape, spec.numClasses);
        const sampleWeights =
          classWeights && batch.kind === 'classification'
            ? tf.tensor1d(sampleWeightsFromLabels(batch.labels, classWeights))
            : undefined;
        const targets = options.trainingTargets ? options.trainingTargets(xs, ys) : ys;
        let metricSum: tf.Scalar | undefined;
        const lossValue = withSeededRandom(seed, ['step', state.globalStep], () =>
          tf.tidy(() => {
            const { value, grads } = optimizer.computeGradients(() => {
              const pred = model.apply(xs, { training: true }) as tf.Tensor;
              metricSum = tf.keep(batchMetricSum(spec.kind, ys, pred, fromLogits));
              let total = lossFn(targets, pred, { fromLogits, sampleWeights });
              // Kernel/bias regularizers declared on layers, as model.fit adds them.
              for (const penalty of model.calculateLosses()) total = tf.add(total, penalty);
              return total as tf.Scalar;
            }, variables);
            optimizer.applyGradients(
              variables.map((v) => {
                const g = grads[v.name];
                return { name: v.name, tensor: weightDecay > 0 && g ? tf.add(g, tf.mul(v, weightDecay)) : g };
              }),
            );
            return value;
          }),
        );
        const loss = (await lossValue.data())[0];
        const metric = (await metricSum!.data())[0];
        tf.dispose([xs, ys, targets, lossValue, metricSum!, ...(sampleWeights ? [sampleWeights] : [])]);
        if (!Number.isFinite(loss)) {
          throw new Error(
            `training loss became ${loss} at epoch ${epoch}, step ${state.globalStep} (lr ${lr}): lower the learning rate or check the inputs`,
          );
        }
        state.globalStep++;
        state.batchInEpoch++;
        acc.lossSum += loss * batch.size;
        acc.correct += metric;
        acc.seen += batch.size;
        acc.lr = lr;
        sessionImages += batch.size;
        acc.trainSeconds = trainSecondsBefore + (performance.now() - sessionStart) / 1000;
        progress?.batchEnd({
          batch: state.batchInEpoch,
          batches,
          sessionBatches: state.batchInEpoch - startBatch,
          images: sessionImages,
          seconds: acc.trainSeconds - trainSecondsBefore,
          loss: acc.lossSum / acc.seen,
          accuracy: spec.kind === 'classification' ? acc.correct / acc.seen : undefined,
        });
        await options.onBatchEnd?.({ epoch, batch: state.batchInEpoch, globalStep: state.globalStep, loss });
        if (options.signal?.aborted) {
          await save();
          stopReason = 'aborted';
          break;
        }
        if (everySteps && state.globalStep % everySteps === 0 && state.batchInEpoch < batches) await save();
      }
      if (stopReason === 'aborted') break;

      const valStart = performance.now();
      // With weight averaging the epoch's weights join the mean, and the mean is what gets scored.
      let rawWeights: NamedTensor[] | undefined;
      if (averaging && epoch >= averaging.startEpoch) {
        rawWeights = await snapshotWeights(model);
        average ??= new WeightAverage();
        average.add(model);
        state.averagedModels = average.models;
        average.applyTo(model);
      }
      await options.beforeValidation?.(epoch);
      const valLogs = validation ? await evaluate(model, validation, spec, lossFn, fromLogits, epoch) : {};
      const log: EpochLog = {
        epoch,
        loss: acc.lossSum / acc.seen,
        [spec.kind === 'classification' ? 'accuracy' : 'dice']: acc.correct / acc.seen,
        ...valLogs,
        lr: acc.lr,
        img_per_sec: acc.seen / acc.trainSeconds,
        seconds: acc.trainSeconds + (performance.now() - valStart) / 1000,
        steps: batches,
        ...(rawWeights ? { averaged_models: average!.models } : {}),
      };
      lrSchedule?.onEpochEnd?.(epoch, log);
      if (earlyStopping) {
        const { improved, stop } = earlyStopping.update(epoch, log);
        if (improved && restoreBest) {
          if (bestWeights) tf.dispose(bestWeights.map((t) => t.tensor));
          bestWeights = await snapshotWeights(model);
        }
        if (stop) {
          stopReason = 'early-stopped';
          state.earlyStopped = true;
        }
      }
      if (rawWeights) {
        model.setWeights(rawWeights.map((t) => t.tensor));
        tf.dispose(rawWeights.map((t) => t.tensor));
      }
      state.history.push(log);
      await metricsLog?.append(log);
      progress?.epochEnd(log);
      state.epoch++;
      state.batchInEpoch = 0;
      state.epochProgress = { lossSum: 0, correct: 0, seen: 0, trainSeconds: 0, lr: acc.lr };
      await save();
      await options.onEpochEnd?.(log);
    }

    if (restoreBest && bestWeights && stopReason !== 'aborted')
      model.setWeights(bestWeights.map((t) => t.tensor));
    else if (average && stopReason !== 'aborted') {
      // No best epoch to restore: the run ends with the mean, given its statistics again.
      average.applyTo(model);
      await options.beforeValidation?.(state.epoch);
    }
    return {
      history: state.history,
      stopReason,
      globalStep: state.globalStep,
      bestEpoch: earlyStopping && earlyStopping.bestEpoch >= 0 ? earlyStopping.bestEpoch : undefined,
      resumedFrom,
    };
  } finally {
    if (bestWeights) tf.dispose(bestWeights.map((t) => t.tensor));
    average?.dispose();
    optimizer.dispose();
  }
}
