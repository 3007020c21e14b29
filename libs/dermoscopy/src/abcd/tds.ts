/** Stolz et al. (1994) ABCD-rule weights: TDS = 1.3·A + 0.1·B + 0.5·C + 0.5·D. */
export const TDS_WEIGHTS = { asymmetry: 1.3, border: 0.1, colours: 0.5, structures: 0.5 } as const;

/** Stolz et al.'s cut-offs: below 4.75 benign, 4.75-5.45 suspicious, above 5.45 highly suspicious of melanoma. */
export const TDS_SUSPICIOUS_FROM = 4.75;
export const TDS_HIGHLY_SUSPICIOUS_ABOVE = 5.45;

/** The clinical reading of a total dermoscopy score. */
export type TdsBand = 'benign' | 'suspicious' | 'highly_suspicious';

/** The four ABCD sub-scores. */
export interface AbcdScores {
  /** 0-2 */
  asymmetry: number;
  /** 0-8 */
  border: number;
  /** 1-6 */
  colours: number;
  /** 1-5 */
  structures: number;
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`ABCD ${name} must be an integer ${min}-${max}, got ${value}`);
  }
}

/** The total dermoscopy score of the ABCD rule, validating each sub-score's range. */
export function totalDermoscopyScore(scores: AbcdScores): number {
  checkRange('asymmetry', scores.asymmetry, 0, 2);
  checkRange('border', scores.border, 0, 8);
  checkRange('colours', scores.colours, 1, 6);
  checkRange('structures', scores.structures, 1, 5);
  const w = TDS_WEIGHTS;
  const tds =
    w.asymmetry * scores.asymmetry +
    w.border * scores.border +
    w.colours * scores.colours +
    w.structures * scores.structures;
  // Round away binary floating-point noise (1.3 * 2 = 2.6000000000000001) so band edges are exact.
  return Math.round(tds * 100) / 100;
}

/** Band of a TDS: benign < 4.75 <= suspicious <= 5.45 < highly suspicious. */
export function tdsBand(tds: number): TdsBand {
  if (tds < TDS_SUSPICIOUS_FROM) return 'benign';
  if (tds <= TDS_HIGHLY_SUSPICIOUS_ABOVE) return 'suspicious';
  return 'highly_suspicious';
}
