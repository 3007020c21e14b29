import { cohenKappa } from './cohen-kappa';
import { confusionMatrix } from './confusion-matrix';
import { assertSameLength } from './validate';

/** How two raters' labels for the same items compare. */
export interface RaterAgreement {
  /** Row and column order of the confusion matrix. */
  labels: string[];
  /** Items both raters labelled. */
  n: number;
  /** C[i][j] = items the reference rater called labels[i] and the other rater labels[j]. */
  confusionMatrix: number[][];
  /** Share of items with the same label (p_o). */
  percentAgreement: number;
  /** Share expected by chance from the raters' marginals (p_e). */
  chanceAgreement: number;
  /**
   * Cohen's kappa, (p_o - p_e) / (1 - p_e); null when p_e = 1 (both raters used one and the same
   * label for every item), where kappa is undefined.
   */
  kappa: number | null;
}

/**
 * Agreement between a reference rater (rows, e.g. the clinician) and another rater (columns, e.g.
 * the model) over items labelled with strings. `labels` fixes the class order; labels either rater
 * used that it does not list are appended in first-seen order, so no item is ever dropped.
 */
export function raterAgreement(
  reference: readonly string[],
  other: readonly string[],
  labels: readonly string[] = [],
): RaterAgreement {
  assertSameLength(reference, other, 'reference', 'other');
  const order = [...new Set([...labels, ...reference, ...other])];
  const index = new Map(order.map((label, i) => [label, i]));
  const codes1 = reference.map((label) => index.get(label) as number);
  const codes2 = other.map((label) => index.get(label) as number);
  const matrix = confusionMatrix(codes1, codes2, order.length);
  const n = reference.length;
  const agreed = matrix.reduce((sum, row, i) => sum + row[i], 0);
  let chance = 0;
  for (let k = 0; k < order.length; k++) {
    const rowSum = matrix[k].reduce((sum, v) => sum + v, 0);
    const colSum = matrix.reduce((sum, row) => sum + row[k], 0);
    chance += (rowSum / n) * (colSum / n);
  }
  const kappa = cohenKappa(codes1, codes2, order.length);
  return {
    labels: order,
    n,
    confusionMatrix: matrix,
    percentAgreement: agreed / n,
    chanceAgreement: chance,
    kappa: Number.isNaN(kappa) ? null : kappa,
  };
}
