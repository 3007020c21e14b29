import * as tf from '@tensorflow/tfjs-core';
import type { TrainingTargets } from './distillation';

/**
 * Label smoothing (Szegedy et al., "Rethinking the Inception Architecture", CVPR 2016): each target
 * row y becomes (1 − ε)·y + ε / K over K classes, so the loss stops rewarding ever larger logits for
 * the labelled class: a regularizer for noisy labels such as FER2013's. Given `inner` (e.g.
 * distillationTargets), the rows it returns are smoothed instead of the one-hot labels.
 */
export function labelSmoothingTargets(epsilon: number, inner?: TrainingTargets): TrainingTargets {
  if (!(Number.isFinite(epsilon) && epsilon >= 0 && epsilon < 1)) {
    throw new RangeError(`label smoothing must be at least 0 and below 1, got ${epsilon}`);
  }
  return (xs, ys) =>
    tf.tidy(() => {
      const targets = inner ? inner(xs, ys) : ys;
      const classes = targets.shape[targets.shape.length - 1];
      return tf.add(tf.mul(targets, 1 - epsilon), epsilon / classes);
    });
}
