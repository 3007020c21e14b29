/**
 * Mean and population standard deviation (divided by n, as scikit-learn's cross_val_score summaries)
 * of per-fold figures, e.g. each cross-validation fold's accuracy.
 */
export function meanAndSd(values: readonly number[]): [number, number] {
  if (values.length === 0) throw new RangeError('meanAndSd needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return [mean, Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)];
}
