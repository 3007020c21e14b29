// Node-only entry of @visioncad/dermoscopy: dataset loaders (fs), PNG output (sharp) and the PH2
// report commands. Browser code imports the package root instead.
export { IMAGE_EXTENSIONS, listImagesByStem } from './node/datasets/image-files';
export {
  HAM10000_METADATA_FILE,
  loadHam10000,
  splitHam10000ByLesion,
  type Ham10000Record,
} from './node/datasets/ham10000';
export {
  loadIsic2017,
  type Isic2017Diagnosis,
  type Isic2017Paths,
  type Isic2017Record,
} from './node/datasets/isic2017';
export {
  loadPh2,
  parsePh2Table,
  PH2_IMAGES_FOLDER,
  PH2_TABLE_FILE,
  type Ph2Case,
  type Ph2ColourRegion,
  type Ph2Pattern,
} from './node/datasets/ph2';
export {
  loadImageMaskFolder,
  type ImageMaskFolderOptions,
  type ImageMaskPair,
} from './node/datasets/image-mask-folder';
export { writePreprocessingSteps } from './node/preprocess';
export { analysePh2Case, PH2_SPLIT_SEED, splitPh2ForTuning, type Ph2Analysis } from './node/ph2-analysis';
export {
  ordinalAgreement,
  presenceAgreement,
  type OrdinalAgreement,
  type PresenceAgreement,
} from './node/agreement';
export { validateAbcdOnPh2, type AbcdPh2Report } from './node/validate-abcd-ph2';
export { tuneStructures, type StructureTuning, type StructureTuningCase } from './node/tune-structures';
export { perilesionalSkin, type PerilesionalSkinOptions } from './node/perilesional-skin';
export {
  evaluateOtsuOnPh2,
  type OtsuConfig,
  type OverlapSummary,
  type SegmentationPh2Report,
} from './node/evaluate-segmentation-ph2';
