// The balanced decision rule of a lesion classifier: post-hoc logit adjustment (vision-core
// `fitLogitAdjustment`) fitted on the validation split's calibrated probabilities, checked there by
// stratified k-fold cross-validation (fit on k-1 folds, decide the held-out fold), and scored on the
// test split next to the plain argmax. The test split never influences the offsets.
import { seededRandom } from '@visioncad/vision-core/data';
import {
  adjustedArgmaxRows,
  argmaxRows,
  balancedAccuracy,
  classificationReport,
  expectedCalibrationError,
  fitLogitAdjustment,
  rocAuc,
  sensitivitySpecificity,
} from '@visioncad/vision-core/metrics';
import type { LogitAdjustmentRule } from '@visioncad/dermoscopy/models/classifier-calibration';

/** card.metrics keys of the rule's test scores and of its validation fit. */
export const RULE_TEST_ENTRY = 'ham10000-test-balanced-rule';
export const RULE_VALIDATION_ENTRY = 'validation-decision-rule';

/** The card's limit line of a model that reports the rule's diagnosis. */
export const RULE_LIMIT =
  'The reported diagnosis uses the balanced decision rule (offsets fitted on validation, in calibration.json): it raises rare-class recall at the cost of nv recall and accuracy; the probabilities shown stay the calibrated ones, so the reported diagnosis is not always the most probable.';

/** What the card records about fitting the rule (card.metrics["validation-decision-rule"]). */
export interface DecisionRuleValidation {
  n: number;
  balancedNllBefore: number;
  balancedNllAfter: number;
  /** Balanced accuracy of the plain argmax on the validation split. */
  argmaxBalancedAccuracy: number;
  /** Out-of-fold balanced accuracy of the rule: each fold decided by offsets fitted on the others. */
  crossValidatedBalancedAccuracy: number;
  folds: number;
  l2: number;
  offsets: Record<string, number>;
}

/** Fold index of every sample: each class's samples dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(y: readonly number[], folds: number, seed: number): number[] {
  const random = seededRandom(seed, 'decision-rule-folds');
  const fold = new Array<number>(y.length).fill(0);
  const classes = [...new Set(y)].sort((a, b) => a - b);
  for (const c of classes) {
    const members = y.flatMap((label, i) => (label === c ? [i] : []));
    const shuffled = members.map((i) => ({ i, key: random() })).sort((a, b) => a.key - b.key);
    shuffled.forEach(({ i }, j) => (fold[i] = j % folds));
  }
  return fold;
}

/**
 * Fits the rule on validation probabilities (calibrated, one row per image) and cross-validates it.
 * Every class needs at least `folds` validation images so that every training fold holds it.
 */
export function fitDecisionRule(
  probs: number[][],
  y: number[],
  labels: readonly string[],
  fittedOn: string,
  { folds = 5, l2 = 0, seed = 11 }: { folds?: number; l2?: number; seed?: number } = {},
): { rule: LogitAdjustmentRule; validation: DecisionRuleValidation } {
  const counts = labels.map((_, k) => y.filter((v) => v === k).length);
  const short = labels.filter((_, k) => counts[k] < folds);
  if (short.length > 0) {
    throw new Error(
      `the validation split has fewer than ${folds} images of ${short.join(', ')}: too few to fit and cross-validate a decision rule`,
    );
  }
  const fit = fitLogitAdjustment(probs, y, { l2 });
  const fold = stratifiedFolds(y, folds, seed);
  const outOfFold = new Array<number>(y.length);
  for (let f = 0; f < folds; f++) {
    const train = y.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const held = y.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const { offsets } = fitLogitAdjustment(
      train.map((i) => probs[i]),
      train.map((i) => y[i]),
      { l2 },
    );
    const decided = adjustedArgmaxRows(
      held.map((i) => probs[i]),
      offsets,
    );
    held.forEach((i, j) => (outOfFold[i] = decided[j]));
  }
  return {
    rule: { kind: 'logit-adjustment', labels: [...labels], offsets: fit.offsets, fittedOn },
    validation: {
      n: y.length,
      balancedNllBefore: fit.balancedNllBefore,
      balancedNllAfter: fit.balancedNllAfter,
      argmaxBalancedAccuracy: balancedAccuracy(y, argmaxRows(probs), labels.length),
      crossValidatedBalancedAccuracy: balancedAccuracy(y, outOfFold, labels.length),
      folds,
      l2,
      offsets: Object.fromEntries(labels.map((label, k) => [label, fit.offsets[k]])),
    },
  };
}

/**
 * The evaluation entry of calibrated probabilities decided by `offsets`: the classification report of
 * the rule's decisions (confusion matrix, per-class scores, balanced accuracy), the positive class
 * against the rest at the rule's decisions, and what does not depend on the decision (ROC curves,
 * AUCs, reliability bins and ECE of the calibrated probabilities) as for the argmax.
 */
export function decisionRuleMetrics(
  probs: number[][],
  y: number[],
  labels: readonly string[],
  offsets: readonly number[],
  positiveLabel: string,
) {
  const decided = adjustedArgmaxRows(probs, offsets);
  const withProbabilities = classificationReport(y, probs, labels);
  const report = classificationReport(y, decided, labels);
  const positive = labels.indexOf(positiveLabel);
  const { sensitivity, specificity } = sensitivitySpecificity(y, decided, positive);
  return {
    ...report,
    rocAucMacro: withProbabilities.rocAucMacro,
    rocCurves: withProbabilities.rocCurves,
    reliabilityBins: withProbabilities.reliabilityBins,
    decisionRule: 'logit-adjustment',
    offsets: Object.fromEntries(labels.map((label, k) => [label, offsets[k]])),
    positiveClass: positiveLabel,
    sensitivity,
    specificity,
    auc: rocAuc(
      y.map((v) => (v === positive ? 1 : 0)),
      probs.map((row) => row[positive]),
    ),
    ece: expectedCalibrationError(y, probs),
  };
}
