/** Min-max scales each feature to [0, 1]; z-score to mean 0, standard deviation 1. */
export type ScalingMethod = 'min-max' | 'z-score';

/** A fitted per-feature affine scaling, `x' = (x - offset[j]) * factor[j]`; plain JSON. */
export interface FeatureScaler {
  method: ScalingMethod;
  offset: number[];
  factor: number[];
}

function assertRows(rows: readonly ArrayLike<number>[], what: string, width?: number): number {
  if (rows.length === 0) throw new RangeError(`${what}: no rows`);
  const d = width ?? rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`${what}: row ${i} has ${row.length} features, expected ${d}`);
  });
  return d;
}

/**
 * Fits a scaler on training rows. A feature that is constant in the training rows gets factor 0 (it
 * carries no information, and dividing by its zero range would blow up unseen values).
 */
export function fitScaler(rows: readonly ArrayLike<number>[], method: ScalingMethod): FeatureScaler {
  const d = assertRows(rows, `fitScaler(${method})`);
  const offset = new Array<number>(d);
  const factor = new Array<number>(d);
  for (let j = 0; j < d; j++) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][j];
      if (!Number.isFinite(v)) throw new RangeError(`fitScaler: row ${i} feature ${j} is ${v}`);
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    if (method === 'min-max') {
      offset[j] = min;
      factor[j] = max > min ? 1 / (max - min) : 0;
    } else {
      const mean = sum / rows.length;
      let ss = 0;
      for (let i = 0; i < rows.length; i++) ss += (rows[i][j] - mean) ** 2;
      const std = Math.sqrt(ss / rows.length);
      offset[j] = mean;
      factor[j] = std > 0 ? 1 / std : 0;
    }
  }
  return { method, offset, factor };
}

/** Applies a fitted scaler to rows, returning new Float64Array rows. */
export function applyScaler(scaler: FeatureScaler, rows: readonly ArrayLike<number>[]): Float64Array[] {
  const d = scaler.offset.length;
  assertRows(rows, 'applyScaler', d);
  return rows.map((row) => {
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = (row[j] - scaler.offset[j]) * scaler.factor[j];
    return out;
  });
}
