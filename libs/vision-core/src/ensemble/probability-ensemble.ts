import * as tf from '@tensorflow/tfjs';

/** A layer entry of a model config (`LayersModel.getConfig()`): functional models add the wiring. */
interface LayerEntry {
  className: string;
  config: { name: string; layer?: LayerEntry } & Record<string, unknown>;
  name?: string;
  inboundNodes?: [string, ...unknown[]][][];
}

/** A Sequential or functional model's config. */
interface ModelConfig extends Record<string, unknown> {
  name: string;
  layers: LayerEntry[];
  inputLayers?: [string, ...unknown[]][];
  outputLayers?: [string, ...unknown[]][];
}

const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

/**
 * The config with every layer name mapped by `newName`, nested models and wrapped layers included.
 * tfjs names weights `<layer>/<weight>` without the enclosing model's name and refuses to load a
 * model with duplicate weight names, so two members of one architecture need distinct layer names.
 */
function renameLayers(config: ModelConfig, newName: (name: string) => string): ModelConfig {
  const rename = <T extends [string, ...unknown[]]>([name, ...rest]: T) => [newName(name), ...rest];
  const renameLayer = (layer: LayerEntry): LayerEntry => {
    const inner = MODEL_CLASSES.has(layer.className)
      ? renameLayers(layer.config as ModelConfig, newName)
      : { ...layer.config, name: newName(layer.config.name) };
    if (layer.config.layer) inner.layer = renameLayer(layer.config.layer);
    return {
      ...layer,
      config: inner,
      ...(layer.name === undefined ? {} : { name: newName(layer.name) }),
      ...(layer.inboundNodes ? { inboundNodes: layer.inboundNodes.map((node) => node.map(rename)) } : {}),
    } as LayerEntry;
  };
  return {
    ...config,
    name: newName(config.name),
    layers: config.layers.map(renameLayer),
    ...(config.inputLayers ? { inputLayers: config.inputLayers.map(rename) } : {}),
    ...(config.outputLayers ? { outputLayers: config.outputLayers.map(rename) } : {}),
  } as ModelConfig;
}

/** A copy of `model` (same weights) with every layer name mapped by `newName`. */
function renamedCopy(model: tf.LayersModel, newName: (name: string) => string): tf.LayersModel {
  const config = renameLayers(model.getConfig() as unknown as ModelConfig, newName);
  const copy = (
    model instanceof tf.Sequential
      ? tf.Sequential.fromConfig(tf.Sequential, config as unknown as tf.serialization.ConfigDict)
      : tf.LayersModel.fromConfig(tf.LayersModel, config as unknown as tf.serialization.ConfigDict)
  ) as tf.LayersModel;
  copy.setWeights(model.getWeights());
  return copy;
}

/**
 * One model that averages the softmax outputs of several models on a shared input (seed 000's
 * ensemble, 75.8% with seven models). Each member is copied with its layer names prefixed
 * `m<i>_` (same weights), so members of one architecture fit in one graph and the ensemble saves and
 * loads as a single LayersModel.
 */
export function buildAveragingEnsemble(
  models: readonly tf.LayersModel[],
  name = 'ensemble',
  weights?: readonly number[],
): tf.LayersModel {
  if (models.length < 2) throw new RangeError(`an ensemble needs at least 2 models, got ${models.length}`);
  if (weights && (weights.length !== models.length || weights.some((w) => !(w > 0) || !Number.isFinite(w)))) {
    throw new RangeError(
      `need one positive weight per member (${models.length}), got ${JSON.stringify(weights)}`,
    );
  }
  const shape = models[0].inputs[0].shape;
  const classes = models[0].outputs[0].shape;
  for (const m of models) {
    if (JSON.stringify(m.inputs[0].shape) !== JSON.stringify(shape)) {
      throw new Error(
        `ensemble member ${m.name} takes ${JSON.stringify(m.inputs[0].shape)}, others ${JSON.stringify(shape)}`,
      );
    }
    if (JSON.stringify(m.outputs[0].shape) !== JSON.stringify(classes)) {
      throw new Error(
        `ensemble member ${m.name} outputs ${JSON.stringify(m.outputs[0].shape)}, others ${JSON.stringify(classes)}`,
      );
    }
  }
  const input = tf.input({ shape: shape.slice(1) as number[], name: 'image' });
  const outputs = models.map(
    (m, i) => renamedCopy(m, (name) => `m${i + 1}_${name}`).apply(input) as tf.SymbolicTensor,
  );
  if (!weights) {
    const mean = tf.layers.average({ name: 'mean_probabilities' }).apply(outputs) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: mean, name });
  }
  // Weighted: each member's probabilities scaled by its share of the total, then summed (a member
  // that is itself an ensemble of k networks can count k times without being run k times).
  const total = weights.reduce((a, b) => a + b, 0);
  const scaled = outputs.map(
    (o, i) =>
      tf.layers
        .rescaling({ scale: weights[i] / total, name: `m${i + 1}_weight` })
        .apply(o) as tf.SymbolicTensor,
  );
  const mean = tf.layers.add({ name: 'mean_probabilities' }).apply(scaled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mean, name });
}

/**
 * A member of an ensemble as the network it was built from: the `m<i>_` prefix
 * {@link buildAveragingEnsemble} put before its layer names taken off again (same weights), so it
 * can be fine-tuned or re-ensembled like the original. Any other model comes back as it is.
 */
export function withoutMemberPrefix(member: tf.LayersModel): tf.LayersModel {
  const prefix = /^m\d+_/.exec(member.name)?.[0];
  if (!prefix || !member.layers.every((l) => l.name.startsWith(prefix))) return member;
  return renamedCopy(member, (name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name));
}

/** The parts of a model {@link buildAveragingEnsemble} made: its member models and their shares (summing to 1). */
export interface AveragingEnsembleParts {
  members: tf.LayersModel[];
  weights: number[];
}

interface GraphLayer {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  inboundNodes: Array<{ inboundLayers: GraphLayer[] }>;
}

/**
 * The single layer feeding `layer`, or null when it has several inputs or calls. A nested model also
 * holds its own construction node, which has no inbound layers; that one is not a call.
 */
function soleInbound(layer: GraphLayer): GraphLayer | null {
  const calls = layer.inboundNodes.filter((node) => node.inboundLayers.length > 0);
  return calls.length === 1 && calls[0].inboundLayers.length === 1 ? calls[0].inboundLayers[0] : null;
}

/**
 * The members and shares of an averaging ensemble (as built, or saved and loaded again), or null
 * when `model` is not one: its output must be an Average of member models, or an Add of Rescaling
 * layers each fed by a member model, every member taking the ensemble's own input.
 */
export function averagingEnsembleParts(model: tf.LayersModel): AveragingEnsembleParts | null {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const output = (model.outputs[0] as unknown as { sourceLayer: GraphLayer }).sourceLayer;
  const calls = output.inboundNodes.filter((node) => node.inboundLayers.length > 0);
  if (calls.length !== 1) return null;
  const branches = calls[0].inboundLayers;
  const kind = output.getClassName();
  if (branches.length < 2 || (kind !== 'Average' && kind !== 'Add')) return null;
  const members: tf.LayersModel[] = [];
  const weights: number[] = [];
  const input = (model.inputs[0] as unknown as { sourceLayer: GraphLayer }).sourceLayer;
  for (const branch of branches) {
    const member =
      kind === 'Average' ? branch : branch.getClassName() === 'Rescaling' ? soleInbound(branch) : null;
    if (!(member instanceof tf.LayersModel) || soleInbound(member as unknown as GraphLayer) !== input)
      return null;
    members.push(member);
    weights.push(kind === 'Average' ? 1 / branches.length : Number(branch.getConfig().scale));
  }
  return { members, weights };
}

/**
 * Weighted mean of several models' probability rows (for members that cannot share one graph, such as
 * an SVM and a CNN). `predictions[m][i]` is model m's row for sample i; weights default to equal.
 */
export function averageProbabilities(
  predictions: readonly (readonly ArrayLike<number>[])[],
  weights?: readonly number[],
): Float64Array[] {
  if (predictions.length === 0) throw new RangeError('no predictions to average');
  const w = weights ?? predictions.map(() => 1);
  if (w.length !== predictions.length || w.some((v) => !(v >= 0)) || w.every((v) => v === 0)) {
    throw new RangeError(`need one non-negative weight per model (not all 0), got ${JSON.stringify(w)}`);
  }
  const total = w.reduce((a, b) => a + b, 0);
  const n = predictions[0].length;
  const k = predictions[0][0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(k);
    predictions.forEach((rows, m) => {
      if (rows.length !== n || rows[i].length !== k) {
        throw new RangeError(
          `model ${m} has ${rows.length} rows of ${rows[i]?.length} classes, expected ${n} of ${k}`,
        );
      }
      for (let c = 0; c < k; c++) row[c] += (w[m] / total) * rows[i][c];
    });
    return row;
  });
}
