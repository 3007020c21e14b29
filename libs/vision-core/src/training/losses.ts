import * as tf from '@tensorflow/tfjs-core';

/** Keras' fuzz factor: keeps log() finite for probabilities of exactly 0 or 1. */
const EPSILON = 1e-7;

/** Options shared by the losses. */
export interface LossOptions {
  /** yPred holds logits (no softmax/sigmoid applied) rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** One weight per sample (class weights looked up by label); the loss is mean(weight * loss) as in Keras. */
  sampleWeights?: tf.Tensor1D;
}

function weightedMean(perSample: tf.Tensor1D, sampleWeights?: tf.Tensor1D): tf.Scalar {
  return sampleWeights ? tf.mean(tf.mul(perSample, sampleWeights)) : tf.mean(perSample);
}

/** Softmax cross-entropy of one-hot targets [n, k] against probabilities (or logits) [n, k]. */
export function categoricalCrossEntropy(
  yTrue: tf.Tensor2D,
  yPred: tf.Tensor2D,
  options: LossOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    let logProbs: tf.Tensor;
    if (options.fromLogits) {
      logProbs = tf.logSoftmax(yPred);
    } else {
      // As Keras: renormalise, then clip so a confidently wrong softmax gives a large finite loss.
      const p = tf.div(yPred, tf.sum(yPred, -1, true));
      logProbs = tf.log(tf.clipByValue(p, EPSILON, 1 - EPSILON));
    }
    const perSample = tf.neg(tf.sum(tf.mul(yTrue, logProbs), -1)) as tf.Tensor1D;
    return weightedMean(perSample, options.sampleWeights);
  });
}

function perSampleMean(t: tf.Tensor): tf.Tensor1D {
  return tf.mean(tf.reshape(t, [t.shape[0], -1]), 1) as tf.Tensor1D;
}

/** Binary cross-entropy of 0/1 targets against probabilities (or logits), averaged per sample then over the batch. */
export function binaryCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor, options: LossOptions = {}): tf.Scalar {
  return tf.tidy(() => {
    let elementwise: tf.Tensor;
    if (options.fromLogits) {
      // max(z, 0) - z*y + log(1 + exp(-|z|)): the overflow-free form.
      elementwise = tf.add(
        tf.sub(tf.relu(yPred), tf.mul(yPred, yTrue)),
        tf.log1p(tf.exp(tf.neg(tf.abs(yPred)))),
      );
    } else {
      const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
      elementwise = tf.neg(tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)))));
    }
    return weightedMean(perSampleMean(elementwise), options.sampleWeights);
  });
}

/**
 * Soft Dice loss 1 - (2 Σ y·p + s) / (Σ y + Σ p + s), computed per image and averaged over the
 * batch; `smooth` (s, default 1) keeps empty masks from dividing by zero.
 */
export function diceLoss(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: LossOptions & { smooth?: number } = {},
): tf.Scalar {
  const smooth = options.smooth ?? 1;
  return tf.tidy(() => {
    const p = options.fromLogits ? tf.sigmoid(yPred) : yPred;
    const n = yTrue.shape[0];
    const y2 = tf.reshape(yTrue, [n, -1]);
    const p2 = tf.reshape(p, [n, -1]);
    const intersection = tf.sum(tf.mul(y2, p2), 1);
    const denominator = tf.add(tf.add(tf.sum(y2, 1), tf.sum(p2, 1)), smooth);
    const perSample = tf.sub(1, tf.div(tf.add(tf.mul(intersection, 2), smooth), denominator)) as tf.Tensor1D;
    return weightedMean(perSample, options.sampleWeights);
  });
}

/** Binary cross-entropy plus soft Dice: the usual U-Net lesion-segmentation loss. */
export function binaryCrossEntropyDiceLoss(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: LossOptions = {},
): tf.Scalar {
  return tf.tidy(() => tf.add(binaryCrossEntropy(yTrue, yPred, options), diceLoss(yTrue, yPred, options)));
}
