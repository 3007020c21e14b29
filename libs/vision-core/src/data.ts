// Streaming data pipeline: lazily decoded, augmented, prefetched batches. Browser-safe: the decode
// function is injected (sharp in Node, canvas in the browser).
export {
  adjustPhotometric,
  augmentImage,
  augmentImageAndMask,
  sampleAugmentation,
  transformGeometry,
  type AugmentationConfig,
  type AugmentationParams,
  type FillMode,
  type FloatImage,
} from './data/augmentation';
export {
  checkRandomErasing,
  eraseRandomRectangle,
  RANDOM_ERASING_AREA,
  RANDOM_ERASING_ASPECT_RATIO,
  sampleErasedRectangle,
  type RandomErasingConfig,
} from './data/random-erasing';
export { epochOrder } from './data/epoch-order';
export {
  ImageDataset,
  type Batch,
  type ClassificationBatch,
  type ImageDatasetOptions,
  type SegmentationBatch,
} from './data/image-dataset';
export {
  datasetFingerprint,
  type ClassificationSample,
  type DecodedImage,
  type DecodeImage,
  type Sample,
  type SegmentationSample,
} from './data/samples';
export { normalRandom, seededRandom, uniform, type Random } from './data/seeded-random';
