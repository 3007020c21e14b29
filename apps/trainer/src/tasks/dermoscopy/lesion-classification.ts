// `trainer train --task lesion-classification`: a small lesion ResNet or VGG (--arch) on HAM10000's
// 7 diagnoses (lesion-disjoint split, class weights, augmentation), temperature-scaled on the
// validation part, scored on the test part (incl. melanoma vs rest), shipped with its card
// (./finish-classifier: optional precise BatchNorm, temperature, balanced decision rule).
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import { buildLesionVgg } from '@visioncad/dermoscopy/models/lesion-vgg';
import { SHADES_OF_GRAY_P } from '@visioncad/dermoscopy';
import { epochOrder, ImageDataset } from '@visioncad/vision-core/data';
import { readModelCard, withPriorFittedOn } from '@visioncad/vision-core/models-node';
import {
  averageBatchNormStatistics,
  CosineDecay,
  EarlyStopping,
  fit,
  ProgressBar,
  withSeededRandom,
} from '@visioncad/vision-core/training';
import { FileCheckpointStore, JsonlMetricsLog, loadModel } from '@visioncad/vision-core/training-node';
import { mergeFittedOn, shellWords } from '@visioncad/vision-core/models';

import { applyTemperature } from '@visioncad/vision-core/metrics';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { predictLogProbabilities, type LabelledImage } from './classification-evaluation';
import { ham10000EvaluationImages, scoreHamTest } from './ham10000-evaluation';
import {
  PH2_AUXILIARY_SEED,
  PH2_MELANOMA_FORMAT,
  ph2AuxiliaryImages,
  ph2CrossDatasetImages,
  scorePh2Melanoma,
} from './ph2-cross-dataset';
import { readTemperature } from './calibrated-classifier';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import {
  abortOnSigint,
  DERMOSCOPY_AUGMENTATION,
  positiveNumbers,
  requiredDataFolder,
} from './dermoscopy-training';
import { cardDecoder, resizedDecoder } from './resized-decoder';
import { finishClassifier, imageBatches, parseRuleChoice } from './finish-classifier';

/** Training images (a seeded sample, unaugmented) whose batch statistics a weight average is validated with. */
const SWA_STATISTICS_IMAGES = 1024;

const USAGE = `trainer train --task lesion-classification [options]
  --data <dir>            HAM10000 folder (HAM10000_metadata.csv + images/) (required)
  --arch <resnet|vgg>     ResNet-style (default) or VGG-style (two 3x3 convs + pool per stage)
  --size <px>             input side (default 64)   --filters <n>  first-stage filters (default 16)
  --epochs <n>            epochs (default 12; cosine decay, early stopping on val_balanced_accuracy)
  --batch <n>             batch size (default 32)   --lr <x>  Adam learning rate (default 0.002)
  --max-per-class <n>     cap on training images per diagnosis (default 500; nv has ~2400)
  --init <dir>            continue from a shipped classifier's weights (same labels, --arch, --filters; any --size)
  --seed <n>              split/init/augmentation seed (default 11)
  --run <dir>             checkpoint + metrics log (default runs/lesion-classification, -vgg for vgg); rerun to resume
  --out <dir>             shipped model directory (default models/lesion-classifier-<arch>)
  --decision-rule <r>     auto (default): keep the balanced decision rule (logit adjustment fitted on
                          validation) when its 5-fold cross-validated validation balanced accuracy beats
                          the argmax's; balanced: always keep it; most-probable: never
  --precise-bn            after training, recompute the BatchNorm statistics over the training images
                          (no augmentation) instead of keeping the moving averages (see vision-core training/batch-norm-statistics.ts)
  --swa-from <epoch>       stochastic weight averaging: from this epoch (1-based) on, each epoch's weights
                          join a running mean that validation, early stopping and the shipped model use;
                          before each validation the mean gets the average batch statistics of ${SWA_STATISTICS_IMAGES}
                          training images (no augmentation)
  --auxiliary-ph2 <dir>   PH2 folder: its training cases (the seed-7 split of every PH2 model) join the
                          training data as mel (melanoma) and nv (common, atypical naevi): a second
                          dermatoscope; PH2's validation and test cases stay unseen (evaluate --format ph2-melanoma)
  --auxiliary-repeat <n>  times each PH2 training case is repeated per epoch (default 5)
  --shades-of-gray        colour constancy (shades of gray, p ${SHADES_OF_GRAY_P}; Barata et al. 2015) on every image after
                          resizing, at training and (recorded on the card) wherever the model is used
  --register              make it the lesion-classification default in models/registry.json`;

/** The classifier families `--arch` picks, with the card's architecture line. */
const ARCHITECTURES = {
  resnet: {
    build: buildLesionResnet,
    describe: (f: number) =>
      `ResNet-style: 3x3 stem (${f}), max-pool, 4 basic residual stages (${f}-${f * 8} filters, strides 1/2/2/2), GAP, dropout 0.3, softmax 7; temperature-scaled`,
  },
  vgg: {
    build: buildLesionVgg,
    describe: (f: number) =>
      `VGG-style: 4 stages of 2x (3x3 conv, BN, ReLU) + 2x2 max-pool (${f}-${f * 8} filters), GAP, dropout 0.3, softmax 7; temperature-scaled`,
  },
};

/**
 * The shipped classifier in `dir` as the starting point of a run at the input size `build()` makes.
 * The lesion nets are convolutions + global average pooling, so their weights do not depend on the
 * input size: at another size the weights are copied into a freshly built net of the same
 * architecture (--arch and --filters must match the shipped one).
 */
async function initModel(
  dir: string,
  initSize: number,
  build: () => tf.LayersModel,
): Promise<tf.LayersModel> {
  const shipped = await loadModel(dir);
  const fresh = build();
  if (fresh.inputs[0].shape[1] === initSize) {
    fresh.dispose();
    return shipped;
  }
  const from = shipped.getWeights();
  const to = fresh.weights;
  const mismatch =
    from.length !== to.length
      ? `${from.length} weight tensors vs ${to.length}`
      : to
          .map((w, k) =>
            w.shape.join() === from[k].shape.join()
              ? null
              : `${w.originalName} ${w.shape.join('x')} vs ${from[k].shape.join('x')}`,
          )
          .find((m) => m !== null);
  if (mismatch) {
    throw new Error(
      `--init ${dir}: its weights do not fit the --arch/--filters net being trained (${mismatch}); use the same --arch and --filters as that model`,
    );
  }
  fresh.setWeights(from);
  shipped.dispose();
  return fresh;
}

/** The card's words for a weight-averaged run whose best (kept) epoch is `bestEpoch` (0-based). */
function averagingNote(swaFrom: number, bestEpoch: number | undefined, statisticsImages: number): string {
  const best = (bestEpoch ?? 0) + 1;
  const kept =
    best >= swaFrom
      ? `the kept model is the mean of epochs ${swaFrom}-${best}`
      : 'the kept epoch came before it';
  return `stochastic weight averaging from epoch ${swaFrom} (${kept}; BatchNorm statistics of ${statisticsImages} training images before each validation)`;
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      arch: { type: 'string', default: 'resnet' },
      size: { type: 'string', default: '64' },
      filters: { type: 'string', default: '16' },
      init: { type: 'string' },
      epochs: { type: 'string', default: '12' },
      batch: { type: 'string', default: '32' },
      lr: { type: 'string', default: '0.002' },
      'max-per-class': { type: 'string', default: '500' },
      seed: { type: 'string', default: '11' },
      run: { type: 'string' },
      out: { type: 'string' },
      register: { type: 'boolean', default: false },
      'decision-rule': { type: 'string', default: 'auto' },
      'precise-bn': { type: 'boolean', default: false },
      'swa-from': { type: 'string' },
      'auxiliary-ph2': { type: 'string' },
      'auxiliary-repeat': { type: 'string', default: '5' },
      'shades-of-gray': { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const ruleChoice = parseRuleChoice(values['decision-rule']!);
  const [size, filters, epochs, batchSize, lr, maxPerClass, seed] = positiveNumbers(values, [
    'size',
    'filters',
    'epochs',
    'batch',
    'lr',
    'max-per-class',
    'seed',
  ] as const);
  const swaFrom = values['swa-from'] === undefined ? undefined : Number(values['swa-from']);
  if (swaFrom !== undefined && !(Number.isInteger(swaFrom) && swaFrom >= 1 && swaFrom <= epochs)) {
    throw new Error(
      `--swa-from must be an epoch from 1 to --epochs (${epochs}), got "${values['swa-from']}"`,
    );
  }
  const arch = values.arch!;
  if (!(arch in ARCHITECTURES)) throw new Error(`--arch must be resnet or vgg, got "${arch}"`);
  const { build, describe } = ARCHITECTURES[arch as keyof typeof ARCHITECTURES];
  const runDir =
    values.run ?? (arch === 'resnet' ? 'runs/lesion-classification' : `runs/lesion-classification-${arch}`);
  const outDir = values.out ?? `models/lesion-classifier-${arch}`;
  const ham = await ham10000Samples(requiredDataFolder(values.data, 'HAM10000'), seed, maxPerClass);
  const [auxiliaryRepeat] = positiveNumbers(values, ['auxiliary-repeat'] as const);
  const auxiliary = values['auxiliary-ph2']
    ? await ph2AuxiliaryImages(values['auxiliary-ph2'], auxiliaryRepeat)
    : null;
  const data = auxiliary ? { ...ham, train: [...ham.train, ...auxiliary.images] } : ham;
  // Colour constancy on every image the network reads (training, validation, test, and every caller
  // after it, from the card): dermatoscopes differ in illumination and white balance.
  const shadesOfGrayP = values['shades-of-gray'] ? SHADES_OF_GRAY_P : undefined;
  const decode = resizedDecoder(size, 3, shadesOfGrayP);
  const trainSet = new ImageDataset({
    samples: data.train,
    decode,
    imageShape: [size, size, 3],
    batchSize,
    seed,
    augmentation: DERMOSCOPY_AUGMENTATION,
  });
  const validation = new ImageDataset({
    samples: data.val,
    decode,
    imageShape: [size, size, 3],
    batchSize: 64,
    shuffle: false,
  });
  // --init continues from a shipped classifier's weights (same labels and input size) instead of
  // random ones; the checkpoint in the run directory still takes precedence on resume.
  const initCard = values.init ? await readModelCard(values.init) : null;
  if (initCard && initCard.labels.join() !== HAM_LABELS.join()) {
    throw new Error(
      `--init ${values.init}: its card has labels ${initCard.labels.join(', ')}; this run needs ${HAM_LABELS.join(', ')}`,
    );
  }
  const model = values.init
    ? await initModel(values.init, initCard!.input.width, () =>
        build({ inputSize: size, baseFilters: filters, numClasses: HAM_LABELS.length }),
      )
    : withSeededRandom(seed, ['init'], () =>
        build({ inputSize: size, baseFilters: filters, numClasses: HAM_LABELS.length }),
      );
  const stepsPerEpoch = Math.ceil(data.train.length / batchSize);
  // Weight averaging: the mean is a new network for BatchNorm, so it gets statistics of its own
  // (the same seeded images every epoch) before each validation.
  const statisticsImages =
    swaFrom === undefined
      ? []
      : Array.from(
          epochOrder(data.train.length, seed, -1).subarray(0, SWA_STATISTICS_IMAGES),
          (i) => data.train[i],
        );
  const averaging =
    swaFrom === undefined
      ? {}
      : {
          weightAveraging: { startEpoch: swaFrom - 1 },
          beforeValidation: async () => {
            await averageBatchNormStatistics(model, imageBatches(statisticsImages, decode, size));
          },
        };
  const started = Date.now();
  const result = await fit(model, {
    train: trainSet,
    validation,
    epochs,
    seed,
    optimizer: { type: 'adam', learningRate: lr, weightDecay: 1e-4 },
    classWeights: 'balanced',
    lrSchedule: new CosineDecay({ initialLearningRate: lr, decaySteps: epochs * stepsPerEpoch, alpha: 0.05 }),
    earlyStopping: new EarlyStopping({
      monitor: 'val_balanced_accuracy',
      patience: epochs,
      restoreBestWeights: true,
    }),
    checkpoint: { store: new FileCheckpointStore(join(runDir, 'checkpoint.ckpt')), everySteps: 20 },
    metricsLog: new JsonlMetricsLog(join(runDir, 'metrics.jsonl')),
    progress: new ProgressBar(process.stderr),
    signal: abortOnSigint(),
    ...averaging,
  });
  if (result.stopReason === 'aborted') {
    console.error(`stopped at step ${result.globalStep}; rerun the same command to resume`);
    return;
  }
  const trainSeconds = Math.round((Date.now() - started) / 1000);
  const lastEpoch = result.history.at(-1);
  await finishClassifier({
    model,
    data,
    fittedOn: await withPriorFittedOn(
      auxiliary
        ? mergeFittedOn(`${ham.fittedOn.note}; ${auxiliary.fittedOn.note}`, [
            ham.fittedOn,
            auxiliary.fittedOn,
          ])
        : ham.fittedOn,
      values.init ? [values.init] : [],
    ),
    decode,
    seed,
    runDir,
    outDir,
    ruleChoice,
    preciseBatchNorm: values['precise-bn']!,
    register: values.register!,
    card: {
      name: basename(outDir),
      version: '1.0.0',
      task: 'lesion-classification',
      architecture: initCard
        ? `${initCard.architecture.replace(/; temperature-scaled$/, '')}; warm-started from ${initCard.name} ${initCard.version}; temperature-scaled`
        : describe(filters),
      labels: [...HAM_LABELS],
      input: {
        width: size,
        height: size,
        channels: 3,
        preprocessing: [
          'RGB',
          `bilinear resize to ${size}x${size}`,
          ...(shadesOfGrayP ? [`shades-of-gray colour constancy (p ${shadesOfGrayP})`] : []),
          'scale 0..1',
        ],
        ...(shadesOfGrayP ? { shadesOfGray: { p: shadesOfGrayP } } : {}),
      },
      data: {
        dataset: `HAM10000 (Tschandl et al. 2018), this copy: 4,786 images${auxiliary ? `; auxiliary: PH2 (Mendonça et al. 2013), ${auxiliary.cases} training cases` : ''}`,
        split: `lesion-disjoint, stratified by dx, seed ${seed}, 70/15/15; training part capped at ${maxPerClass} images per diagnosis (${data.trainBeforeCap} before the cap)${auxiliary ? `, plus the ${auxiliary.cases} PH2 training cases of the seed-${PH2_AUXILIARY_SEED} PH2 split x${auxiliaryRepeat} as mel / nv` : ''}; temperature fitted on validation; metrics on test`,
        trainSize: data.train.length,
        validationSize: data.val.length,
        testSize: data.test.length,
      },
      // A warm-started model is reproduced by the whole chain of commands that made its start (without
      // re-registering that start as a default).
      command: [
        initCard?.command.replace(/ --register\b/g, ''),
        `npm run trainer -- train --task lesion-classification ${shellWords(args)}`.trim(),
      ]
        .filter(Boolean)
        .join(' && '),
      seed,
      limits: [
        `Trained on ${data.train.length} images at ${size}x${size} for ${result.history.length} epochs of CPU time: far below published HAM10000 models; read the per-class recall before trusting any class.`,
        auxiliary
          ? 'Two dermoscopy sources (HAM10000; PH2 for mel / nv only); clinical (non-dermoscopic) photos and other devices are out of distribution.'
          : 'Single dermoscopy source (HAM10000); clinical (non-dermoscopic) photos and other devices are out of distribution.',
        'Not a diagnostic device: melanoma-vs-rest sensitivity/specificity are from one held-out split, without confidence intervals.',
      ],
      training: {
        epochs: result.history.length,
        backend: tf.getBackend(),
        durationSeconds: trainSeconds,
        parameters: model.countParams(),
        optimizer: `Adam lr ${lr} cosine decay, weight decay 1e-4, balanced class weights, batch ${batchSize}, best epoch by val_balanced_accuracy (${result.bestEpoch})${swaFrom === undefined ? '' : `, ${averagingNote(swaFrom, result.bestEpoch, statisticsImages.length)}`}; last epoch ${lastEpoch ? lastEpoch.img_per_sec.toFixed(1) : '?'} img/s`,
      },
      createdAt: new Date().toISOString(),
    },
    extra: { bestEpoch: result.bestEpoch },
  });
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = request.format ?? 'ham10000-test';
  const temperature = await readTemperature(request.modelDir);
  const predict = async (images: readonly LabelledImage[]) => {
    const model = await loadModel(request.modelDir);
    const logProbs = await predictLogProbabilities(tf, model, images, cardDecoder(request.card));
    model.dispose();
    return logProbs;
  };
  if (format === PH2_MELANOMA_FORMAT) {
    const { cases, images, heldOut } = await ph2CrossDatasetImages(request);
    const probs = applyTemperature(await predict(images), temperature);
    return scorePh2Melanoma(request.modelDir, request.out, cases, probs, heldOut);
  }
  const { images, heldOut } = await ham10000EvaluationImages(request);
  const logProbs = await predict(images);
  return scoreHamTest(request.modelDir, request.out, format, logProbs, images, temperature, heldOut);
}

export const lesionClassificationTask: TrainerTask = {
  name: 'lesion-classification',
  description:
    'ResNet- or VGG-style 7-class HAM10000 lesion classifier, temperature-calibrated; melanoma vs rest',
  formats: ['ham10000-test', PH2_MELANOMA_FORMAT],
  train,
  evaluate,
  usage: USAGE,
};
