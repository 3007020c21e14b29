// The dermoscopy tasks of the trainer (lesion segmentation, lesion classification, SVM on deep features).
export { lesionClassificationTask } from './dermoscopy/lesion-classification';
export { lesionSegmentationTask } from './dermoscopy/lesion-segmentation';
export { lesionSvmTask } from './dermoscopy/lesion-svm';
