import * as tf from '@tensorflow/tfjs';

import type { BackboneOptions } from './backbones/backbone-options';
import { buildMobileNetV2 } from './backbones/mobilenet-v2';
import { buildResNet50 } from './backbones/resnet50';
import { buildVgg16 } from './backbones/vgg16';
import { buildXception } from './backbones/xception';
import { ResizeBilinear } from './layers/resize-bilinear';

/** Builds a headless feature extractor for the given input. */
export type BackboneBuilder = (options: BackboneOptions) => tf.LayersModel;

const backbones = new Map<string, BackboneBuilder>([
  ['vgg16', buildVgg16],
  ['resnet50', buildResNet50],
  ['mobilenetv2', buildMobileNetV2],
  ['xception', buildXception],
]);

/** Smallest input side each family accepts (Xception's entry flow needs 71 px, as in Keras). */
const minSides = new Map<string, number>([
  ['vgg16', 32],
  ['resnet50', 32],
  ['mobilenetv2', 32],
  ['xception', 71],
]);

/**
 * Registers another backbone family under a name (a new architecture is added here, not in callers);
 * `minSide`: the smallest input side it accepts.
 */
export function registerBackbone(name: string, builder: BackboneBuilder, minSide = 1): void {
  if (backbones.has(name)) throw new Error(`backbone "${name}" is already registered`);
  backbones.set(name, builder);
  minSides.set(name, minSide);
}

/**
 * The backbone input side for data of `side` pixels: the data's own, or the family's minimum when
 * the data is smaller (the transfer model resizes up to it, e.g. 48 px FER faces to 71 for Xception).
 */
export function backboneInputSide(name: string, side: number): number {
  const min = minSides.get(name);
  if (min === undefined) throw new Error(`unknown backbone "${name}"; registered: ${backboneNames().join(', ')}`);
  return Math.max(side, min);
}

/** Names of the registered backbones. */
export function backboneNames(): string[] {
  return [...backbones.keys()];
}

/** Builds a registered backbone (randomly initialised: no ImageNet weights can be fetched offline). */
export function buildBackbone(name: string, options: BackboneOptions = {}): tf.LayersModel {
  const builder = backbones.get(name);
  if (!builder) throw new Error(`unknown backbone "${name}"; registered: ${backboneNames().join(', ')}`);
  return builder(options);
}

/**
 * Turns any tfjs LayersModel a user brings (a pretrained classifier, face-api's or our own) into a
 * backbone: the sub-model from its input to `outputLayer`'s output (default: the layer before the
 * last, i.e. the model without its classifier). Without `outputLayer`, a model holding exactly one
 * nested model — one of our own transfer models ({@link buildTransferModel}), e.g. a MobileNetV2
 * trained on FER2013 — gives that nested backbone, without the input adapters and the head.
 */
export function backboneFromModel(model: tf.LayersModel, outputLayer?: string): tf.LayersModel {
  if (model.inputs.length !== 1) throw new Error(`a backbone needs one input; this model has ${model.inputs.length}`);
  const nested = model.layers.filter((l): l is tf.LayersModel => l instanceof tf.LayersModel);
  if (!outputLayer && nested.length === 1) return nested[0];
  const layer = outputLayer ? model.getLayer(outputLayer) : model.layers[model.layers.length - 2];
  if (!layer) throw new Error(`model ${model.name} has too few layers to drop its classifier`);
  return tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor, name: `${model.name}_backbone` });
}

/** Options of {@link buildTransferModel}. */
export interface TransferModelOptions {
  /** A built or user-supplied backbone (see {@link buildBackbone}, {@link backboneFromModel}). */
  backbone: tf.LayersModel;
  /** Shape of the data, e.g. [48, 48, 1]; gray input is repeated to the backbone's channels and resized. */
  inputShape: [number, number, number];
  numClasses: number;
  /**
   * 'gap-dense': global average pooling and a softmax dense layer (seed 002). 'fc-4096-1024': flatten,
   * dense 4096 and 1024 with ReLU and dropout, softmax (seed 000).
   */
  head?: 'gap-dense' | 'fc-4096-1024';
  /** Dropout in the fc-4096-1024 head. */
  headDropout?: number;
  /** Batch normalisation on the input, before the noise and the backbone (seed 002's variants). */
  inputBatchNorm?: boolean;
  /** Standard deviation of a Gaussian-noise layer on the input (active in training only); 0 = none. */
  gaussianNoise?: number;
}

/**
 * A transfer-learning classifier: data input -> channel repeat / resize to the backbone's input ->
 * [batch norm] -> [Gaussian noise] -> backbone -> new head. Train it with the backbone frozen
 * ({@link freezeBackbone}), then unfreeze the last layers ({@link unfreezeLastLayers}).
 */
export function buildTransferModel(options: TransferModelOptions): tf.LayersModel {
  const [bh, bw, bc] = options.backbone.inputs[0].shape.slice(1) as number[];
  const [h, w, c] = options.inputShape;
  if (c !== bc && c !== 1) {
    throw new Error(`cannot feed ${c}-channel data to a ${bc}-channel backbone (only gray input is repeated)`);
  }
  const input = tf.input({ shape: options.inputShape, name: 'image' });
  let x: tf.SymbolicTensor = input;
  if (c !== bc) x = tf.layers.concatenate({ axis: -1, name: 'gray_to_rgb' }).apply(Array(bc).fill(x)) as tf.SymbolicTensor;
  if (h !== bh || w !== bw) x = new ResizeBilinear({ height: bh, width: bw, name: 'resize' }).apply(x) as tf.SymbolicTensor;
  if (options.inputBatchNorm) x = tf.layers.batchNormalization({ name: 'input_bn' }).apply(x) as tf.SymbolicTensor;
  if (options.gaussianNoise) {
    x = tf.layers.gaussianNoise({ stddev: options.gaussianNoise, name: 'input_noise' }).apply(x) as tf.SymbolicTensor;
  }
  x = options.backbone.apply(x) as tf.SymbolicTensor;
  if ((options.head ?? 'gap-dense') === 'gap-dense') {
    // A backbone ending in feature maps is pooled; one ending in a vector (a classifier without its
    // last layer) feeds the dense layer directly.
    if (x.shape.length === 4) x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  } else {
    const rate = options.headDropout ?? 0.5;
    if (x.shape.length > 2) x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
    for (const units of [4096, 1024]) {
      x = tf.layers.dense({ units, activation: 'relu', name: `fc${units}` }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.dropout({ rate, name: `fc${units}_dropout` }).apply(x) as tf.SymbolicTensor;
    }
  }
  const output = tf.layers
    .dense({ units: options.numClasses, activation: 'softmax', name: 'predictions' })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: `${options.backbone.name}_transfer` });
}

/** Freezes every backbone weight (phase 1: train only the new head). Recompile afterwards. */
export function freezeBackbone(backbone: tf.LayersModel): void {
  backbone.trainable = false;
}

/**
 * Phase 2 of fine-tuning: the backbone's last `n` layers (counted over all its layers, as Keras'
 * `base.layers[-n:]`) become trainable, the rest stay frozen. Recompile afterwards: tfjs collects
 * trainable weights at compile time. Note that batch norm layers keep using batch statistics in
 * training even when frozen, unlike Keras 2.
 */
export function unfreezeLastLayers(backbone: tf.LayersModel, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of layers to unfreeze must be >= 0, got ${n}`);
  // A frozen container reports no trainable weights whatever its layers say, so thaw it first.
  backbone.trainable = true;
  const first = backbone.layers.length - n;
  backbone.layers.forEach((layer, i) => (layer.trainable = i >= first));
}
