import { confusionMatrix } from './confusion-matrix';
import { assertSameLength } from './validate';

/** Fraction of samples whose predicted class equals the true class. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  assertSameLength(yTrue, yPred, 'yTrue', 'yPred');
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/**
 * Mean per-class recall (scikit-learn `balanced_accuracy_score`). Classes with no true samples are
 * left out of the mean, as scikit-learn does, because their recall is undefined.
 */
export function balancedAccuracy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): number {
  const cm = confusionMatrix(yTrue, yPred, numClasses);
  let sum = 0;
  let present = 0;
  for (let k = 0; k < numClasses; k++) {
    const support = cm[k].reduce((s, v) => s + v, 0);
    if (support === 0) continue;
    sum += cm[k][k] / support;
    present++;
  }
  return sum / present;
}
