// @visioncad/dermoscopy: browser-safe skin-lesion analysis on vision-core rasters. Node-only dataset
// loaders and report commands are in ./node.
export { DatasetError, type DatasetLocation } from './datasets/dataset-error';
export {
  DERMOSCOPIC_COLOURS,
  HAM10000_DIAGNOSES,
  PH2_DIAGNOSES,
  type DermoscopicColour,
  type Ham10000Diagnosis,
  type Ph2Diagnosis,
} from './datasets/dermoscopic-vocabulary';
export {
  DEFAULT_SPLIT_FRACTIONS,
  lesionDisjointSplit,
  type LesionSplit,
  type LesionSplitOptions,
  type SplitFractions,
} from './datasets/lesion-split';

export {
  DEFAULT_HAIR_REMOVAL,
  removeHair,
  type HairRemovalOptions,
  type HairRemovalResult,
} from './preprocessing/hair-removal';
export { SHADES_OF_GRAY_P, shadesOfGray, type ColourConstancyResult } from './preprocessing/colour-constancy';
export { DEFAULT_CONTRAST, enhanceContrast } from './preprocessing/contrast-enhancement';
export {
  preprocessDermoscopy,
  type PreprocessingOptions,
  type PreprocessingResult,
  type PreprocessingStep,
} from './preprocessing/pipeline';

export { thresholdProbabilityMap, type ProbabilityMap } from './segmentation/probability-map';
export {
  DEFAULT_MAIN_LESION,
  lesionCandidateScore,
  postprocessProbabilityMap,
  selectMainLesion,
  type MainLesionOptions,
} from './segmentation/main-lesion';
export {
  DEFAULT_OTSU_SEGMENTATION,
  segmentLesionOtsu,
  type OtsuChannel,
  type OtsuSegmentationOptions,
  type OtsuSegmentationResult,
} from './segmentation/otsu-segmentation';

export { lesionGeometry, type LesionGeometry } from './abcd/lesion-geometry';
export {
  asymmetry,
  DEFAULT_ASYMMETRY_THRESHOLDS,
  measureAsymmetry,
  scoreAsymmetry,
  type AsymmetryResult,
  type AsymmetryThresholds,
  type AxisAsymmetry,
} from './abcd/asymmetry';
export {
  border,
  DEFAULT_BORDER,
  type BorderOptions,
  type BorderResult,
  type BorderSector,
} from './abcd/border';
export {
  COLOUR_PROTOTYPES_SRGB,
  colours,
  DEFAULT_COLOUR_THRESHOLDS,
  MAX_COLOUR_DISTANCE,
  measureColours,
  scoreColours,
  type ColourResult,
  type ColourThresholds,
} from './abcd/colours';
export {
  DEFAULT_STRUCTURES,
  DERMOSCOPIC_STRUCTURES,
  MAX_DETAIL_DISTANCE,
  measureStructures,
  scoreStructures,
  structureResponses,
  structures,
  type CoarseDetail,
  type DermoscopicStructure,
  type FineDetail,
  type StructureMeasures,
  type StructureOptions,
  type StructureResponseOptions,
  type StructureResponses,
  type StructureResult,
} from './abcd/structures';
export { lesionDiameter, type LesionDiameter } from './abcd/diameter';
export {
  TDS_HIGHLY_SUSPICIOUS_ABOVE,
  TDS_SUSPICIOUS_FROM,
  TDS_WEIGHTS,
  tdsBand,
  totalDermoscopyScore,
  type AbcdScores,
  type TdsBand,
} from './abcd/tds';
export { computeAbcd, type AbcdOptions, type AbcdResult } from './abcd/abcd';
