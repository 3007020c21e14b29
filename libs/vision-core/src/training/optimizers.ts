import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from './checkpoint';

/**
 * Optimizer settings. weightDecay is coupled L2 as in PyTorch's SGD/Adam: weightDecay * w is added
 * to every trainable weight's gradient before the update (the seed FER CNN: SGD, momentum 0.9,
 * lr 0.1, weight decay 1e-4).
 */
export type OptimizerConfig =
  | { type: 'sgd'; learningRate: number; momentum?: number; nesterov?: boolean; weightDecay?: number }
  | {
      type: 'adam';
      learningRate: number;
      beta1?: number;
      beta2?: number;
      epsilon?: number;
      weightDecay?: number;
    };

/** Creates the tfjs optimizer for a config. */
export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`optimizer learningRate must be a positive number, got ${config.learningRate}`);
  }
  if (config.weightDecay !== undefined && !(config.weightDecay >= 0)) {
    throw new Error(`optimizer weightDecay must be >= 0, got ${config.weightDecay}`);
  }
  if (config.type === 'sgd') {
    const momentum = config.momentum ?? 0;
    if (!(momentum >= 0 && momentum < 1)) throw new Error(`SGD momentum must be in [0, 1), got ${momentum}`);
    return momentum > 0
      ? tf.train.momentum(config.learningRate, momentum, config.nesterov ?? false)
      : tf.train.sgd(config.learningRate);
  }
  if (config.type === 'adam') {
    // Pin epsilon: tfjs otherwise takes the backend's (1e-7 on cpu/wasm, 1e-4 on WebGL in float16).
    return tf.train.adam(
      config.learningRate,
      config.beta1 ?? 0.9,
      config.beta2 ?? 0.999,
      config.epsilon ?? 1e-7,
    );
  }
  throw new Error(`unknown optimizer type '${(config as { type: string }).type}' (expected 'sgd' or 'adam')`);
}

// tfjs's Optimizer defines a duck-typed Symbol.hasInstance that subclasses inherit, so
// `x instanceof AdamOptimizer` is true for every optimizer: dispatch on the class name instead.
function kind(optimizer: tf.Optimizer): 'sgd' | 'adam' {
  const name = optimizer.getClassName();
  if (name === 'SGD' || name === 'Momentum') return 'sgd';
  if (name === 'Adam') return 'adam';
  throw new Error(`unsupported optimizer ${name}: the training loop handles SGD, Momentum and Adam`);
}

// tfjs optimizers keep these as protected/private fields. Adam reads `learningRate` on every
// update but has no setter, and restores its bias-correction powers with pow() on load, which can
// differ from the running product in the last bit; touching them directly keeps resume exact.
interface AdamInternals {
  learningRate: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

/** Sets the learning rate used by the next applyGradients. */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (kind(optimizer) === 'sgd') {
    // MomentumOptimizer extends SGDOptimizer; setLearningRate rebuilds the cached -lr scalar.
    const sgd = optimizer as tf.SGDOptimizer;
    if (sgd.getConfig().learningRate !== learningRate) sgd.setLearningRate(learningRate);
  } else {
    (optimizer as unknown as AdamInternals).learningRate = learningRate;
  }
}

/** The optimizer's full state (iteration count, slots, Adam's bias-correction powers) as named tensors. */
export async function getOptimizerState(optimizer: tf.Optimizer): Promise<NamedTensor[]> {
  const weights = await optimizer.getWeights();
  if (kind(optimizer) === 'adam') {
    const internals = optimizer as unknown as AdamInternals;
    weights.push(
      { name: 'adam/accBeta1', tensor: internals.accBeta1 },
      { name: 'adam/accBeta2', tensor: internals.accBeta2 },
    );
  }
  return weights;
}

/** Restores a state produced by getOptimizerState on an optimizer of the same type. */
export async function setOptimizerState(optimizer: tf.Optimizer, state: NamedTensor[]): Promise<void> {
  if (kind(optimizer) === 'adam') {
    const [accBeta1, accBeta2] = state.slice(-2);
    if (accBeta1?.name !== 'adam/accBeta1' || accBeta2?.name !== 'adam/accBeta2') {
      throw new Error(
        'the checkpoint has no Adam bias-correction state: it was not written for an Adam optimizer',
      );
    }
    await optimizer.setWeights(state.slice(0, -2));
    const internals = optimizer as unknown as AdamInternals;
    internals.accBeta1.assign(accBeta1.tensor);
    internals.accBeta2.assign(accBeta2.tensor);
    return;
  }
  await optimizer.setWeights(state);
}

/**
 * Throws unless a saved optimizer state has one slot per trainable variable with matching shapes
 * (per slot kind), e.g. when layers were frozen or unfrozen since the checkpoint was written.
 */
export function assertOptimizerStateFits(
  state: readonly NamedTensor[],
  config: OptimizerConfig,
  variables: readonly tf.Variable[],
  where: string,
): void {
  const slots = state.slice(1, config.type === 'adam' ? -2 : undefined);
  const kinds = config.type === 'adam' ? 2 : config.momentum ? 1 : 0;
  // Momentum and Adam create their slots on the first step: a checkpoint may predate it.
  if (slots.length === 0) return;
  if (slots.length !== kinds * variables.length) {
    throw new Error(
      `checkpoint ${where} has optimizer state for ${slots.length / Math.max(1, kinds)} trainable weights but the model now trains ${variables.length}: were layers frozen or unfrozen?`,
    );
  }
  slots.forEach((slot, i) => {
    const v = variables[i % variables.length];
    if (slot.tensor.shape.join() !== v.shape.join()) {
      throw new Error(
        `checkpoint ${where}: optimizer slot ${slot.name} is [${slot.tensor.shape.join(', ')}] but trainable weight ${v.name} is [${v.shape.join(', ')}]`,
      );
    }
  });
}
