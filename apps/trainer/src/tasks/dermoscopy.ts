// The dermoscopy tasks of the trainer (lesion segmentation, lesion classification).
export { lesionClassificationTask } from './dermoscopy/lesion-classification';
export { lesionSegmentationTask } from './dermoscopy/lesion-segmentation';
