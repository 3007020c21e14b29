import { accuracy, balancedAccuracy } from './accuracy';
import type { ReliabilityBin } from './calibration';
import { confusionMatrix } from './confusion-matrix';
import { evaluationCurves, type StoredRocCurve } from './evaluation-curves';
import { averageScores, ratesFromConfusionMatrix, scoresFromConfusionMatrix } from './precision-recall';
import { argmaxRows, assertRows, toRows, type ProbabilityRows } from './probabilities';
import { rocOneVsRest } from './roc';
import { assertClassLabels, assertSameLength } from './validate';

/** Scores of one class in a classification report. */
export interface ClassReport {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  tpr: number;
  fpr: number;
}

/** The evaluation summary the trainer writes and the portal displays. */
export interface ClassificationReport {
  accuracy: number;
  balancedAccuracy: number;
  macroF1: number;
  weightedF1: number;
  /** Macro one-vs-rest ROC AUC; null when only hard predictions were given or no class has both outcomes. */
  rocAucMacro: number | null;
  labels: string[];
  perClass: Record<string, ClassReport>;
  /** Counts, rows = true class, columns = predicted class, in `labels` order. */
  confusionMatrix: number[][];
  n: number;
  /** Per label, its one-vs-rest ROC curve (≤ 100 points) and full-curve AUC; only with probabilities. */
  rocCurves?: Record<string, StoredRocCurve>;
  /** Reliability-diagram bins of the top-label confidence (the ECE's 15 bins); only with probabilities. */
  reliabilityBins?: ReliabilityBin[];
}

/**
 * Classification report of true class indices against either per-class probabilities (rows, or the
 * flat [n, labels.length] output of a model) or predicted class indices (one per sample).
 * Probabilities add the ROC AUC, the ROC curves and the reliability bins; predictions are their argmax.
 */
export function classificationReport(
  yTrue: ArrayLike<number>,
  predictions: ProbabilityRows | ArrayLike<number>,
  labels: readonly string[],
): ClassificationReport {
  const k = labels.length;
  if (k < 2) throw new Error(`a classification report needs at least 2 labels, got ${k}`);
  if (new Set(labels).size !== k) throw new Error(`labels must be distinct, got ${JSON.stringify(labels)}`);
  assertClassLabels(yTrue, k, 'yTrue');
  const probs = asProbabilityRows(predictions, yTrue.length, k);
  const yPred = probs ? argmaxRows(probs) : (predictions as ArrayLike<number>);
  assertSameLength(yTrue, yPred, 'yTrue', 'predictions');
  const cm = confusionMatrix(yTrue, yPred, k);
  const scores = scoresFromConfusionMatrix(cm);
  const rates = ratesFromConfusionMatrix(cm);
  const perClass: Record<string, ClassReport> = {};
  labels.forEach((label, c) => {
    perClass[label] = { ...scores[c], ...rates[c] };
  });
  return {
    accuracy: accuracy(yTrue, yPred),
    balancedAccuracy: balancedAccuracy(yTrue, yPred, k),
    macroF1: averageScores(scores, 'macro').f1,
    weightedF1: averageScores(scores, 'weighted').f1,
    rocAucMacro: probs ? rocOneVsRest(yTrue, probs, k).macroAuc : null,
    labels: [...labels],
    perClass,
    confusionMatrix: cm,
    n: yTrue.length,
    ...(probs ? evaluationCurves(yTrue, probs, labels) : {}),
  };
}

function asProbabilityRows(
  predictions: ProbabilityRows | ArrayLike<number>,
  n: number,
  k: number,
): ProbabilityRows | null {
  if (predictions.length > 0 && typeof predictions[0] === 'object') {
    const rows = predictions as ProbabilityRows;
    assertRows(rows, k, 'probs');
    return rows;
  }
  const flat = predictions as ArrayLike<number>;
  if (flat.length === n) return null;
  if (flat.length === n * k) return toRows(flat, k);
  throw new Error(
    `predictions has ${flat.length} values: expected ${n} class indices or ${n * k} probabilities (${n} samples x ${k} labels)`,
  );
}
