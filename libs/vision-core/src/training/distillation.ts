import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** Replaces a training batch's one-hot targets (see FitOptions.trainingTargets). */
export type TrainingTargets = (xs: tf.Tensor4D, ys: tf.Tensor) => tf.Tensor;

/**
 * Knowledge distillation (Hinton, Vinyals & Dean 2015) at temperature 1: each training image's
 * target becomes `hardWeight` × its one-hot label + (1 − hardWeight) × the teacher's softmax on the
 * same (augmented) image. Cross-entropy against that mixture is the weighted sum of the label loss
 * and the cross-entropy to the teacher, so the student also learns which wrong classes the teacher
 * finds plausible. The teacher runs in inference mode and is never updated; an ensemble teacher
 * (probability averaging) hands its averaged probabilities to one student network.
 */
export function distillationTargets(teacher: LayersModel, hardWeight: number): TrainingTargets {
  if (!(hardWeight >= 0 && hardWeight <= 1)) {
    throw new RangeError(`the hard-label weight must be between 0 and 1, got ${hardWeight}`);
  }
  if (teacher.inputs.length !== 1 || teacher.outputs.length !== 1) {
    throw new Error(
      `a distillation teacher takes one input and gives one output; this one has ${teacher.inputs.length} and ${teacher.outputs.length}`,
    );
  }
  return (xs, ys) =>
    tf.tidy(() => {
      const soft = teacher.apply(xs, { training: false }) as tf.Tensor;
      if (soft.shape.join() !== ys.shape.join()) {
        throw new Error(
          `the teacher outputs [${soft.shape.join(', ')}] but the targets are [${ys.shape.join(', ')}]: teacher and student need the same classes`,
        );
      }
      return tf.add(tf.mul(ys, hardWeight), tf.mul(soft, 1 - hardWeight));
    });
}
