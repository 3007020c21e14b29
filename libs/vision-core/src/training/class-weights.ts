/**
 * Balanced class weights from label counts (scikit-learn `class_weight='balanced'`):
 * n_samples / (n_classes * count_c), so every class contributes equally to the loss.
 */
export function balancedClassWeights(counts: readonly number[]): number[] {
  if (counts.length === 0) throw new Error('balancedClassWeights needs the count of at least one class');
  counts.forEach((c, k) => {
    if (!Number.isInteger(c) || c < 0)
      throw new Error(`count of class ${k} must be a non-negative integer, got ${c}`);
  });
  const missing = counts.flatMap((c, k) => (c === 0 ? [k] : []));
  if (missing.length > 0) {
    throw new Error(`classes ${missing.join(', ')} have no training samples: a balanced weight is undefined`);
  }
  const n = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => n / (counts.length * c));
}

/** Per-sample weights: the weight of each sample's class. */
export function sampleWeightsFromLabels(
  labels: ArrayLike<number>,
  classWeights: readonly number[],
): Float32Array {
  const out = new Float32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const w = classWeights[labels[i]];
    if (w === undefined)
      throw new Error(`label ${labels[i]} has no class weight (${classWeights.length} weights given)`);
    out[i] = w;
  }
  return out;
}
