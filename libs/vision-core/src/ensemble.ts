// Probability-averaging ensembles held in one tfjs LayersModel, and temperature scaling written into
// a classifier's weights so calibrated members can share such a graph. Browser-safe.
export {
  averageProbabilities,
  averagingEnsembleParts,
  buildAveragingEnsemble,
  withoutMemberPrefix,
  type AveragingEnsembleParts,
} from './ensemble/probability-ensemble';
export { bakeTemperature } from './ensemble/bake-temperature';
export { findNestedLayer, nestedModelNames, type NestedLayer } from './ensemble/nested-layers';
