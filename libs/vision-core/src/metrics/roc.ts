import { assertRows, type ProbabilityRows } from './probabilities';
import { assertClassLabels, assertFinite, assertSameLength } from './validate';

/** Points of a ROC curve, ordered by decreasing threshold; the first point is (0, 0) at threshold +Infinity. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/**
 * ROC curve of binary labels (1 = positive) against scores, one point per distinct score so tied
 * scores move along a diagonal segment (as scikit-learn's `roc_curve`, without dropping collinear
 * points). Throws when only one class is present: the curve is undefined.
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  assertSameLength(yTrue, scores, 'yTrue', 'scores');
  assertClassLabels(yTrue, 2, 'yTrue');
  assertFinite(scores, 'scores');
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) positives += yTrue[i];
  const negatives = yTrue.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error(`ROC curve is undefined: yTrue has ${positives} positives and ${negatives} negatives`);
  }
  const curve: RocCurve = { fpr: [0], tpr: [0], thresholds: [Infinity] };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (yTrue[order[i]] === 1) tp++;
    else fp++;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[order[i]]) {
      curve.fpr.push(fp / negatives);
      curve.tpr.push(tp / positives);
      curve.thresholds.push(scores[order[i]]);
    }
  }
  return curve;
}

/** Area under a curve by the trapezoidal rule; x must be monotonic. */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertSameLength(x, y, 'x', 'y');
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return Math.abs(area);
}

/** Area under the ROC curve of binary labels against scores. */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const curve = rocCurve(yTrue, scores);
  return auc(curve.fpr, curve.tpr);
}

/** One-vs-rest ROC results: per-class curve and AUC (null where the class has no positives or no negatives). */
export interface OneVsRestRoc {
  curves: (RocCurve | null)[];
  aucs: (number | null)[];
  /** Mean AUC over the classes where it is defined; null when it is defined for none. */
  macroAuc: number | null;
}

/**
 * One-vs-rest ROC curves and AUCs of a multi-class problem from per-class scores. Unlike
 * scikit-learn, which refuses the whole computation, a class missing from yTrue gets a null AUC
 * and is left out of the macro mean, so a small validation split still gets a number.
 */
export function rocOneVsRest(
  yTrue: ArrayLike<number>,
  probs: ProbabilityRows,
  numClasses: number,
): OneVsRestRoc {
  assertSameLength(yTrue, probs, 'yTrue', 'probs');
  assertClassLabels(yTrue, numClasses, 'yTrue');
  assertRows(probs, numClasses, 'probs');
  const curves: (RocCurve | null)[] = [];
  const aucs: (number | null)[] = [];
  for (let k = 0; k < numClasses; k++) {
    const binary = Array.from(yTrue, (y) => (y === k ? 1 : 0));
    const positives = binary.reduce((s: number, v) => s + v, 0);
    if (positives === 0 || positives === binary.length) {
      curves.push(null);
      aucs.push(null);
      continue;
    }
    const curve = rocCurve(
      binary,
      Array.from({ length: probs.length }, (_, i) => probs[i][k]),
    );
    curves.push(curve);
    aucs.push(auc(curve.fpr, curve.tpr));
  }
  const defined = aucs.filter((a): a is number => a !== null);
  const macroAuc = defined.length === 0 ? null : defined.reduce((s, a) => s + a, 0) / defined.length;
  return { curves, aucs, macroAuc };
}
