// Generic feature extraction and classical ML (knows nothing of faces or skin). HOG, LBP, scaling,
// cross-validation and grid search are browser-safe TypeScript; the SVM runs libsvm compiled to wasm.
export { hog, hogLayout, type HogBlockNorm, type HogOptions } from './features/hog';
export { lbpBins, lbpCodes, lbpHistogram, type LbpOptions } from './features/local-binary-pattern';
export { applyScaler, fitScaler, type FeatureScaler, type ScalingMethod } from './features/feature-scaler';
export {
  groupKFold,
  groupShuffleSplit,
  kFold,
  stratifiedSample,
  type Fold,
  type FoldOptions,
} from './features/cross-validation';
export {
  gridSearch,
  parameterGrid,
  type FoldEvaluator,
  type GridSearch,
  type GridSearchResult,
} from './features/grid-search';
export {
  SvmClassifier,
  svmParameterGrid,
  type SvmKernel,
  type SvmModelJson,
  type SvmParams,
} from './features/svm';
export {
  fitGaussianNovelty,
  gaussianNoveltyToJSON,
  mahalanobisDistance,
  parseGaussianNovelty,
  quantile,
  type GaussianNovelty,
  type GaussianNoveltyJson,
} from './features/gaussian-novelty';
export { couplePairwise, LinearSvm, type LinearSvmJson, type LinearSvmPair } from './features/linear-svm';
export {
  svmFoldOutputs,
  svmFoldPredictions,
  svmGridSearch,
  type SvmCrossValidationOptions,
  type SvmFoldOutputs,
} from './features/svm-cross-validation';
