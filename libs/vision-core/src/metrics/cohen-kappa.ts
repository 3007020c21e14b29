import { confusionMatrix } from './confusion-matrix';

/** Disagreement weighting of Cohen's kappa: none (nominal classes), linear or quadratic (ordinal scores). */
export type KappaWeights = 'none' | 'linear' | 'quadratic';

/**
 * Cohen's kappa between two raters' class labels (scikit-learn `cohen_kappa_score`):
 * 1 - sum(w * observed) / sum(w * expected), with expected from the raters' marginals. Weighted
 * kappa is for ordinal scales (e.g. ABCD sub-scores); classes must be coded 0..numClasses-1 in order.
 * NaN when chance disagreement is zero (both raters used one and the same class throughout).
 */
export function cohenKappa(
  rater1: ArrayLike<number>,
  rater2: ArrayLike<number>,
  numClasses: number,
  weights: KappaWeights = 'none',
): number {
  const observed = confusionMatrix(rater1, rater2, numClasses);
  const n = rater1.length;
  const rowSums = observed.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = observed[0].map((_, j) => observed.reduce((s, row) => s + row[j], 0));
  let weightedObserved = 0;
  let weightedExpected = 0;
  for (let i = 0; i < numClasses; i++) {
    for (let j = 0; j < numClasses; j++) {
      const w =
        weights === 'none' ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2;
      weightedObserved += w * observed[i][j];
      weightedExpected += (w * rowSums[i] * colSums[j]) / n;
    }
  }
  return 1 - weightedObserved / weightedExpected;
}
