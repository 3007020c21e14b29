// `trainer train --task lesion-segmentation`: the lesion U-Net on PH2 (BCE + Dice, augmentation),
// scored on the 40 held-out PH2 cases against the Otsu baseline, shipped with its card.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { buildUnet } from '@visioncad/dermoscopy/models/unet';
import { loadImageMaskFolder, loadPh2 } from '@visioncad/dermoscopy/node';
import { ImageDataset } from '@visioncad/vision-core/data';
import {
  EarlyStopping,
  fit,
  ProgressBar,
  ReduceLROnPlateau,
  withSeededRandom,
} from '@visioncad/vision-core/training';
import { FileCheckpointStore, JsonlMetricsLog, loadModel } from '@visioncad/vision-core/training-node';
import { shellWords } from '@visioncad/vision-core/models';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { heldOutPh2, ph2FittedOn, type HeldOutRecord } from './held-out-data';
import { splitPh2ForUnet, PH2_UNET_FRACTIONS } from './ph2-split';
import {
  abortOnSigint,
  DERMOSCOPY_AUGMENTATION,
  positiveNumbers,
  requiredDataFolder,
} from './dermoscopy-training';
import { resizedDecoder } from './resized-decoder';
import { evaluateSegmentation, type MaskCase } from './segmentation-evaluation';
import { shipModel } from './ship-model';

const USAGE = `trainer train --task lesion-segmentation [options]
  --data <dir>        PH2 folder (PH2_dataset.csv + "PH2 Dataset images") (required)
  --size <px>         network input side (default 128)
  --depth <n>         U-Net levels (default 4)      --filters <n>  first-level filters (default 8)
  --epochs <n>        at most this many epochs (default 60; early stopping on val_dice, patience 12)
  --batch <n>         batch size (default 8)        --lr <x>       Adam learning rate (default 0.002)
  --seed <n>          split, initial-weight and augmentation seed (default 7)
  --run <dir>         checkpoint + metrics log (default runs/lesion-segmentation); rerun to resume
  --out <dir>         shipped model directory (default models/lesion-segmentation-unet)
  --register          make it the lesion-segmentation default in models/registry.json`;

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      size: { type: 'string', default: '128' },
      depth: { type: 'string', default: '4' },
      filters: { type: 'string', default: '8' },
      epochs: { type: 'string', default: '60' },
      batch: { type: 'string', default: '8' },
      lr: { type: 'string', default: '0.002' },
      seed: { type: 'string', default: '7' },
      run: { type: 'string', default: 'runs/lesion-segmentation' },
      out: { type: 'string', default: 'models/lesion-segmentation-unet' },
      register: { type: 'boolean', default: false },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const [size, depth, filters, epochs, batchSize, lr, seed] = positiveNumbers(values, [
    'size',
    'depth',
    'filters',
    'epochs',
    'batch',
    'lr',
    'seed',
  ] as const);
  const dataDir = requiredDataFolder(values.data, 'PH2');
  const split = splitPh2ForUnet(await loadPh2(dataDir), seed);
  const samples = (part: typeof split.train) =>
    part.map((c) => ({ path: c.imagePath, maskPath: c.lesionMaskPath }));
  const common = {
    imageShape: [size, size, 3] as const,
    decode: resizedDecoder(size, 3),
    decodeMask: resizedDecoder(size, 1),
  };
  const trainSet = new ImageDataset({
    ...common,
    samples: samples(split.train),
    batchSize,
    seed,
    augmentation: DERMOSCOPY_AUGMENTATION,
  });
  const validation = new ImageDataset({
    ...common,
    samples: samples(split.val),
    batchSize: 16,
    shuffle: false,
  });
  const model = withSeededRandom(seed, ['init'], () =>
    buildUnet({ inputSize: size, depth, baseFilters: filters }),
  );
  await mkdir(values.run!, { recursive: true });
  const started = Date.now();
  const result = await fit(model, {
    train: trainSet,
    validation,
    epochs,
    seed,
    optimizer: { type: 'adam', learningRate: lr },
    loss: 'binaryCrossEntropyDice',
    lrSchedule: new ReduceLROnPlateau({
      initialLearningRate: lr,
      monitor: 'val_dice',
      factor: 0.5,
      patience: 5,
    }),
    earlyStopping: new EarlyStopping({ monitor: 'val_dice', patience: 12, restoreBestWeights: true }),
    checkpoint: { store: new FileCheckpointStore(join(values.run!, 'checkpoint.ckpt')) },
    metricsLog: new JsonlMetricsLog(join(values.run!, 'metrics.jsonl')),
    progress: new ProgressBar(process.stderr),
    signal: abortOnSigint(),
  });
  if (result.stopReason === 'aborted') {
    console.error(`stopped at step ${result.globalStep}; rerun the same command to resume`);
    return;
  }
  const trainSeconds = Math.round((Date.now() - started) / 1000);
  const heldOut = await evaluateSegmentation(model, ph2MaskCases(split.test), join(values.run!, 'overlays'));
  await writeFile(join(values.run!, 'heldout-metrics.json'), JSON.stringify(heldOut, null, 2) + '\n');
  const { perImage: _perImage, overlays: _overlays, ...summary } = heldOut;
  const lastEpoch = result.history.at(-1);
  const card = await shipModel(
    model,
    values.out!,
    {
      name: 'lesion-segmentation-unet',
      version: '1.0.0',
      task: 'lesion-segmentation',
      architecture: `U-Net, depth ${depth}, ${filters}-${filters * 2 ** depth} filters, conv-BN-ReLU x2 per block, upsampling + skip concatenation, sigmoid mask`,
      labels: ['lesion'],
      input: {
        width: size,
        height: size,
        channels: 3,
        preprocessing: ['RGB', `bilinear resize to ${size}x${size}`, 'scale 0..1'],
      },
      data: {
        dataset: 'PH2 (Mendonça et al. 2013), expert lesion masks',
        split: `lesion-disjoint, stratified by clinical diagnosis, seed ${seed}, fractions ${JSON.stringify(PH2_UNET_FRACTIONS)}; test cases never used in training or model selection`,
        trainSize: split.train.length,
        validationSize: split.val.length,
        testSize: split.test.length,
      },
      command: `npm run trainer -- train --task lesion-segmentation ${shellWords(args)}`.trim(),
      seed,
      metrics: { 'ph2-heldout': summary },
      limits: [
        `Trained on ${split.train.length} PH2 images from one clinic and one dermoscope (20x magnification); other devices, skin types and ISIC-style images are untested.`,
        'Post-processing keeps one lesion (the main connected component, holes filled): multiple lesions in one image are not supported.',
        `Masks are predicted at ${size}x${size} and upsampled, so borders are smoother than the expert outline.`,
      ],
      training: {
        epochs: result.history.length,
        backend: tf.getBackend(),
        durationSeconds: trainSeconds,
        parameters: model.countParams(),
        optimizer: `Adam lr ${lr}, ReduceLROnPlateau(val_dice, 0.5, 5), early stopping (val_dice, patience 12, best weights), BCE + Dice, batch ${batchSize}; last epoch ${lastEpoch ? lastEpoch.img_per_sec.toFixed(1) : '?'} img/s`,
      },
      createdAt: new Date().toISOString(),
    },
    'float16',
    values.register
      ? { note: `PH2 held-out Dice ${summary.dice} (Otsu baseline ${summary.otsuBaseline.dice})` }
      : null,
    ph2FittedOn(split, dataDir, seed),
  );
  console.log(
    JSON.stringify({ heldOut: summary, weights: card.weights, bestEpoch: result.bestEpoch }, null, 2),
  );
}

function ph2MaskCases(cases: Awaited<ReturnType<typeof loadPh2>>): MaskCase[] {
  return cases.map((c) => ({ id: c.id, imagePath: c.imagePath, maskPath: c.lesionMaskPath }));
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  const format = request.format ?? 'ph2-heldout';
  let cases: MaskCase[];
  let heldOut: HeldOutRecord | undefined;
  if (format === 'ph2-heldout') {
    const chosen = await heldOutPh2(request.data, request.modelDir, request.card.seed);
    cases = ph2MaskCases(chosen.items);
    heldOut = chosen.heldOut;
  } else {
    // image-mask-folder: <data>/images/<id>.* with <data>/masks/<id>_segmentation.*
    cases = (
      await loadImageMaskFolder({ images: join(request.data, 'images'), masks: join(request.data, 'masks') })
    ).map((p) => ({ id: p.id, imagePath: p.imagePath, maskPath: p.maskPath }));
  }
  if (request.limit) cases = cases.slice(0, request.limit);
  const model = await loadModel(request.modelDir);
  const stem = request.out.replace(/\.json$/, '');
  const result = await evaluateSegmentation(model, cases, `${stem}-overlays`);
  model.dispose();
  return { format, ...(heldOut ? { heldOut } : {}), ...result };
}

export const lesionSegmentationTask: TrainerTask = {
  name: 'lesion-segmentation',
  description: 'U-Net lesion masks (PH2), BCE + Dice, main-lesion post-processing',
  formats: ['ph2-heldout', 'image-mask-folder'],
  train,
  evaluate,
  usage: USAGE,
};
