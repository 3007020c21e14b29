import type { LibsvmConstructor, LibsvmModel } from 'libsvm-js/wasm.js';

import { parameterGrid } from './grid-search';

/** Kernels of the C-SVC: linear u'v, polynomial (gamma u'v + coef0)^degree, RBF exp(-gamma |u-v|^2). */
export type SvmKernel = 'linear' | 'polynomial' | 'rbf';

/** Hyper-parameters of a C-support-vector classifier. */
export interface SvmParams {
  kernel: SvmKernel;
  /** Soft-margin cost. */
  C: number;
  /** RBF / polynomial kernel width; defaults to 1 / number of features, libsvm's default. */
  gamma?: number;
  /** Polynomial degree (default 3). */
  degree?: number;
  /** Polynomial offset (default 0). */
  coef0?: number;
  /** Fit Platt-scaled probability estimates (libsvm -b 1: 5-fold internal CV, about 5x the fit time). */
  probability?: boolean;
  /** Per-class multipliers of C, e.g. inverse class frequencies for imbalanced data. */
  classWeights?: Record<number, number>;
}

/** A trained SVM as plain JSON: the resolved parameters plus libsvm's own model text. */
export interface SvmModelJson {
  format: 'libsvm-c-svc';
  params: SvmParams & { gamma: number };
  numClasses: number;
  numFeatures: number;
  /** libsvm's model file (svm_save_model format). */
  model: string;
}

let librarySingleton: Promise<LibsvmConstructor> | undefined;

/**
 * Loads libsvm-js once, in Node only. Its CommonJS export is a Promise; it is required directly
 * because ESM interop layers (vitest's) turn a default-exported Promise into a broken thenable
 * namespace. The emscripten runtime also registers a Node 'unhandledRejection' handler that calls
 * process.exit(1) silently; it is removed so failures elsewhere keep their message. Browsers get no
 * libsvm: its emscripten build requires fs and fetches a wasm file beside itself, which bundlers
 * neither resolve nor emit; browser code runs linear SVMs (LinearSvm, pure TypeScript).
 */
function loadLibsvm(): Promise<LibsvmConstructor> {
  if (librarySingleton) return librarySingleton;
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as typeof import('node:module') | undefined;
  if (!proc || !nodeModule) {
    return Promise.reject(
      new Error(
        'kernel SVMs (libsvm) run in Node only; in the browser only linear SVMs (format "linear-svm-ovo") can be loaded',
      ),
    );
  }
  const before = new Set(proc.listeners('unhandledRejection'));
  const ready = nodeModule.createRequire(import.meta.url)('libsvm-js/wasm.js') as Promise<LibsvmConstructor>;
  librarySingleton = ready.then((SVM) => {
    for (const listener of proc.listeners('unhandledRejection')) {
      if (!before.has(listener)) proc.off('unhandledRejection', listener);
    }
    return SVM;
  });
  return librarySingleton;
}

function assertRows(rows: readonly ArrayLike<number>[], numFeatures: number, what: string): void {
  rows.forEach((row, i) => {
    if (row.length !== numFeatures) {
      throw new RangeError(`${what}: row ${i} has ${row.length} features, the model expects ${numFeatures}`);
    }
    for (let j = 0; j < row.length; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`${what}: row ${i} feature ${j} is ${row[j]}`);
    }
  });
}

function libsvmOptions(params: SvmModelJson['params'], SVM: LibsvmConstructor) {
  const kernel = {
    linear: SVM.KERNEL_TYPES.LINEAR,
    polynomial: SVM.KERNEL_TYPES.POLYNOMIAL,
    rbf: SVM.KERNEL_TYPES.RBF,
  };
  return {
    type: SVM.SVM_TYPES.C_SVC,
    kernel: kernel[params.kernel],
    cost: params.C,
    gamma: params.gamma,
    degree: params.degree ?? 3,
    coef0: params.coef0 ?? 0,
    probabilityEstimates: params.probability ?? false,
    weight: params.classWeights,
    quiet: true,
  };
}

/**
 * A multi-class C-SVC on libsvm (libsvm-js, compiled to wasm): one-vs-one voting, optional Platt
 * probabilities coupled pairwise (Wu, Lin & Weng 2004). Class labels are integers 0..numClasses-1.
 * Call `dispose()` when done: the model lives in the wasm heap, which is not garbage collected.
 */
export class SvmClassifier {
  private constructor(
    private readonly svm: LibsvmModel,
    readonly params: SvmModelJson['params'],
    readonly numClasses: number,
    readonly numFeatures: number,
  ) {}

  /** Trains on rows (all the same length) with integer class labels. */
  static async train(
    rows: readonly ArrayLike<number>[],
    labels: ArrayLike<number>,
    params: SvmParams,
    numClasses?: number,
  ): Promise<SvmClassifier> {
    if (rows.length === 0) throw new RangeError('SVM training needs at least one row');
    if (rows.length !== labels.length) {
      throw new RangeError(`SVM training got ${rows.length} rows but ${labels.length} labels`);
    }
    if (!(params.C > 0)) throw new RangeError(`SVM C must be positive, got ${params.C}`);
    const numFeatures = rows[0].length;
    assertRows(rows, numFeatures, 'SVM training');
    const labelList = Array.from(labels);
    const k = numClasses ?? Math.max(...labelList) + 1;
    labelList.forEach((label, i) => {
      if (!Number.isInteger(label) || label < 0 || label >= k) {
        throw new RangeError(`SVM training: label ${label} of row ${i} is not a class index in 0..${k - 1}`);
      }
    });
    if (new Set(labelList).size < 2) throw new RangeError('SVM training needs samples of at least 2 classes');
    const resolved = { ...params, gamma: params.gamma ?? 1 / numFeatures };
    if (!(resolved.gamma > 0)) throw new RangeError(`SVM gamma must be positive, got ${resolved.gamma}`);
    const SVM = await loadLibsvm();
    const svm = new SVM(libsvmOptions(resolved, SVM));
    svm.train(rows as ArrayLike<number>[], labelList);
    return new SvmClassifier(svm, resolved, k, numFeatures);
  }

  /** Restores a model saved with `toJSON()`. */
  static async fromJSON(json: SvmModelJson): Promise<SvmClassifier> {
    if (json.format !== 'libsvm-c-svc' || typeof json.model !== 'string') {
      throw new Error(`not an SVM model: expected format "libsvm-c-svc", got ${JSON.stringify(json.format)}`);
    }
    const SVM = await loadLibsvm();
    return new SvmClassifier(SVM.load(json.model), json.params, json.numClasses, json.numFeatures);
  }

  /** Number of support vectors, summed over classes. */
  get supportVectorCount(): number {
    return this.svm.getSVIndices().length;
  }

  /** Predicted class index of each row. */
  predict(rows: readonly ArrayLike<number>[]): Int32Array {
    assertRows(rows, this.numFeatures, 'SVM predict');
    return Int32Array.from(rows, (row) => this.svm.predictOne(row));
  }

  /** Class probabilities of each row (numClasses columns; 0 for classes absent from training). */
  predictProbabilities(rows: readonly ArrayLike<number>[]): Float64Array[] {
    if (!this.params.probability) {
      throw new Error('this SVM was trained without probability: true, so it has no probability model');
    }
    assertRows(rows, this.numFeatures, 'SVM predictProbabilities');
    return rows.map((row) => {
      const out = new Float64Array(this.numClasses);
      for (const { label, probability } of this.svm.predictOneProbability(row).estimates)
        out[label] = probability;
      return out;
    });
  }

  /** The model as JSON, loadable with `SvmClassifier.fromJSON`. */
  toJSON(): SvmModelJson {
    return {
      format: 'libsvm-c-svc',
      params: this.params,
      numClasses: this.numClasses,
      numFeatures: this.numFeatures,
      model: this.svm.serializeModel(),
    };
  }

  /** Frees the model's wasm memory; the classifier cannot be used afterwards. */
  dispose(): void {
    this.svm.free();
  }
}

/** Candidate grid over kernels: C for all, gamma for RBF and polynomial, degree for polynomial. */
export function svmParameterGrid(spec: {
  kernels: readonly SvmKernel[];
  C: readonly number[];
  gamma?: readonly number[];
  degree?: readonly number[];
}): SvmParams[] {
  return spec.kernels.flatMap((kernel): SvmParams[] => {
    if (kernel === 'linear') return parameterGrid({ C: spec.C }).map((p) => ({ kernel, ...p }));
    const gamma = spec.gamma ?? [undefined];
    if (kernel === 'rbf') return parameterGrid({ C: spec.C, gamma }).map((p) => ({ kernel, ...p }));
    return parameterGrid({ C: spec.C, gamma, degree: spec.degree ?? [3] }).map((p) => ({ kernel, ...p }));
  });
}
