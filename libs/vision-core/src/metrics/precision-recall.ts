import { confusionMatrix } from './confusion-matrix';
import { assertClassLabels, assertSameLength } from './validate';

/** Precision, recall, F1 and support of one class. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** True-positive and false-positive rate of one class against the rest. */
export interface ClassRates {
  tpr: number;
  fpr: number;
}

function ratio(num: number, den: number): number {
  // scikit-learn's zero_division=0: an undefined ratio (no predictions, no samples) scores 0.
  return den === 0 ? 0 : num / den;
}

/** Per-class precision, recall, F1 and support from a confusion matrix (rows = true class). */
export function scoresFromConfusionMatrix(cm: readonly (readonly number[])[]): ClassScores[] {
  const k = cm.length;
  return cm.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((s, v) => s + v, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += cm[r][c];
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
}

/** Per-class precision, recall, F1 and support (index = class). */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): ClassScores[] {
  return scoresFromConfusionMatrix(confusionMatrix(yTrue, yPred, numClasses));
}

/**
 * Macro (unweighted mean over classes) or weighted (mean weighted by support) average of per-class
 * scores; the support of the result is the total number of samples.
 */
export function averageScores(perClass: readonly ClassScores[], average: 'macro' | 'weighted'): ClassScores {
  if (perClass.length === 0) throw new Error('averageScores needs at least one class');
  const total = perClass.reduce((s, c) => s + c.support, 0);
  const weight = (c: ClassScores): number =>
    average === 'macro' ? 1 / perClass.length : total === 0 ? 0 : c.support / total;
  const mean = (pick: (c: ClassScores) => number): number =>
    perClass.reduce((s, c) => s + weight(c) * pick(c), 0);
  return {
    precision: mean((c) => c.precision),
    recall: mean((c) => c.recall),
    f1: mean((c) => c.f1),
    support: total,
  };
}

/** One-vs-rest TPR (= recall) and FPR of each class from a confusion matrix (rows = true class). */
export function ratesFromConfusionMatrix(cm: readonly (readonly number[])[]): ClassRates[] {
  const n = cm.reduce((s, row) => s + row.reduce((a, v) => a + v, 0), 0);
  return cm.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((s, v) => s + v, 0);
    let predicted = 0;
    for (const r of cm) predicted += r[c];
    const fp = predicted - tp;
    const negatives = n - support;
    return { tpr: ratio(tp, support), fpr: ratio(fp, negatives) };
  });
}

/**
 * Sensitivity (TPR) and specificity (TNR) for one positive class, all other classes counting as
 * negative — the melanoma-vs-rest view clinicians read. A rate with an empty denominator is NaN.
 */
export function sensitivitySpecificity(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  positiveClass: number,
): { sensitivity: number; specificity: number } {
  assertSameLength(yTrue, yPred, 'yTrue', 'yPred');
  if (!Number.isInteger(positiveClass) || positiveClass < 0) {
    throw new Error(`positiveClass must be a class index, got ${positiveClass}`);
  }
  // Any non-negative integer label is valid here: only "is it the positive class" matters.
  assertClassLabels(yTrue, Number.MAX_SAFE_INTEGER, 'yTrue');
  assertClassLabels(yPred, Number.MAX_SAFE_INTEGER, 'yPred');
  let tp = 0;
  let fn = 0;
  let tn = 0;
  let fp = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const isPos = yTrue[i] === positiveClass;
    const predPos = yPred[i] === positiveClass;
    if (isPos && predPos) tp++;
    else if (isPos) fn++;
    else if (predPos) fp++;
    else tn++;
  }
  return { sensitivity: tp / (tp + fn), specificity: tn / (tn + fp) };
}
