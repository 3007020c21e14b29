// Evaluation metrics: pure TypeScript, browser-safe, no tfjs. One concept per module in ./metrics.
export { accuracy, balancedAccuracy } from './metrics/accuracy';
export { meanAndSd } from './metrics/fold-summary';
export { confusionMatrix, normalizeConfusionMatrix } from './metrics/confusion-matrix';
export {
  averageScores,
  precisionRecallF1,
  ratesFromConfusionMatrix,
  scoresFromConfusionMatrix,
  sensitivitySpecificity,
  type ClassRates,
  type ClassScores,
} from './metrics/precision-recall';
export { argmaxRows, toRows, type ProbabilityRows } from './metrics/probabilities';
export { auc, rocAuc, rocCurve, rocOneVsRest, type OneVsRestRoc, type RocCurve } from './metrics/roc';
export { expectedCalibrationError, reliabilityDiagram, type ReliabilityBin } from './metrics/calibration';
export {
  applyTemperature,
  fitTemperature,
  temperatureNll,
  type TemperatureFit,
} from './metrics/temperature-scaling';
export {
  adjustedArgmax,
  adjustedArgmaxRows,
  balancedNll,
  fitLogitAdjustment,
  priorLogitAdjustment,
  type LogitAdjustmentFit,
  type LogitAdjustmentOptions,
} from './metrics/logit-adjustment';
export { cohenKappa, type KappaWeights } from './metrics/cohen-kappa';
export { raterAgreement, type RaterAgreement } from './metrics/rater-agreement';
export { dice, maskOverlap, type MaskMetricOptions } from './metrics/dice';
export { jaccard, thresholdedJaccard } from './metrics/jaccard';
export { downsampleCurve, type CurvePoints } from './metrics/curve-downsampling';
export { evaluationCurves, type EvaluationCurves, type StoredRocCurve } from './metrics/evaluation-curves';
export {
  classificationReport,
  type ClassReport,
  type ClassificationReport,
} from './metrics/classification-report';
