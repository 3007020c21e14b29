// Post-hoc logit adjustment (Menon et al. 2021, "Long-tail learning via logit adjustment"): the
// decision rule argmax_k log p(k|x) + b_k. With b_k = -log π_k (π: the class prior the probabilities
// are calibrated for) it is the Bayes rule for balanced accuracy, argmax p(k|x) / π_k. When the
// effective prior is unknown (a model trained with class weights, an ensemble, Platt-scaled SVM
// scores), `fitLogitAdjustment` estimates the offsets on held-out data by minimising the
// class-balanced negative log-likelihood of softmax(log p + b): a convex problem whose minimiser is
// exactly -log π (up to a constant) when p is the true posterior. The probabilities themselves are
// left alone: the adjustment only changes which class is decided.
import { assertRows, type ProbabilityRows } from './probabilities';
import { assertClassLabels, assertFinite, assertSameLength } from './validate';

/** Offsets fitted by `fitLogitAdjustment`. */
export interface LogitAdjustmentFit {
  /** Per-class offsets added to log-probabilities; they sum to 0. */
  offsets: number[];
  /** Class-balanced mean NLL of the probabilities as given (offsets 0) and with the offsets. */
  balancedNllBefore: number;
  balancedNllAfter: number;
  /** Newton iterations used. */
  iterations: number;
}

export interface LogitAdjustmentOptions {
  /** L2 penalty λ·Σ b_k² pulling the offsets towards 0 (default 0). */
  l2?: number;
  maxIterations?: number;
  /** Stop when the gradient's largest entry is below this (default 1e-9). */
  tolerance?: number;
}

// Probabilities are floored before the log so that a class a model rules out entirely still has a
// finite score; 1e-12 is far below any probability a float32 softmax distinguishes from 0 in practice.
const FLOOR = 1e-12;

function logRows(probs: ProbabilityRows): number[][] {
  return Array.from({ length: probs.length }, (_, i) =>
    Array.from(probs[i], (p) => Math.log(Math.max(FLOOR, p))),
  );
}

/** Per-sample weights 1 / (classes present · class count): every class weighs the same in total. */
function balancedWeights(
  yTrue: ArrayLike<number>,
  numClasses: number,
): { weights: number[]; absent: number[] } {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]]++;
  const present = counts.filter((c) => c > 0).length;
  const weights = Array.from(yTrue, (y) => 1 / (present * counts[y]));
  const absent = counts.flatMap((c, k) => (c === 0 ? [k] : []));
  return { weights, absent };
}

/** Class-balanced loss, gradient and Hessian of softmax(logP + b) at b. */
function balancedObjective(
  logP: number[][],
  yTrue: ArrayLike<number>,
  weights: number[],
  b: number[],
  l2: number,
  withDerivatives: boolean,
): { loss: number; gradient: number[]; hessian: number[][] } {
  const k = b.length;
  let loss = 0;
  const gradient = b.map((v) => 2 * l2 * v);
  const hessian = Array.from({ length: k }, (_, r) =>
    Array.from({ length: k }, (_, c) => (r === c ? 2 * l2 : 0)),
  );
  const q = new Array<number>(k);
  for (let i = 0; i < logP.length; i++) {
    const row = logP[i];
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, row[c] + b[c]);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      q[c] = Math.exp(row[c] + b[c] - max);
      sum += q[c];
    }
    const y = yTrue[i];
    const w = weights[i];
    loss += w * (max + Math.log(sum) - row[y] - b[y]);
    if (!withDerivatives) continue;
    for (let c = 0; c < k; c++) q[c] /= sum;
    for (let r = 0; r < k; r++) {
      gradient[r] += w * (q[r] - (r === y ? 1 : 0));
      for (let c = 0; c < k; c++) hessian[r][c] += w * ((r === c ? q[r] : 0) - q[r] * q[c]);
    }
  }
  for (const v of b) loss += l2 * v * v;
  return { loss, gradient, hessian };
}

/** Solves A x = v for a small dense symmetric positive-definite A (Cholesky). */
function solveSpd(a: number[][], v: number[]): number[] {
  const n = v.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let r = 0; r < n; r++) {
    for (let c = 0; c <= r; c++) {
      let s = a[r][c];
      for (let j = 0; j < c; j++) s -= l[r][j] * l[c][j];
      l[r][c] = r === c ? Math.sqrt(Math.max(s, 1e-300)) : s / l[c][c];
    }
  }
  const z = new Array<number>(n);
  for (let r = 0; r < n; r++) {
    let s = v[r];
    for (let j = 0; j < r; j++) s -= l[r][j] * z[j];
    z[r] = s / l[r][r];
  }
  const x = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = z[r];
    for (let j = r + 1; j < n; j++) s -= l[j][r] * x[j];
    x[r] = s / l[r][r];
  }
  return x;
}

function centred(b: number[]): number[] {
  const mean = b.reduce((s, v) => s + v, 0) / b.length;
  return b.map((v) => v - mean);
}

/**
 * Class-balanced mean negative log-likelihood of the true classes under softmax(log probs + offsets):
 * the mean over classes of each class's mean NLL.
 */
export function balancedNll(
  probs: ProbabilityRows,
  yTrue: ArrayLike<number>,
  offsets?: ArrayLike<number>,
): number {
  assertSameLength(yTrue, probs, 'yTrue', 'probs');
  const k = probs[0].length;
  assertRows(probs, k, 'probs');
  assertClassLabels(yTrue, k, 'yTrue');
  const b = offsets ? checkedOffsets(offsets, k) : new Array<number>(k).fill(0);
  const { weights } = balancedWeights(yTrue, k);
  return balancedObjective(logRows(probs), yTrue, weights, b, 0, false).loss;
}

/**
 * Fits per-class offsets b on held-out probabilities (e.g. the validation split's calibrated
 * probabilities) by minimising the class-balanced NLL of softmax(log p + b) + λ‖b‖² with damped
 * Newton steps. Every class must occur in `yTrue`: an absent class has no data to fix its offset.
 */
export function fitLogitAdjustment(
  probs: ProbabilityRows,
  yTrue: ArrayLike<number>,
  { l2 = 0, maxIterations = 100, tolerance = 1e-9 }: LogitAdjustmentOptions = {},
): LogitAdjustmentFit {
  assertSameLength(yTrue, probs, 'yTrue', 'probs');
  const k = probs[0].length;
  assertRows(probs, k, 'probs');
  assertClassLabels(yTrue, k, 'yTrue');
  if (!(l2 >= 0)) throw new Error(`l2 must be >= 0, got ${l2}`);
  const { weights, absent } = balancedWeights(yTrue, k);
  if (absent.length > 0) {
    throw new Error(
      `class${absent.length > 1 ? 'es' : ''} ${absent.join(', ')} never occur${absent.length > 1 ? '' : 's'} in yTrue: a logit adjustment needs held-out samples of every class`,
    );
  }
  const logP = logRows(probs);
  let b = new Array<number>(k).fill(0);
  let current = balancedObjective(logP, yTrue, weights, b, l2, true);
  const balancedNllBefore =
    l2 === 0 ? current.loss : balancedObjective(logP, yTrue, weights, b, 0, false).loss;
  let iterations = 0;
  while (iterations < maxIterations && Math.max(...current.gradient.map(Math.abs)) > tolerance) {
    iterations++;
    // The loss is invariant to adding a constant to every offset, so the Hessian is singular along
    // (1, ..., 1); the ridge makes it invertible and the gradient has no component along it.
    const damped = current.hessian.map((row, r) => row.map((v, c) => (r === c ? v + 1e-9 : v)));
    const step = solveSpd(
      damped,
      current.gradient.map((g) => -g),
    );
    const slope = step.reduce((s, v, c) => s + v * current.gradient[c], 0);
    let t = 1;
    let next = b;
    let trial = current;
    // Armijo backtracking: Newton's full step can overshoot far from the minimum.
    for (; t > 1e-10; t /= 2) {
      next = centred(b.map((v, c) => v + t * step[c]));
      trial = balancedObjective(logP, yTrue, weights, next, l2, true);
      if (trial.loss <= current.loss + 1e-4 * t * slope) break;
    }
    // No step lowers the loss any more: the minimum is reached to rounding.
    if (t <= 1e-10 || !(trial.loss < current.loss)) break;
    b = next;
    current = trial;
  }
  return {
    offsets: b,
    balancedNllBefore,
    balancedNllAfter: balancedObjective(logP, yTrue, weights, b, 0, false).loss,
    iterations,
  };
}

/** The offsets of the prior-corrected rule argmax p(k|x) / π_k: -log π_k, centred to sum to 0. */
export function priorLogitAdjustment(priors: ArrayLike<number>): number[] {
  assertFinite(priors, 'priors');
  for (let k = 0; k < priors.length; k++) {
    if (!(priors[k] > 0)) throw new Error(`priors[${k}] = ${priors[k]} must be > 0`);
  }
  return centred(Array.from(priors, (p) => -Math.log(p)));
}

function checkedOffsets(offsets: ArrayLike<number>, numClasses: number): number[] {
  if (offsets.length !== numClasses) {
    throw new Error(`offsets has ${offsets.length} entries but there are ${numClasses} classes`);
  }
  assertFinite(offsets, 'offsets');
  return Array.from(offsets);
}

/** The class decided for one probability row: argmax_k log p_k + offsets_k (first on ties). */
export function adjustedArgmax(row: ArrayLike<number>, offsets: ArrayLike<number>): number {
  const b = checkedOffsets(offsets, row.length);
  assertFinite(row, 'probabilities');
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < row.length; c++) {
    const score = Math.log(Math.max(FLOOR, row[c])) + b[c];
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** `adjustedArgmax` of every row. */
export function adjustedArgmaxRows(probs: ProbabilityRows, offsets: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => adjustedArgmax(probs[i], offsets));
}
