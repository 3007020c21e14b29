import { assertClassLabels, assertSameLength } from './validate';

/** Confusion matrix C with C[i][j] = number of samples of true class i predicted as class j (scikit-learn layout). */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): number[][] {
  assertSameLength(yTrue, yPred, 'yTrue', 'yPred');
  assertClassLabels(yTrue, numClasses, 'yTrue');
  assertClassLabels(yPred, numClasses, 'yPred');
  const cm = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) cm[yTrue[i]][yPred[i]] += 1;
  return cm;
}

/** Row-normalized confusion matrix (each row sums to 1; a class with no samples gives a row of zeros). */
export function normalizeConfusionMatrix(cm: readonly (readonly number[])[]): number[][] {
  return cm.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (total === 0 ? 0 : v / total));
  });
}
