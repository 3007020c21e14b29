import { assertFinite } from './validate';

/** Class scores of n samples: one row of numClasses values per sample. */
export type ProbabilityRows = ArrayLike<ArrayLike<number>>;

/** Splits a flat row-major [n, numClasses] array (a model's output tensor data) into rows. */
export function toRows(flat: ArrayLike<number>, numClasses: number): number[][] {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(`numClasses must be a positive integer, got ${numClasses}`);
  }
  if (flat.length % numClasses !== 0) {
    throw new Error(`a flat score array of length ${flat.length} is not a multiple of ${numClasses} classes`);
  }
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += numClasses)
    rows.push(Array.from({ length: numClasses }, (_, k) => flat[i + k]));
  return rows;
}

/** Index of the largest score in each row (first index on ties, like numpy argmax). */
export function argmaxRows(rows: ProbabilityRows): number[] {
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    assertFinite(row, `scores[${i}]`);
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Throws unless every row has numClasses finite entries. */
export function assertRows(rows: ProbabilityRows, numClasses: number, what: string): void {
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== numClasses) {
      throw new Error(`${what}[${i}] has ${rows[i].length} scores but there are ${numClasses} classes`);
    }
    assertFinite(rows[i], `${what}[${i}]`);
  }
}
