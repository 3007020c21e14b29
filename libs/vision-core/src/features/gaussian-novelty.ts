/**
 * How unlike a set of reference feature vectors a new one is: the Mahalanobis distance to one
 * Gaussian fitted to the reference rows (Lee et al., "A Simple Unified Framework for Detecting
 * Out-of-Distribution Samples and Adversarial Attacks", NeurIPS 2018, with a single class-agnostic
 * Gaussian). The covariance is shrunk toward a multiple of the identity, (1 − λ)Σ + λ(tr Σ / d)I
 * (Ledoit & Wolf's target), so it stays invertible when features are correlated or rows are few;
 * it is kept as its Cholesky factor L (Σ = LLᵀ), and d(x) = ‖L⁻¹(x − μ)‖ by forward substitution.
 * Pure TypeScript: runs in Node and in the browser.
 */
export interface GaussianNovelty {
  dimension: number;
  mean: Float64Array;
  /** Lower-triangular Cholesky factor of the shrunk covariance, packed row by row (d(d+1)/2 values). */
  cholesky: Float64Array;
  shrinkage: number;
}

/** The JSON form (plain arrays). */
export interface GaussianNoveltyJson {
  dimension: number;
  mean: number[];
  cholesky: number[];
  shrinkage: number;
}

function checkRows(rows: readonly ArrayLike<number>[]): number {
  if (rows.length < 2) throw new Error(`a Gaussian needs at least 2 reference rows, got ${rows.length}`);
  const d = rows[0].length;
  if (d < 1) throw new Error('reference rows are empty');
  rows.forEach((row, i) => {
    if (row.length !== d)
      throw new RangeError(`reference row ${i} has ${row.length} features, row 0 has ${d}`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`reference row ${i} feature ${j} is ${row[j]}`);
    }
  });
  return d;
}

/** Packed index of (i, j), j <= i. */
const at = (i: number, j: number) => (i * (i + 1)) / 2 + j;

/** Cholesky factor of a symmetric positive-definite matrix (row-major d x d), packed; throws when it is not. */
function cholesky(matrix: Float64Array, d: number): Float64Array {
  const l = new Float64Array((d * (d + 1)) / 2);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[at(i, k)] * l[at(j, k)];
      if (i === j) {
        if (!(sum > 0)) {
          throw new Error(
            `the covariance is not positive definite (pivot ${i} is ${sum}): use a shrinkage above 0 or more reference rows`,
          );
        }
        l[at(i, i)] = Math.sqrt(sum);
      } else {
        l[at(i, j)] = sum / l[at(j, j)];
      }
    }
  }
  return l;
}

/** Fits the mean and the shrunk covariance of `rows` (shrinkage λ in [0, 1), default 0.01). */
export function fitGaussianNovelty(
  rows: readonly ArrayLike<number>[],
  { shrinkage = 0.01 }: { shrinkage?: number } = {},
): GaussianNovelty {
  if (!(shrinkage >= 0 && shrinkage < 1))
    throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  const d = checkRows(rows);
  const n = rows.length;
  const mean = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const row of rows) {
    for (let j = 0; j < d; j++) centred[j] = row[j] - mean[j];
    for (let i = 0; i < d; i++) {
      const ci = centred[i];
      for (let j = 0; j <= i; j++) covariance[i * d + j] += ci * centred[j];
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const v = covariance[i * d + j] / (n - 1);
      covariance[i * d + j] = v;
      covariance[j * d + i] = v;
    }
    trace += covariance[i * d + i];
  }
  const target = trace / d;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      covariance[i * d + j] = (1 - shrinkage) * covariance[i * d + j] + (i === j ? shrinkage * target : 0);
    }
  }
  return { dimension: d, mean, cholesky: cholesky(covariance, d), shrinkage };
}

/** Mahalanobis distance of `row` to the fitted Gaussian. */
export function mahalanobisDistance(model: GaussianNovelty, row: ArrayLike<number>): number {
  const d = model.dimension;
  if (row.length !== d) throw new RangeError(`the row has ${row.length} features, the Gaussian ${d}`);
  const y = new Float64Array(d);
  let squared = 0;
  for (let i = 0; i < d; i++) {
    let sum = row[i] - model.mean[i];
    for (let k = 0; k < i; k++) sum -= model.cholesky[at(i, k)] * y[k];
    y[i] = sum / model.cholesky[at(i, i)];
    squared += y[i] * y[i];
  }
  return Math.sqrt(squared);
}

/** The q-quantile of `values` (linear interpolation between order statistics, numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('the quantile of no values is undefined');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Plain arrays for JSON, rounded to 7 significant digits (float32 precision, a smaller file). */
export function gaussianNoveltyToJSON(model: GaussianNovelty): GaussianNoveltyJson {
  const round = (v: number) => Number(v.toPrecision(7));
  return {
    dimension: model.dimension,
    mean: Array.from(model.mean, round),
    cholesky: Array.from(model.cholesky, round),
    shrinkage: model.shrinkage,
  };
}

/** Restores a saved Gaussian, naming `where` and the field when the document is malformed. */
export function parseGaussianNovelty(json: unknown, where: string): GaussianNovelty {
  const value = json as Partial<GaussianNoveltyJson> | null;
  const d = value?.dimension;
  if (!Number.isInteger(d) || (d as number) < 1) {
    throw new Error(`${where}: "dimension" must be a positive integer, got ${JSON.stringify(d)}`);
  }
  const dim = d as number;
  const numbers = (field: 'mean' | 'cholesky', length: number): Float64Array => {
    const array = value![field];
    if (!Array.isArray(array) || array.length !== length || !array.every((v) => Number.isFinite(v))) {
      throw new Error(`${where}: "${field}" must be ${length} finite numbers`);
    }
    return Float64Array.from(array);
  };
  const chol = numbers('cholesky', (dim * (dim + 1)) / 2);
  for (let i = 0; i < dim; i++) {
    if (!(chol[at(i, i)] > 0)) throw new Error(`${where}: "cholesky" diagonal ${i} must be positive`);
  }
  const shrinkage = value!.shrinkage;
  if (!(typeof shrinkage === 'number' && shrinkage >= 0 && shrinkage < 1)) {
    throw new Error(`${where}: "shrinkage" must be a number in [0, 1), got ${JSON.stringify(shrinkage)}`);
  }
  return { dimension: dim, mean: numbers('mean', dim), cholesky: chol, shrinkage };
}
