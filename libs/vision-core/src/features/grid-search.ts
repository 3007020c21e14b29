import type { Fold } from './cross-validation';

/** Cross-validated score of one parameter set. */
export interface GridSearchResult<P> {
  params: P;
  foldScores: number[];
  meanScore: number;
  stdScore: number;
}

/** All candidates ranked by mean fold score, best first. */
export interface GridSearch<P> {
  best: GridSearchResult<P>;
  results: GridSearchResult<P>[];
}

/** Scores one parameter set on one fold (fit on `fold.train`, score on `fold.test`); higher is better. */
export type FoldEvaluator<P> = (params: P, fold: Fold, foldIndex: number) => number | Promise<number>;

/** Cartesian product of named axes: `{ C: [1, 10], gamma: [0.1] }` gives two parameter sets. */
export function parameterGrid<A extends Record<string, readonly unknown[]>>(
  axes: A,
): Array<{ [K in keyof A]: A[K][number] }> {
  let sets: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(axes)) {
    if (values.length === 0) throw new RangeError(`parameter grid axis "${name}" has no values`);
    sets = sets.flatMap((set) => values.map((v) => ({ ...set, [name]: v })));
  }
  return sets as Array<{ [K in keyof A]: A[K][number] }>;
}

/**
 * Exhaustive grid search: every candidate is scored on every fold and ranked by mean score (ties keep
 * candidate order). Evaluations run one at a time: each one is a full model fit.
 */
export async function gridSearch<P>(
  candidates: readonly P[],
  folds: readonly Fold[],
  evaluate: FoldEvaluator<P>,
  onResult?: (result: GridSearchResult<P>) => void,
): Promise<GridSearch<P>> {
  if (candidates.length === 0) throw new RangeError('grid search needs at least one candidate');
  if (folds.length === 0) throw new RangeError('grid search needs at least one fold');
  const results: GridSearchResult<P>[] = [];
  for (const params of candidates) {
    const foldScores: number[] = [];
    for (let f = 0; f < folds.length; f++) {
      const score = await evaluate(params, folds[f], f);
      if (!Number.isFinite(score)) {
        throw new RangeError(`grid search: fold ${f} of ${JSON.stringify(params)} scored ${score}`);
      }
      foldScores.push(score);
    }
    const meanScore = foldScores.reduce((a, b) => a + b, 0) / foldScores.length;
    const stdScore = Math.sqrt(foldScores.reduce((a, s) => a + (s - meanScore) ** 2, 0) / foldScores.length);
    const result = { params, foldScores, meanScore, stdScore };
    results.push(result);
    onResult?.(result);
  }
  const ranked = [...results].sort((a, b) => b.meanScore - a.meanScore);
  return { best: ranked[0], results: ranked };
}
