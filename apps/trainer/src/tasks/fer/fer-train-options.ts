// `trainer train --task fer` options, parsed and checked once at the edge.
import { parseArgs } from 'node:util';
import { parseAuxiliarySources, type AuxiliarySource } from './fer-auxiliary';
import { parseFerFormat, type FerFormat } from './fer-datasets';
import { parseFerLabelMode, type FerLabelMode } from './fer-labels';

/** Parsed training options; absent optimizer fields fall back to the architecture's recipe. */
export interface FerTrainOptions {
  data: string;
  format: FerFormat;
  arch: string;
  epochs: number;
  batch?: number;
  seed: number;
  out: string;
  labels: FerLabelMode;
  classWeights: boolean;
  augment: boolean;
  folds?: number;
  initFrom?: string;
  freeze: boolean;
  unfreezeLast?: number;
  /** Also take --init-from's classifier (same labels): a later training stage, e.g. a lower learning rate. */
  keepClassifier: boolean;
  optimizer?: 'sgd' | 'adam';
  learningRate?: number;
  valFraction: number;
  testFraction: number;
  patience: number;
  /** Epochs without a val_accuracy gain before the rate halves; absent: the architecture's recipe. */
  plateauPatience?: number;
  checkpointEvery: number;
  /** Other datasets' faces added to the training part only (seed 000's auxiliary data). */
  auxiliary: AuxiliarySource[];
  /** Transfer backbones: standard deviation of a Gaussian-noise layer on the input (training only). */
  gaussianNoise?: number;
  /** Transfer backbones: batch normalisation on the input. */
  inputBatchNorm: boolean;
  /** Faces of the training part whose averaged batch statistics replace the BatchNorm moving averages before every validation; absent: keep the moving averages. */
  preciseBatchNorm?: number;
  /** Stochastic weight averaging from this 0-based epoch on (--swa-from is 1-based); absent: none. */
  swaStartEpoch?: number;
  /** Knowledge distillation: teacher model directories (several: their probability average). */
  distillFrom?: string[];
  /** Weight of the one-hot label in the distillation target; the teacher's probabilities get the rest. */
  distillHardWeight: number;
  /** Label smoothing ε (Szegedy et al. 2016); absent: one-hot targets. */
  labelSmoothing?: number;
  /** Random erasing probability (Zhong et al. 2020), with --augment; absent: none. */
  randomErasing?: number;
  /** Keep the last epoch's weights (with --swa-from: the full running mean) instead of the best validation epoch's. */
  keepLast: boolean;
}

export const FER_TRAIN_USAGE = `trainer train --task fer --data <path> --format <format> --arch <arch> --out <run dir> [options]

  --data <path>             dataset folder (fer2013-csv: the CSV file)
  --format <format>         fer2013-folder | fer2013-csv | ckplus48 | jaffe | emotion-folder
  --arch <arch>             seed000 | seed003 | seed003-ckplus | cnn-bilstm (ckplus48 sequences) | vgg16 |
                            resnet50 | mobilenetv2 | xception
  --epochs <n>              epochs (default 30); rerun with fewer to end a run at its last finished epoch
  --batch <n>               batch size (default: the architecture's recipe)
  --seed <n>                split, initialisation, shuffle and augmentation seed (default 0)
  --out <run dir>           checkpoint, metrics.jsonl, model/, plots; rerunning resumes from the checkpoint
  --labels 7|4              the dataset's emotions, or the valence grouping (default 7)
  --class-weights balanced  weight the loss by inverse class frequency
  --augment                 random flips, shifts (10%), rotations (10 degrees) and zoom (10%)
  --optimizer sgd|adam      override the recipe's optimizer (sgd uses momentum 0.9, weight decay 1e-4)
  --lr <rate>               override the recipe's learning rate
  --val-fraction <f>        validation share of the training pool (default 0.1)
  --test-fraction <f>       share of subjects held out when the data has no test partition (default 0.2)
  --folds <k>               subject-wise k-fold cross-validation (CK+ protocol); writes cv-metrics.json
  --patience <n>            early-stopping patience on val_accuracy (default 15)
  --plateau-patience <n>    epochs without a val_accuracy gain before the learning rate halves
                            (default: the recipe's, 10 for seed000); a resumed run keeps its count
  --checkpoint-every <n>    also checkpoint every n steps (default 50)
  --auxiliary <format>:<path>[,...]
                            add other datasets' faces to the training part only, never to validation
                            or test (e.g. ckplus48:<CK+48>,jaffe:<JAFFE> beside FER2013; faces whose
                            emotion has no class here, such as contempt, are left out)
  --gaussian-noise <sd>     transfer backbones: a Gaussian-noise layer on the input (training only)
  --input-batchnorm         transfer backbones: batch normalisation on the input
  --precise-bn <faces>      before every validation, replace each BatchNorm layer's moving averages
                            (backbone layers included) by the average batch statistics of the current
                            weights over this many training faces, unaugmented (e.g. 4096); a backbone
                            trained from scratch here predicts one class with its moving averages
  --swa-from <epoch>        stochastic weight averaging: from this epoch (1-based) on, each epoch's
                            weights join a running mean, and validation, early stopping and the saved
                            model use the mean (needs --precise-bn: the mean gets its own statistics);
                            pair with a constant --lr and a large --plateau-patience
  --init-from <model dir>   transfer: a tfjs LayersModel whose layers become the backbone; for seed000 and
                            seed003 a trained model of the same architecture (e.g. models/fer-seed000),
                            fine-tuned with a new classifier
  --freeze                  transfer: freeze the backbone (train only the new classifier)
  --unfreeze-last <n>       transfer: train the new classifier and the backbone's last n layers
  --keep-classifier         with --init-from of the same architecture and labels: keep its classifier
                            too (a further stage of the same model, e.g. at a lower --lr)
  --distill-from <model dir>[,<model dir>...]
                            knowledge distillation: train toward a mix of each face's label and the
                            teacher's probabilities on the same augmented face (several teachers:
                            their average); the teachers need the same labels and must never have
                            trained on this run's test faces (on its validation faces: optimistic
                            validation figures)
  --distill-hard-weight <w> the label's share of the distillation target, 0..1 (default 0.5)
  --label-smoothing <e>     train toward (1 - e) x the target + e / classes (e.g. 0.1), a regularizer
                            for noisy labels; with --distill-from the distillation target is smoothed
  --keep-last               keep the last epoch's weights (with --swa-from: the running mean of every
                            averaged epoch) instead of the best validation epoch's: for runs whose
                            validation faces are not clean (e.g. --val-fraction 0.01 after earlier stages)
  --random-erasing <p>      with --augment: overwrite one random rectangle (2-40% of the face) with
                            noise in this share of training faces (e.g. 0.5), an occlusion regularizer`;

function positiveInt(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new Error(`--${flag} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got "${value}"`);
  return n;
}

function fraction(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const f = Number(value);
  if (!(f > 0 && f < 1)) throw new Error(`--${flag} must be between 0 and 1, got "${value}"`);
  return f;
}

/** Parses the task's arguments (what follows `train --task fer`). */
export function parseFerTrainOptions(args: string[]): FerTrainOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      data: { type: 'string' },
      format: { type: 'string' },
      arch: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      labels: { type: 'string' },
      'class-weights': { type: 'string' },
      augment: { type: 'boolean', default: false },
      folds: { type: 'string' },
      'init-from': { type: 'string' },
      freeze: { type: 'boolean', default: false },
      'keep-classifier': { type: 'boolean', default: false },
      'unfreeze-last': { type: 'string' },
      optimizer: { type: 'string' },
      lr: { type: 'string' },
      'val-fraction': { type: 'string' },
      'test-fraction': { type: 'string' },
      patience: { type: 'string' },
      'plateau-patience': { type: 'string' },
      'checkpoint-every': { type: 'string' },
      auxiliary: { type: 'string' },
      'gaussian-noise': { type: 'string' },
      'input-batchnorm': { type: 'boolean', default: false },
      'precise-bn': { type: 'string' },
      'swa-from': { type: 'string' },
      'distill-from': { type: 'string' },
      'distill-hard-weight': { type: 'string' },
      'label-smoothing': { type: 'string' },
      'random-erasing': { type: 'string' },
      'keep-last': { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
  });
  if (!values.data || !values.format || !values.arch || !values.out) {
    throw new Error(`train --task fer needs --data, --format, --arch and --out\n\n${FER_TRAIN_USAGE}`);
  }
  const classWeights = values['class-weights'];
  if (classWeights !== undefined && classWeights !== 'balanced') {
    throw new Error(`--class-weights only accepts "balanced", got "${classWeights}"`);
  }
  const optimizer = values.optimizer;
  if (optimizer !== undefined && optimizer !== 'sgd' && optimizer !== 'adam') {
    throw new Error(`--optimizer must be sgd or adam, got "${optimizer}"`);
  }
  const learningRate = values.lr === undefined ? undefined : Number(values.lr);
  if (learningRate !== undefined && !(learningRate > 0))
    throw new Error(`--lr must be a positive number, got "${values.lr}"`);
  const gaussianNoise = values['gaussian-noise'] === undefined ? undefined : Number(values['gaussian-noise']);
  if (gaussianNoise !== undefined && !(gaussianNoise > 0))
    throw new Error(
      `--gaussian-noise must be a positive standard deviation, got "${values['gaussian-noise']}"`,
    );
  if (values['swa-from'] !== undefined && values['precise-bn'] === undefined) {
    throw new Error(
      '--swa-from needs --precise-bn <faces>: averaged weights need BatchNorm statistics of their own',
    );
  }
  const distillFrom = values['distill-from']?.split(',').filter((dir) => dir.length > 0);
  if (distillFrom !== undefined && distillFrom.length === 0) {
    throw new Error('--distill-from needs at least one model directory');
  }
  const distillHardWeight =
    values['distill-hard-weight'] === undefined ? 0.5 : Number(values['distill-hard-weight']);
  if (!(distillHardWeight >= 0 && distillHardWeight <= 1)) {
    throw new Error(`--distill-hard-weight must be between 0 and 1, got "${values['distill-hard-weight']}"`);
  }
  if (values['distill-hard-weight'] !== undefined && !distillFrom) {
    throw new Error('--distill-hard-weight needs --distill-from <teacher model dir>');
  }
  const labelSmoothing =
    values['label-smoothing'] === undefined ? undefined : Number(values['label-smoothing']);
  if (labelSmoothing !== undefined && !(labelSmoothing > 0 && labelSmoothing < 1)) {
    throw new Error(`--label-smoothing must be between 0 and 1, got "${values['label-smoothing']}"`);
  }
  const randomErasing = values['random-erasing'] === undefined ? undefined : Number(values['random-erasing']);
  if (randomErasing !== undefined && !(randomErasing > 0 && randomErasing <= 1)) {
    throw new Error(
      `--random-erasing must be a probability above 0 and at most 1, got "${values['random-erasing']}"`,
    );
  }
  if (randomErasing !== undefined && !values.augment) {
    throw new Error('--random-erasing is part of the augmentation: add --augment');
  }
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);
  return {
    data: values.data,
    format: parseFerFormat(values.format),
    arch: values.arch,
    epochs: positiveInt(values.epochs, 'epochs', 30),
    batch: values.batch === undefined ? undefined : positiveInt(values.batch, 'batch'),
    seed,
    out: values.out,
    labels: values.labels === undefined ? 7 : parseFerLabelMode(values.labels),
    classWeights: classWeights === 'balanced',
    augment: values.augment,
    folds: values.folds === undefined ? undefined : positiveInt(values.folds, 'folds'),
    initFrom: values['init-from'],
    freeze: values.freeze,
    keepClassifier: values['keep-classifier'],
    unfreezeLast:
      values['unfreeze-last'] === undefined
        ? undefined
        : positiveInt(values['unfreeze-last'], 'unfreeze-last'),
    optimizer,
    learningRate,
    valFraction: fraction(values['val-fraction'], 'val-fraction', 0.1),
    testFraction: fraction(values['test-fraction'], 'test-fraction', 0.2),
    patience: positiveInt(values.patience, 'patience', 15),
    plateauPatience:
      values['plateau-patience'] === undefined
        ? undefined
        : positiveInt(values['plateau-patience'], 'plateau-patience'),
    checkpointEvery: positiveInt(values['checkpoint-every'], 'checkpoint-every', 50),
    auxiliary: values.auxiliary === undefined ? [] : parseAuxiliarySources(values.auxiliary),
    gaussianNoise,
    inputBatchNorm: values['input-batchnorm'],
    preciseBatchNorm:
      values['precise-bn'] === undefined ? undefined : positiveInt(values['precise-bn'], 'precise-bn'),
    swaStartEpoch:
      values['swa-from'] === undefined ? undefined : positiveInt(values['swa-from'], 'swa-from') - 1,
    distillFrom,
    distillHardWeight,
    labelSmoothing,
    randomErasing,
    keepLast: values['keep-last'],
  };
}
