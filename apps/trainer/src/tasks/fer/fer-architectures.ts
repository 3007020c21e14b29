// The networks `trainer train --task fer --arch <name>` can build. A new architecture is added by
// registering it here, not by editing the training code.
import * as tf from '@tensorflow/tfjs';
import {
  backboneFromModel,
  backboneInputSide,
  backboneNames,
  buildBackbone,
  buildCnnBiLstm,
  buildSeed000Cnn,
  buildSeed003Cnn,
  buildTransferModel,
  copyPretrainedWeights,
  freezeAllButHead,
  freezeBackbone,
  SEED000_TRAINING_CONFIG,
  SEED003_TRAINING_CONFIG,
  unfreezeLastLayers,
} from '@visioncad/fer';
import type { OptimizerConfig } from '@visioncad/vision-core/training';

/** What a builder needs besides the architecture name. */
export interface FerBuildOptions {
  inputShape: [number, number, number];
  numClasses: number;
  /** A tfjs LayersModel (already loaded) whose layers up to the classifier become the backbone. */
  initFrom?: tf.LayersModel;
  /** Freeze the whole backbone (transfer learning's first stage). */
  freeze?: boolean;
  /** Make only the backbone's last N layers trainable (the second stage). */
  unfreezeLast?: number;
  /** Copy --init-from's classifier too (same labels, checked by the caller): a further training stage. */
  keepClassifier?: boolean;
  /** Transfer backbones only: Gaussian-noise standard deviation on the input. */
  gaussianNoise?: number;
  /** Transfer backbones only: batch normalisation on the input. */
  inputBatchNorm?: boolean;
}

/** A registered FER architecture: its builder and the recipe its paper trained it with. */
export interface FerArchitecture {
  name: string;
  description: string;
  build(options: FerBuildOptions): tf.LayersModel;
  optimizer: OptimizerConfig;
  batchSize: number;
  /** Epochs without a validation-accuracy gain before the learning rate is halved. */
  plateauPatience: number;
  /** Whether the builder takes --gaussian-noise and --input-batchnorm (the transfer backbones). */
  inputLayers?: boolean;
  /**
   * Sequence models: frames per sample. The trainer then feeds each sequence of the data (ckplus48)
   * as one face with its last `frames` frames stacked as channels (inputShape [h, w, frames]).
   */
  frames?: number;
}

const architectures = new Map<string, FerArchitecture>();

/** Registers an architecture under its name (errors on duplicates). */
export function registerFerArchitecture(architecture: FerArchitecture): void {
  if (architectures.has(architecture.name)) {
    throw new Error(`FER architecture "${architecture.name}" is already registered`);
  }
  architectures.set(architecture.name, architecture);
}

/** Names accepted by --arch. */
export function ferArchitectureNames(): string[] {
  return [...architectures.keys()];
}

/** Looks up --arch, listing the known names when it is unknown. */
export function findFerArchitecture(name: string): FerArchitecture {
  const found = architectures.get(name);
  if (!found) throw new Error(`--arch ${name} is unknown; use one of ${ferArchitectureNames().join(', ')}`);
  return found;
}

/**
 * Fine-tuning a network of the same architecture (e.g. our FER2013-trained seed000 on CK+): the
 * fresh model takes every weight of --init-from but a new classifier; --freeze trains only that
 * classifier, --unfreeze-last n also the last n layers before it. --keep-classifier takes the
 * classifier too: the same model trained further (e.g. a lower learning rate once it has plateaued).
 */
function fineTune(model: tf.LayersModel, o: FerBuildOptions): tf.LayersModel {
  if (!o.initFrom) {
    if (o.freeze || o.unfreezeLast !== undefined || o.keepClassifier) {
      throw new Error(
        '--freeze, --unfreeze-last and --keep-classifier need --init-from <pretrained model dir>',
      );
    }
    return model;
  }
  copyPretrainedWeights(model, o.initFrom, o.keepClassifier ? { except: [] } : {});
  if (o.freeze || o.unfreezeLast !== undefined) freezeAllButHead(model, o.unfreezeLast ?? 0);
  return model;
}

registerFerArchitecture({
  name: 'seed000',
  description: 'custom CNN of seed paper 000 (3 conv stages, FC 1024; 2.4M parameters)',
  build: (o) => fineTune(buildSeed000Cnn({ inputShape: o.inputShape, numClasses: o.numClasses }), o),
  optimizer: { ...SEED000_TRAINING_CONFIG.optimizer },
  batchSize: SEED000_TRAINING_CONFIG.batchSize,
  plateauPatience: SEED000_TRAINING_CONFIG.reduceLROnPlateau.patience,
});

for (const variant of ['fer2013', 'ckplus'] as const) {
  registerFerArchitecture({
    name: variant === 'fer2013' ? 'seed003' : 'seed003-ckplus',
    description: `deeper CNN of seed paper 003 (4 conv blocks, ${variant === 'fer2013' ? 'dense 512' : 'dense 512 + 256'})`,
    build: (o) =>
      fineTune(buildSeed003Cnn({ variant, inputShape: o.inputShape, numClasses: o.numClasses }), o),
    optimizer: { ...SEED003_TRAINING_CONFIG.optimizer },
    batchSize: SEED003_TRAINING_CONFIG.batchSize,
    plateauPatience: 5,
  });
}

// Transfer learning (seed papers 000 and 002): a backbone — one of the registered families, randomly
// initialised because no ImageNet weights exist offline, or the layers of a model given with
// --init-from — under a new global-average-pooling + softmax head.
for (const backbone of backboneNames()) {
  registerFerArchitecture({
    name: backbone,
    description: `${backbone} backbone (or --init-from <model dir>) with a GAP + dense head`,
    build: (o) => {
      const base = o.initFrom
        ? backboneFromModel(o.initFrom)
        : buildBackbone(backbone, {
            inputShape: [
              backboneInputSide(backbone, o.inputShape[0]),
              backboneInputSide(backbone, o.inputShape[1]),
              3,
            ],
          });
      if (o.freeze) freezeBackbone(base);
      if (o.unfreezeLast !== undefined) unfreezeLastLayers(base, o.unfreezeLast);
      return buildTransferModel({
        backbone: base,
        inputShape: o.inputShape,
        numClasses: o.numClasses,
        head: 'gap-dense',
        gaussianNoise: o.gaussianNoise,
        inputBatchNorm: o.inputBatchNorm,
      });
    },
    inputLayers: true,
    optimizer: { type: 'adam', learningRate: 1e-3 },
    batchSize: 32,
    plateauPatience: 5,
  });
}

// CNN-BiLSTM (seed paper 004) over CK+'s 3-frame sequences: a per-frame CNN — the small default
// encoder, or with --init-from a trained single-frame FER CNN without its classifier (e.g.
// models/fer-seed000; --freeze keeps it fixed) — then a bidirectional LSTM and a softmax.
registerFerArchitecture({
  name: 'cnn-bilstm',
  description:
    'CNN-BiLSTM of seed paper 004 over 3-frame sequences (per-frame CNN, bidirectional LSTM 2x128, dropout 0.3)',
  frames: 3,
  build: (o) => {
    const frameShape: [number, number, number] = [o.inputShape[0], o.inputShape[1], 1];
    let encoder: tf.LayersModel | undefined;
    if (o.initFrom) {
      encoder = backboneFromModel(o.initFrom);
      if (o.freeze) freezeBackbone(encoder);
      if (o.unfreezeLast !== undefined) unfreezeLastLayers(encoder, o.unfreezeLast);
    } else if (o.freeze || o.unfreezeLast !== undefined) {
      throw new Error('--freeze and --unfreeze-last need --init-from <pretrained model dir>');
    }
    return buildCnnBiLstm({
      frames: o.inputShape[2],
      frameShape,
      numClasses: o.numClasses,
      encoder,
      framesAsChannels: true,
    });
  },
  optimizer: { type: 'adam', learningRate: 1e-3 },
  batchSize: 16,
  plateauPatience: 5,
});
