// Diagnosis probabilities and the Grad-CAM of the top class from ONE forward pass. vision-core's
// generic `gradCam` predicts the whole model twice more and replays its whole layer graph to
// differentiate (it must work for any graph); when the layers after the Grad-CAM layer form a
// simple chain (our classifiers: global average pooling → dropout → dense softmax), the class score
// is that chain applied to the activations, so one two-output forward pass plus the gradient through
// the chain gives the same map (Selvaraju et al. 2017) at a fraction of the cost. Other graphs fall
// back to vision-core's `gradCam`. A probability-averaging ensemble of such classifiers (vision-core
// ensemble) takes the same path per member: its probabilities are the members' weighted mean and
// its map the members' maps weighted alike, as vision-core's `gradCam` defines it for ensembles.
import * as tf from '@tensorflow/tfjs';
import { averagingEnsembleParts } from '@visioncad/vision-core/ensemble';
import { gradCam, lastSpatialLayer, type ExplanationMap } from '@visioncad/vision-core/explain';
import { pooledFeatures } from './pooled-features';

interface ChainLayer {
  name: string;
  inboundNodes: Array<{ inboundLayers: ChainLayer[] }>;
  apply(input: tf.Tensor, kwargs?: Record<string, unknown>): tf.Tensor;
}

/** The model split at its Grad-CAM layer: a forward model with both outputs and the chain after it. */
interface SplitClassifier {
  forward: tf.LayersModel;
  head: ChainLayer[];
  /** The Grad-CAM layer's name. */
  layer: string;
}

const splits = new WeakMap<tf.LayersModel, SplitClassifier | null>();

/** The layers from after `layerName` to the output if they form a chain of single-input layers, else null. */
function headChain(model: tf.LayersModel, layerName: string): ChainLayer[] | null {
  const layers = model.layers as unknown as ChainLayer[];
  const start = layers.findIndex((l) => l.name === layerName);
  const head = layers.slice(start + 1);
  let previous = layers[start];
  for (const layer of head) {
    if (layer.inboundNodes.length !== 1) return null;
    const inbound = layer.inboundNodes[0].inboundLayers;
    if (inbound.length !== 1 || inbound[0] !== previous) return null;
    previous = layer;
  }
  const outputLayer = (model.outputs[0] as unknown as { sourceLayer: ChainLayer }).sourceLayer;
  return head.length > 0 && previous === outputLayer ? head : null;
}

function split(model: tf.LayersModel): SplitClassifier | null {
  const cached = splits.get(model);
  if (cached !== undefined) return cached;
  let result: SplitClassifier | null = null;
  // An ensemble has no top-level spatial layer: its members are split instead (splitMembers).
  if (model.inputs.length === 1 && model.outputs.length === 1 && !averagingEnsembleParts(model)) {
    const layerName = lastSpatialLayer(model);
    const head = headChain(model, layerName);
    if (head) {
      const features = model.getLayer(layerName).output as tf.SymbolicTensor;
      result = {
        forward: tf.model({ inputs: model.inputs, outputs: [features, model.outputs[0]] }),
        head,
        layer: layerName,
      };
    }
  }
  splits.set(model, result);
  return result;
}

/** The split of each member (a plain classifier is an ensemble of one) and its share; null when any falls back. */
interface SplitEnsemble {
  members: SplitClassifier[];
  weights: number[];
}

const ensembleSplits = new WeakMap<tf.LayersModel, SplitEnsemble | null>();

function splitMembers(model: tf.LayersModel): SplitEnsemble | null {
  const cached = ensembleSplits.get(model);
  if (cached !== undefined) return cached;
  const parts = averagingEnsembleParts(model) ?? { members: [model], weights: [1] };
  const members = parts.members.map(split);
  const result = members.every((m) => m !== null)
    ? { members: members as SplitClassifier[], weights: parts.weights }
    : null;
  ensembleSplits.set(model, result);
  return result;
}

/** Names of the layers the fast path differentiates through after a single classifier's Grad-CAM layer; null when it falls back or for an ensemble. */
export function gradCamHead(model: tf.LayersModel): string[] | null {
  return split(model)?.head.map((l) => l.name) ?? null;
}

/** What one classifier pass gives. */
export interface ClassifierPass {
  /** The model's softmax output for the image. */
  probabilities: Float32Array;
  /** Grad-CAM of the explained class (default the top one) at the input size, in [0, 1]; null when not asked for. */
  heatMap: ExplanationMap | null;
  /** The average-pooled activations of the layer `pooled` named; null when none was asked for. */
  pooled: Float32Array | null;
  /** Milliseconds of the forward pass (to the probabilities and pooled features) and of the Grad-CAM after it. */
  timingsMs: { forward: number; heatMap: number };
}

/**
 * Runs the softmax classifier on one preprocessed input [1, S, S, C] and, when `heatMap` is true,
 * computes the Grad-CAM at the last spatial layer (as vision-core's `gradCam`) of the class
 * `explain` picks from the softmax output (default: the top class). `pooled` names a spatial layer
 * whose average-pooled activations to return too (./pooled-features): taken from the same forward
 * pass when it is the Grad-CAM layer of a single classifier, else from a pass of their own.
 */
export function classifyWithGradCam(
  model: tf.LayersModel,
  input: tf.Tensor4D,
  {
    heatMap = true,
    explain = argMax,
    pooled,
  }: { heatMap?: boolean; explain?: (probabilities: Float32Array) => number; pooled?: string } = {},
): ClassifierPass {
  const start = performance.now();
  const parts = heatMap || pooled ? splitMembers(model) : null;
  const sharesPass = parts !== null && parts.members.length === 1 && parts.members[0].layer === pooled;
  const ownPooled = () => (pooled && !sharesPass ? pooledFeatures(model, pooled, input)[0] : null);
  if (!heatMap) {
    let features: Float32Array | null = null;
    const probabilities = tf.tidy(() => {
      if (!sharesPass) return (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
      // One pass gives both: the split model outputs the pooled layer's map and the softmax.
      const [activations, output] = parts.members[0].forward.predict(input) as [tf.Tensor4D, tf.Tensor];
      features = activations.mean([1, 2]).dataSync() as Float32Array;
      return output.dataSync() as Float32Array;
    });
    features ??= ownPooled();
    return {
      probabilities,
      heatMap: null,
      pooled: features,
      timingsMs: { forward: performance.now() - start, heatMap: 0 },
    };
  }
  if (!parts) {
    const probabilities = tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync() as Float32Array);
    const features = ownPooled();
    const forwardEnd = performance.now();
    const map = gradCam(model, input, { classIndex: explain(probabilities) });
    return {
      probabilities,
      heatMap: map,
      pooled: features,
      timingsMs: { forward: forwardEnd - start, heatMap: performance.now() - forwardEnd },
    };
  }
  const separatePooled = ownPooled();
  let forwardEnd = start;
  let sharedPooled: Float32Array | null = null;
  const result = tf.tidy(() => {
    const passes = parts.members.map((m) => m.forward.predict(input) as [tf.Tensor4D, tf.Tensor]);
    if (sharesPass) sharedPooled = passes[0][0].mean([1, 2]).dataSync() as Float32Array;
    const output =
      passes.length === 1 ? passes[0][1] : tf.addN(passes.map(([, o], i) => o.mul(parts.weights[i])));
    const probabilities = output.dataSync() as Float32Array;
    forwardEnd = performance.now();
    const k = explain(probabilities);
    const classes = probabilities.length;
    const [, height, width] = input.shape;
    const maps = parts.members.map((member, i) => {
      const score = (a: tf.Tensor): tf.Scalar => {
        let x = a;
        for (const layer of member.head) x = layer.apply(x, { training: false });
        return x.mul(tf.oneHot([k], classes)).sum();
      };
      const activations = passes[i][0];
      const gradients = tf.grad(score)(activations);
      const weights = gradients.mean([1, 2], true);
      const cam = activations.mul(weights).sum(3, true).relu() as tf.Tensor4D;
      return tf.image.resizeBilinear(cam, [height, width]).mul(parts.weights[i]);
    });
    const resized = (maps.length === 1 ? maps[0] : tf.addN(maps)).dataSync() as Float32Array;
    let max = 0;
    for (const v of resized) if (v > max) max = v;
    const data = max > 0 ? resized.map((v) => v / max) : resized;
    return { probabilities, heatMap: { width, height, data, classIndex: k, score: probabilities[k] } };
  });
  return {
    ...result,
    pooled: sharedPooled ?? separatePooled,
    timingsMs: { forward: forwardEnd - start, heatMap: performance.now() - forwardEnd },
  };
}

function argMax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
