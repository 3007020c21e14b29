// The metadata half of the clinical-metadata fusion: a class-balanced softmax regression from the
// clinical features (age band, sex, site) to the diagnosis, fitted by full-batch Adam with an L2
// penalty. Each training row also appears once with each field blanked, so a field the clinician
// did not record is scored as "not recorded" (its marginal over the other fields), not as the
// dataset's own, differently distributed 'unknown' rows. Browser-safe, no tensors needed: the
// problem is tiny (~30 features x 7 classes).
import { CLINICAL_FEATURE_COUNT, clinicalFeatures, type ClinicalMetadata } from './clinical-metadata';

export interface MetadataRegressionOptions {
  /** L2 penalty on the weights (not the biases), per training row (default 1e-3). */
  l2?: number;
  /** Full-batch Adam steps (default 800). */
  iterations?: number;
  /** Adam learning rate (default 0.05). */
  learningRate?: number;
}

export interface MetadataRegression {
  /** weights[feature][label] */
  weights: number[][];
  bias: number[];
  /** Class-balanced mean cross-entropy of the training rows (augmented) at the end. */
  trainingLoss: number;
}

/** The row with each recorded field blanked in turn: how "not recorded" is learned. */
function withBlankedFields(m: ClinicalMetadata): ClinicalMetadata[] {
  const out = [m];
  if (m.ageYears !== null) out.push({ ...m, ageYears: null });
  if (m.sex !== null) out.push({ ...m, sex: null });
  if (m.site !== null) out.push({ ...m, site: null });
  return out;
}

/** Fits the regression on `metadata` rows with diagnoses `y` (0..numClasses-1; every class must occur). */
export function fitMetadataRegression(
  metadata: readonly ClinicalMetadata[],
  y: readonly number[],
  numClasses: number,
  { l2 = 1e-3, iterations = 800, learningRate = 0.05 }: MetadataRegressionOptions = {},
): MetadataRegression {
  if (metadata.length !== y.length) {
    throw new RangeError(`metadata has ${metadata.length} rows but y has ${y.length} labels`);
  }
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of y) {
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new RangeError(`label ${label} is not a class index 0..${numClasses - 1}`);
    }
    counts[label]++;
  }
  const absent = counts.flatMap((c, k) => (c === 0 ? [k] : []));
  if (absent.length > 0) throw new RangeError(`classes ${absent.join(', ')} have no training rows`);
  const rows: { x: number[]; label: number; weight: number }[] = [];
  metadata.forEach((m, i) => {
    const variants = withBlankedFields(m);
    // Balanced class weights, shared among a row's variants so every image counts once.
    const w = metadata.length / (numClasses * counts[y[i]]) / variants.length;
    for (const v of variants) rows.push({ x: clinicalFeatures(v), label: y[i], weight: w });
  });
  const totalWeight = rows.reduce((s, r) => s + r.weight, 0);
  const F = CLINICAL_FEATURE_COUNT;
  const K = numClasses;
  const params = new Float64Array((F + 1) * K); // weights then bias
  const m1 = new Float64Array(params.length);
  const m2 = new Float64Array(params.length);
  const grad = new Float64Array(params.length);
  const logits = new Float64Array(K);
  let loss = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let step = 1; step <= iterations; step++) {
    grad.fill(0);
    loss = 0;
    for (const { x, label, weight } of rows) {
      for (let k = 0; k < K; k++) logits[k] = params[F * K + k];
      for (let f = 0; f < F; f++) {
        if (x[f] === 0) continue;
        for (let k = 0; k < K; k++) logits[k] += x[f] * params[f * K + k];
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, logits[k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(logits[k] - max);
      const logSum = Math.log(sum) + max;
      loss -= weight * (logits[label] - logSum);
      for (let k = 0; k < K; k++) {
        const g = weight * (Math.exp(logits[k] - logSum) - (k === label ? 1 : 0));
        grad[F * K + k] += g;
        for (let f = 0; f < F; f++) if (x[f] !== 0) grad[f * K + k] += g * x[f];
      }
    }
    loss /= totalWeight;
    for (let j = 0; j < params.length; j++) {
      const g = grad[j] / totalWeight + (j < F * K ? 2 * l2 * params[j] : 0);
      m1[j] = beta1 * m1[j] + (1 - beta1) * g;
      m2[j] = beta2 * m2[j] + (1 - beta2) * g * g;
      const mHat = m1[j] / (1 - beta1 ** step);
      const vHat = m2[j] / (1 - beta2 ** step);
      params[j] -= (learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return {
    weights: Array.from({ length: F }, (_, f) => Array.from(params.subarray(f * K, (f + 1) * K))),
    bias: Array.from(params.subarray(F * K)),
    trainingLoss: loss,
  };
}
