// Choosing and scoring an SVM on faces grouped by subject (CK+, JAFFE): a subject-wise grid search
// over kernels, C/gamma/degree and alternative feature settings, and the nested cross-validation
// that measures that whole procedure on subjects it never saw.
import {
  svmFoldOutputs,
  svmGridSearch,
  svmParameterGrid,
  type Fold,
  type ScalingMethod,
  type SvmKernel,
  type SvmParams,
} from '@visioncad/vision-core/features';

import { ckplusSubjectFolds } from '../datasets/ckplus';

/** The kernels of the grid, in the order their candidates are listed (earlier wins a tie). */
export const SVM_KERNELS: readonly SvmKernel[] = ['linear', 'rbf', 'polynomial'];

/**
 * The SVM grid for `d` features (gamma scaled by 1/d). Kept to 16 candidates: nested
 * cross-validation runs it on every inner fold of every outer fold.
 */
export function svmCandidates(d: number, kernels: readonly SvmKernel[]): SvmParams[] {
  const grids: Record<SvmKernel, () => SvmParams[]> = {
    linear: () => svmParameterGrid({ kernels: ['linear'], C: [0.01, 0.1, 1] }),
    rbf: () => svmParameterGrid({ kernels: ['rbf'], C: [1, 10, 100], gamma: [0.5 / d, 1 / d, 2 / d] }),
    polynomial: () =>
      svmParameterGrid({ kernels: ['polynomial'], C: [1, 10], gamma: [1 / d], degree: [2, 3] }),
  };
  return SVM_KERNELS.filter((k) => kernels.includes(k)).flatMap((k) => grids[k]());
}

/** Parses a comma-separated kernel list; the error names the option and the accepted kernels. */
export function parseSvmKernels(value: string, option = '--kernels'): SvmKernel[] {
  const kernels = value.split(',').filter((k) => k.length > 0);
  const unknown = kernels.find((k) => !(SVM_KERNELS as readonly string[]).includes(k));
  if (kernels.length === 0 || unknown !== undefined) {
    throw new Error(`${option} "${value}": use one or more of ${SVM_KERNELS.join(', ')}`);
  }
  return kernels as SvmKernel[];
}

/** One feature setting the search may choose: a row per face and its SVM candidates. */
export interface SvmFeatureSet {
  rows: readonly ArrayLike<number>[];
  candidates: readonly SvmParams[];
}

export interface SubjectSvmOptions {
  scaling: ScalingMethod;
  numClasses: number;
  /** Subject-wise folds of the grid search (3 in the CK+ protocol). */
  innerFolds: number;
  seed: number;
  /** Called with each setting's best mean fold accuracy (when there are several). */
  onSetScore?: (set: number, score: number) => void;
}

/** The setting and parameters a subject-wise grid search chose, with its mean fold accuracy. */
export interface SvmSelection {
  set: number;
  params: SvmParams;
  score: number;
}

/**
 * Subject-wise grid search on the faces `indices` (into every set's rows): each setting's candidates
 * are scored by mean accuracy over `innerFolds` subject folds (seed `seed`); an earlier setting or
 * candidate wins a tie.
 */
export async function selectSubjectSvm(
  sets: readonly SvmFeatureSet[],
  labels: ArrayLike<number>,
  subjects: readonly string[],
  indices: readonly number[],
  options: SubjectSvmOptions,
): Promise<SvmSelection> {
  if (sets.length === 0) throw new RangeError('no feature setting to search');
  const folds = ckplusSubjectFolds(
    indices.map((i) => ({ subject: subjects[i] })),
    options.innerFolds,
    options.seed,
  );
  let best: SvmSelection | undefined;
  for (const [s, set] of sets.entries()) {
    const search = await svmGridSearch(
      indices.map((i) => set.rows[i]),
      indices.map((i) => labels[i]),
      folds,
      set.candidates,
      { scaling: options.scaling, numClasses: options.numClasses },
    );
    if (sets.length > 1) options.onSetScore?.(s, search.best.meanScore);
    if (!best || search.best.meanScore > best.score) {
      best = { set: s, params: search.best.params, score: search.best.meanScore };
    }
  }
  return best!;
}

/** One outer fold of {@link nestedSubjectSvm}. */
export interface NestedSvmFold {
  testSubjects: number;
  testFrames: number;
  chosen: SvmSelection;
  accuracy: number;
}

/** Every face's out-of-fold decision, Platt probabilities and fold, and the per-fold results. */
export interface NestedSvmResult {
  /** libsvm's one-vs-one vote. */
  predicted: Int32Array;
  /** Platt probabilities (libsvm -b 1, fitted inside the training fold). */
  probabilities: number[][];
  foldOf: Int32Array;
  folds: NestedSvmFold[];
}

/**
 * Nested subject-wise cross-validation: `outerFolds` subject folds (seed `seed`); in each, the
 * subject-wise grid search (seed `seed + 1`) chooses setting and parameters on the training subjects
 * only, and the chosen SVM, refitted there with Platt probabilities, predicts the test subjects.
 */
export async function nestedSubjectSvm(
  sets: readonly SvmFeatureSet[],
  labels: ArrayLike<number>,
  subjects: readonly string[],
  outerFolds: number,
  options: SubjectSvmOptions & { onFold?: (fold: number, result: NestedSvmFold) => void },
): Promise<NestedSvmResult> {
  const n = subjects.length;
  const outer: Fold[] = ckplusSubjectFolds(
    subjects.map((subject) => ({ subject })),
    outerFolds,
    options.seed,
  );
  const predicted = new Int32Array(n);
  const probabilities: number[][] = new Array(n);
  const foldOf = new Int32Array(n);
  const folds: NestedSvmFold[] = [];
  for (const [f, fold] of outer.entries()) {
    const chosen = await selectSubjectSvm(sets, labels, subjects, fold.train, {
      ...options,
      seed: options.seed + 1,
    });
    const { predicted: votes, probabilities: probs } = await svmFoldOutputs(
      sets[chosen.set].rows,
      labels,
      { ...chosen.params, probability: true },
      fold,
      options,
    );
    fold.test.forEach((i, k) => {
      predicted[i] = votes[k];
      probabilities[i] = Array.from(probs![k]);
      foldOf[i] = f;
    });
    const result: NestedSvmFold = {
      testSubjects: new Set(fold.test.map((i) => subjects[i])).size,
      testFrames: fold.test.length,
      chosen,
      accuracy: fold.test.filter((i, k) => labels[i] === votes[k]).length / fold.test.length,
    };
    folds.push(result);
    options.onFold?.(f, result);
  }
  return { predicted, probabilities, foldOf, folds };
}
