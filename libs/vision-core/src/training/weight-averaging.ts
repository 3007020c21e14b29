import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { NamedTensor } from './checkpoint';

/**
 * Stochastic weight averaging (Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima and
 * Better Generalization"; torch.optim.swa_utils.AveragedModel): the equal-weight running mean of a
 * model's trainable weights at several points of one training run. The mean is a model of its own,
 * so BatchNorm statistics must be recomputed for it (averageBatchNormStatistics) before it is scored.
 */
export class WeightAverage {
  private mean: tf.Tensor[] | undefined;
  private count = 0;

  /** Resumes an average from a checkpoint (tensors in model.trainableWeights order); takes ownership. */
  static restore(tensors: readonly NamedTensor[], count: number): WeightAverage {
    if (!Number.isInteger(count) || count < 1 || tensors.length === 0) {
      throw new Error(
        `a weight average needs at least one model and its tensors; got ${count} models, ${tensors.length} tensors`,
      );
    }
    const average = new WeightAverage();
    average.mean = tensors.map((t) => t.tensor);
    average.count = count;
    return average;
  }

  /** How many weight sets the mean holds. */
  get models(): number {
    return this.count;
  }

  /** Adds the model's current trainable weights: mean += (w - mean) / (n + 1). */
  add(model: LayersModel): void {
    const weights = model.trainableWeights.map((w) => w.read());
    if (this.mean && this.mean.length !== weights.length) {
      throw new Error(
        `the weight average holds ${this.mean.length} tensors but the model has ${weights.length} trainable weights`,
      );
    }
    const n = this.count;
    const next = tf.tidy(() =>
      weights.map((w, i) =>
        this.mean ? tf.add(this.mean[i], tf.div(tf.sub(w, this.mean[i]), n + 1)) : tf.clone(w),
      ),
    );
    if (this.mean) tf.dispose(this.mean);
    this.mean = next;
    this.count = n + 1;
  }

  /** Writes the mean into the model's trainable weights (its other weights, e.g. BatchNorm statistics, stay). */
  applyTo(model: LayersModel): void {
    if (!this.mean) throw new Error('the weight average is empty: add a model first');
    const trainable = model.trainableWeights;
    if (trainable.length !== this.mean.length) {
      throw new Error(
        `the weight average holds ${this.mean.length} tensors but the model has ${trainable.length} trainable weights`,
      );
    }
    trainable.forEach((w, i) => w.write(this.mean![i]));
  }

  /** The mean as named tensors for a checkpoint (still owned by this average). */
  tensors(model: LayersModel): NamedTensor[] {
    if (!this.mean) return [];
    return model.trainableWeights.map((w, i) => ({ name: w.originalName, tensor: this.mean![i] }));
  }

  dispose(): void {
    if (this.mean) tf.dispose(this.mean);
    this.mean = undefined;
    this.count = 0;
  }
}
