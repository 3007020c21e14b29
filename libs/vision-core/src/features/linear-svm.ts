// The compact form of a linear-kernel libsvm C-SVC: with K(x, v) = x'v each one-vs-one decision
// function sum_k coef_k K(x, sv_k) - rho is w'x - rho with w = sum_k coef_k sv_k, so the support
// vectors (one per training sample at worst: tens of MB for thousands of features) collapse into one
// weight vector per class pair. Prediction reproduces libsvm's svm_predict (one-vs-one vote, ties to
// the earlier class in libsvm's label order) and svm_predict_probability (Platt sigmoids per pair,
// coupled by Wu, Lin & Weng's 2004 method 2, as libsvm's multiclass_probability) in plain TypeScript:
// no wasm, so it also runs where libsvm-js is not bundled.
import type { SvmModelJson } from './svm';

/** One class pair (i < j in libsvm's label order): decision w'x - rho, positive votes for i. */
export interface LinearSvmPair {
  w: number[];
  rho: number;
  /** Platt sigmoid of the decision value: P(i | i or j) = 1 / (1 + exp(A f + B)). */
  probA?: number;
  probB?: number;
}

/** A linear C-SVC as plain JSON, loadable with `LinearSvm.fromJSON`. */
export interface LinearSvmJson {
  format: 'linear-svm-ovo';
  params: SvmModelJson['params'];
  numClasses: number;
  numFeatures: number;
  /** Class index of each of libsvm's internal classes, in libsvm's order (first seen in training). */
  labels: number[];
  /** One entry per pair (0,1), (0,2), ..., (1,2), ... of `labels`' positions. */
  pairs: LinearSvmPair[];
  /** Support vectors of the libsvm model it was built from (reported in model cards). */
  supportVectors: number;
}

function fail(why: string): never {
  throw new Error(`libsvm model text: ${why}`);
}

function numbers(line: string | undefined, key: string, count: number): number[] {
  if (line === undefined) fail(`no "${key}" line`);
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  if (values.length !== count || values.some((v) => !Number.isFinite(v))) {
    fail(`"${key}" needs ${count} numbers, got "${line}"`);
  }
  return values;
}

/** The rounding weights are stored with: float32's precision, what the features have anyway. */
const SIGNIFICANT_DIGITS = 8;

/** A linear-kernel C-SVC without its support vectors: pairwise weight vectors, plain TypeScript. */
export class LinearSvm {
  private constructor(private readonly json: LinearSvmJson) {}

  get params(): SvmModelJson['params'] {
    return this.json.params;
  }

  get numClasses(): number {
    return this.json.numClasses;
  }

  get numFeatures(): number {
    return this.json.numFeatures;
  }

  /** Support vectors of the libsvm model this was built from. */
  get supportVectorCount(): number {
    return this.json.supportVectors;
  }

  /** Collapses a saved linear libsvm model (`SvmClassifier.toJSON()`) into weight vectors. */
  static fromLibsvm(saved: SvmModelJson): LinearSvm {
    if (saved.params.kernel !== 'linear') {
      throw new Error(`only a linear-kernel SVM has weight vectors; this one is ${saved.params.kernel}`);
    }
    const lines = saved.model.split('\n');
    const header = new Map<string, string>();
    let row = 0;
    for (; row < lines.length && lines[row].trim() !== 'SV'; row++) {
      header.set(lines[row].trim().split(/\s+/)[0], lines[row]);
    }
    if (row === lines.length) fail('no "SV" line');
    if (!/^svm_type c_svc/.test(header.get('svm_type') ?? '')) fail('not a C-SVC');
    if (!/^kernel_type linear/.test(header.get('kernel_type') ?? '')) fail('not a linear kernel');
    const [k] = numbers(header.get('nr_class'), 'nr_class', 1);
    const pairCount = (k * (k - 1)) / 2;
    const rho = numbers(header.get('rho'), 'rho', pairCount);
    const labels = numbers(header.get('label'), 'label', k);
    const nSV = numbers(header.get('nr_sv'), 'nr_sv', k);
    const probA = header.has('probA') ? numbers(header.get('probA'), 'probA', pairCount) : undefined;
    const probB = header.has('probB') ? numbers(header.get('probB'), 'probB', pairCount) : undefined;
    const d = saved.numFeatures;
    // Support vector s of class c carries k - 1 coefficients: coef[t] belongs to the pair of c and
    // the t-th other class (t < c: class t; t >= c: class t + 1), as libsvm stores sv_coef.
    const w = Array.from({ length: pairCount }, () => new Float64Array(d));
    const pairIndex = (i: number, j: number) => i * k - (i * (i + 1)) / 2 + (j - i - 1);
    let sv = row + 1;
    for (let c = 0; c < k; c++) {
      for (let s = 0; s < nSV[c]; s++, sv++) {
        const parts = (
          lines[sv] ?? fail(`support vector ${sv - row} of ${nSV.reduce((a, b) => a + b, 0)} is missing`)
        )
          .trim()
          .split(/\s+/);
        const coef = parts.slice(0, k - 1).map(Number);
        const x = new Float64Array(d);
        for (const part of parts.slice(k - 1)) {
          const [index, value] = part.split(':');
          const at = Number(index) - 1;
          if (!(at >= 0 && at < d)) fail(`feature index ${index} outside 1..${d}`);
          x[at] = Number(value);
        }
        for (let t = 0; t < k - 1; t++) {
          const other = t < c ? t : t + 1;
          const target = w[pairIndex(Math.min(c, other), Math.max(c, other))];
          for (let f = 0; f < d; f++) target[f] += coef[t] * x[f];
        }
      }
    }
    const round = (v: number) => Number(v.toPrecision(SIGNIFICANT_DIGITS));
    return new LinearSvm({
      format: 'linear-svm-ovo',
      params: saved.params,
      numClasses: saved.numClasses,
      numFeatures: d,
      labels,
      pairs: w.map((weights, p) => ({
        w: Array.from(weights, round),
        rho: rho[p],
        ...(probA && probB ? { probA: probA[p], probB: probB[p] } : {}),
      })),
      supportVectors: nSV.reduce((a, b) => a + b, 0),
    });
  }

  /** Restores a model saved with `toJSON()`, checking its shape. */
  static fromJSON(json: LinearSvmJson): LinearSvm {
    if (json.format !== 'linear-svm-ovo') {
      throw new Error(
        `not a linear SVM: expected format "linear-svm-ovo", got ${JSON.stringify(json.format)}`,
      );
    }
    const k = json.labels.length;
    if (json.pairs.length !== (k * (k - 1)) / 2 || json.pairs.some((p) => p.w.length !== json.numFeatures)) {
      throw new Error(
        `linear SVM: ${k} classes need ${(k * (k - 1)) / 2} pairs of ${json.numFeatures} weights`,
      );
    }
    return new LinearSvm(json);
  }

  private decisions(row: ArrayLike<number>, r: number): Float64Array {
    if (row.length !== this.json.numFeatures) {
      throw new RangeError(
        `SVM predict: row ${r} has ${row.length} features, the model expects ${this.json.numFeatures}`,
      );
    }
    return Float64Array.from(this.json.pairs, ({ w, rho }) => {
      let sum = 0;
      for (let f = 0; f < w.length; f++) sum += w[f] * row[f];
      return sum - rho;
    });
  }

  /** Predicted class index of each row: libsvm's one-vs-one vote. */
  predict(rows: readonly ArrayLike<number>[]): Int32Array {
    const { labels } = this.json;
    const k = labels.length;
    return Int32Array.from(rows, (row, r) => {
      const dec = this.decisions(row, r);
      const votes = new Int32Array(k);
      let p = 0;
      for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) votes[dec[p++] > 0 ? i : j]++;
      let best = 0;
      for (let i = 1; i < k; i++) if (votes[i] > votes[best]) best = i;
      return labels[best];
    });
  }

  /** Class probabilities of each row (numClasses columns; 0 for classes absent from training). */
  predictProbabilities(rows: readonly ArrayLike<number>[]): Float64Array[] {
    const { labels, pairs } = this.json;
    if (pairs.some((p) => p.probA === undefined || p.probB === undefined)) {
      throw new Error('this SVM was trained without probability: true, so it has no probability model');
    }
    const k = labels.length;
    return rows.map((row, r) => {
      const dec = this.decisions(row, r);
      const pairwise = Array.from({ length: k }, () => new Float64Array(k));
      let p = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++, p++) {
          const q = Math.min(
            Math.max(plattSigmoid(dec[p], pairs[p].probA!, pairs[p].probB!), 1e-7),
            1 - 1e-7,
          );
          pairwise[i][j] = q;
          pairwise[j][i] = 1 - q;
        }
      }
      const coupled = k === 2 ? [pairwise[0][1], pairwise[1][0]] : couplePairwise(pairwise);
      const out = new Float64Array(this.json.numClasses);
      labels.forEach((label, i) => (out[label] = coupled[i]));
      return out;
    });
  }

  toJSON(): LinearSvmJson {
    return this.json;
  }

  /** Nothing to free (no wasm heap); present so it stands in for an SvmClassifier. */
  dispose(): void {}
}

/** 1 / (1 + exp(A f + B)), evaluated without overflow either side. */
function plattSigmoid(f: number, A: number, B: number): number {
  const z = f * A + B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/**
 * Class probabilities from pairwise ones r[i][j] = P(i | i or j): the p minimising
 * sum_i sum_{j != i} (r[j][i] p_i - r[i][j] p_j)^2 on the simplex, by the fixed-point iteration of
 * Wu, Lin & Weng (2004), method 2 (libsvm's stopping rule and iteration cap).
 */
export function couplePairwise(r: readonly ArrayLike<number>[]): number[] {
  const k = r.length;
  const Q = Array.from({ length: k }, () => new Float64Array(k));
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      Q[t][t] += r[j][t] * r[j][t];
      Q[t][j] = -r[j][t] * r[t][j];
    }
  }
  const p = new Array<number>(k).fill(1 / k);
  const Qp = new Float64Array(k);
  const eps = 0.005 / k;
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t][j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t][t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t][t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t][j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return p;
}
