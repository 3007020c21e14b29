import { accuracy } from '../metrics/accuracy';
import { averageScores, precisionRecallF1 } from '../metrics/precision-recall';
import type { Fold } from './cross-validation';
import { applyScaler, fitScaler, type ScalingMethod } from './feature-scaler';
import { gridSearch, type GridSearch, type GridSearchResult } from './grid-search';
import { SvmClassifier, type SvmParams } from './svm';

/** How SVM candidates are fitted and scored on each fold. */
export interface SvmCrossValidationOptions {
  /** The scaler is fitted on each training fold only, never on the fold it is scored on. */
  scaling: ScalingMethod;
  numClasses: number;
  /** Selection score on the held-out fold. */
  score?: 'accuracy' | 'macroF1';
  onResult?: (result: GridSearchResult<SvmParams>) => void;
}

/** What an SVM fitted on a fold's training samples says about its test samples. */
export interface SvmFoldOutputs {
  /** libsvm's one-vs-one vote per test sample. */
  predicted: Int32Array;
  /** Platt probabilities per test sample, when the parameters ask for them (`probability: true`). */
  probabilities?: Float64Array[];
}

/** An SVM fitted (scaler included) on a fold's training samples, applied to its test samples. */
export async function svmFoldOutputs(
  rows: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  params: SvmParams,
  fold: Fold,
  options: Pick<SvmCrossValidationOptions, 'scaling' | 'numClasses'>,
): Promise<SvmFoldOutputs> {
  const scaler = fitScaler(
    fold.train.map((i) => rows[i]),
    options.scaling,
  );
  const svm = await SvmClassifier.train(
    applyScaler(
      scaler,
      fold.train.map((i) => rows[i]),
    ),
    fold.train.map((i) => labels[i]),
    params,
    options.numClasses,
  );
  try {
    const test = applyScaler(
      scaler,
      fold.test.map((i) => rows[i]),
    );
    return {
      predicted: svm.predict(test),
      ...(params.probability ? { probabilities: svm.predictProbabilities(test) } : {}),
    };
  } finally {
    svm.dispose();
  }
}

/** Predictions for each fold's test samples from an SVM fitted (scaler included) on its training samples. */
export async function svmFoldPredictions(
  rows: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  params: SvmParams,
  fold: Fold,
  options: Pick<SvmCrossValidationOptions, 'scaling' | 'numClasses'>,
): Promise<Int32Array> {
  return (await svmFoldOutputs(rows, labels, params, fold, options)).predicted;
}

/** Grid search of SVM parameters by k-fold cross-validation on precomputed feature rows. */
export function svmGridSearch(
  rows: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  folds: readonly Fold[],
  candidates: readonly SvmParams[],
  options: SvmCrossValidationOptions,
): Promise<GridSearch<SvmParams>> {
  return gridSearch(
    candidates,
    folds,
    async (params, fold) => {
      const predicted = await svmFoldPredictions(rows, labels, params, fold, options);
      const truth = fold.test.map((i) => labels[i]);
      return options.score === 'macroF1'
        ? averageScores(precisionRecallF1(truth, predicted, options.numClasses), 'macro').f1
        : accuracy(truth, predicted);
    },
    options.onResult,
  );
}
