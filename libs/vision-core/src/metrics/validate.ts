// Input checks shared by the metric functions. Metrics are computed on data that crossed a
// boundary (model output, CSV, clinician labels), so every entry point validates once here.

/** Throws unless `labels` holds integers in [0, numClasses); `what` names the argument in errors. */
export function assertClassLabels(labels: ArrayLike<number>, numClasses: number, what: string): void {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(`numClasses must be a positive integer, got ${numClasses}`);
  }
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      throw new Error(`${what}[${i}] = ${v} is not a class index in [0, ${numClasses})`);
    }
  }
}

/** Throws unless both arrays have the same, non-zero length. */
export function assertSameLength(
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
  aName: string,
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new Error(`${aName} has ${a.length} entries but ${bName} has ${b.length}`);
  }
  if (a.length === 0) {
    throw new Error(`${aName} and ${bName} are empty: a metric needs at least one sample`);
  }
}

/** Throws unless every value is a finite number. */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${what}[${i}] = ${values[i]} is not a finite number`);
  }
}
