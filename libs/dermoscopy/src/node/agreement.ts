import {
  accuracy,
  cohenKappa,
  confusionMatrix,
  sensitivitySpecificity,
} from '@visioncad/vision-core/metrics';

/** Agreement between an ordinal automatic score and an expert score. */
export interface OrdinalAgreement {
  n: number;
  /** null when undefined (both raters used a single score throughout). */
  quadraticWeightedKappa: number | null;
  accuracy: number;
  meanAbsoluteError: number;
  /** rows = expert score, columns = automatic score, both from `min` upwards. */
  confusionMatrix: number[][];
  labels: number[];
}

/** Agreement on a yes/no finding. */
export interface PresenceAgreement {
  n: number;
  expertPositive: number;
  predictedPositive: number;
  accuracy: number;
  /** null when undefined (no expert positives / negatives, or no chance disagreement). */
  sensitivity: number | null;
  specificity: number | null;
  kappa: number | null;
}

const round = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 10000) / 10000 : null);

/** Kappa (quadratic), accuracy, MAE and confusion matrix of scores in [min, max]. */
export function ordinalAgreement(
  expert: number[],
  predicted: number[],
  min: number,
  max: number,
): OrdinalAgreement {
  const k = max - min + 1;
  const e = expert.map((v) => v - min);
  const p = predicted.map((v) => v - min);
  const mae = expert.reduce((s, v, i) => s + Math.abs(v - predicted[i]), 0) / expert.length;
  return {
    n: expert.length,
    quadraticWeightedKappa: round(cohenKappa(e, p, k, 'quadratic')),
    accuracy: round(accuracy(e, p)) as number,
    meanAbsoluteError: round(mae) as number,
    confusionMatrix: confusionMatrix(e, p, k),
    labels: Array.from({ length: k }, (_, i) => min + i),
  };
}

/** Accuracy, sensitivity, specificity and Cohen's kappa of a presence finding. */
export function presenceAgreement(expert: boolean[], predicted: boolean[]): PresenceAgreement {
  const e = expert.map(Number);
  const p = predicted.map(Number);
  const { sensitivity, specificity } = sensitivitySpecificity(e, p, 1);
  return {
    n: e.length,
    expertPositive: e.reduce((s, v) => s + v, 0),
    predictedPositive: p.reduce((s, v) => s + v, 0),
    accuracy: round(accuracy(e, p)) as number,
    sensitivity: round(sensitivity),
    specificity: round(specificity),
    kappa: round(cohenKappa(e, p, 2)),
  };
}
