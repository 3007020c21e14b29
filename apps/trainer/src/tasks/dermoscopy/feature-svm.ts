// An SVM on deep features: z-score scaling, an RBF C-SVC with balanced class weights whose C and
// gamma are chosen on the validation features (balanced accuracy), refitted with Platt
// probabilities, and a softmax temperature fitted on the validation probabilities.
import {
  applyScaler,
  fitScaler,
  SvmClassifier,
  svmParameterGrid,
  type FeatureScaler,
  type SvmModelJson,
  type SvmParams,
} from '@visioncad/vision-core/features';
import { balancedAccuracy, fitTemperature } from '@visioncad/vision-core/metrics';

/** Features with integer labels. */
export interface LabelledFeatures {
  rows: number[][];
  labels: number[];
}

/** A fitted feature SVM, ready to save as JSON. */
export interface FeatureSvm {
  scaler: FeatureScaler;
  svm: SvmClassifier;
  temperature: number;
  /** Validation balanced accuracy of every grid point, in grid order. */
  grid: Array<{ params: SvmParams; validationBalancedAccuracy: number }>;
  chosen: SvmParams;
}

/** The saved form: svm.json beside the card. */
export interface FeatureSvmJson {
  format: 'feature-svm';
  /** The classifier the features come from, relative to this model's directory. */
  backbone: string;
  featureLayer: string;
  scaler: FeatureScaler;
  svm: SvmModelJson;
}

/** Inverse-frequency class weights (scikit-learn's "balanced"): n / (k · count). */
export function balancedClassWeights(labels: readonly number[], numClasses: number): Record<number, number> {
  const counts = new Array<number>(numClasses).fill(0);
  for (const y of labels) counts[y]++;
  const weights: Record<number, number> = {};
  counts.forEach((c, k) => {
    if (c > 0) weights[k] = labels.length / (numClasses * c);
  });
  return weights;
}

/** log of probabilities clipped away from 0, as the evaluation code expects of softmax models. */
export function logProbabilities(probs: readonly ArrayLike<number>[]): number[][] {
  return probs.map((row) => Array.from(row, (p) => Math.log(Math.min(1, Math.max(1e-7, p)))));
}

/** Fits the feature SVM on `train`, choosing C and gamma on `validation`. */
export async function fitFeatureSvm(
  train: LabelledFeatures,
  validation: LabelledFeatures,
  numClasses: number,
  { C = [0.3, 1, 3, 10], gammaScale = [0.25, 1, 4] }: { C?: number[]; gammaScale?: number[] } = {},
): Promise<FeatureSvm> {
  const scaler = fitScaler(train.rows, 'z-score');
  const xTrain = applyScaler(scaler, train.rows);
  const xVal = applyScaler(scaler, validation.rows);
  const d = xTrain[0].length;
  const classWeights = balancedClassWeights(train.labels, numClasses);
  const grid: FeatureSvm['grid'] = [];
  for (const params of svmParameterGrid({ kernels: ['rbf'], C, gamma: gammaScale.map((g) => g / d) })) {
    const svm = await SvmClassifier.train(xTrain, train.labels, { ...params, classWeights }, numClasses);
    const predicted = svm.predict(xVal);
    svm.dispose();
    grid.push({
      params,
      validationBalancedAccuracy: balancedAccuracy(validation.labels, predicted, numClasses),
    });
  }
  const best = grid.reduce((a, b) => (b.validationBalancedAccuracy > a.validationBalancedAccuracy ? b : a));
  const svm = await SvmClassifier.train(
    xTrain,
    train.labels,
    { ...best.params, classWeights, probability: true },
    numClasses,
  );
  const { temperature } = fitTemperature(logProbabilities(svm.predictProbabilities(xVal)), validation.labels);
  return { scaler, svm, temperature, grid, chosen: best.params };
}

/** Platt probabilities (before temperature) of a fitted feature SVM for raw feature rows. */
export function featureSvmProbabilities(
  scaler: FeatureScaler,
  svm: SvmClassifier,
  rows: number[][],
): Float64Array[] {
  return svm.predictProbabilities(applyScaler(scaler, rows));
}
