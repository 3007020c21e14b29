// The dermoscopy tasks of the trainer (lesion segmentation, lesion classification, SVM on deep features, PH2 diagnosis by transfer, ensembles, PH2 multi-task, the balanced decision rule, precise BatchNorm, clinical-metadata fusion, servable CNN ensembles, fitted-on lists of older models, image novelty).
export { lesionClassificationTask } from './dermoscopy/lesion-classification';
export { lesionSegmentationTask } from './dermoscopy/lesion-segmentation';
export { lesionSvmTask } from './dermoscopy/lesion-svm';
export { ph2DiagnosisTask } from './dermoscopy/ph2-diagnosis';
export { lesionEnsembleTask } from './dermoscopy/lesion-ensemble';
export { ph2MultiTaskTask } from './dermoscopy/ph2-multitask';
export { lesionDecisionRuleTask } from './dermoscopy/lesion-decision-rule';
export { lesionPreciseBnTask } from './dermoscopy/lesion-precise-bn';
export { lesionMetadataFusionTask } from './dermoscopy/lesion-metadata-fusion';
export { lesionClassifierEnsembleTask } from './dermoscopy/lesion-classifier-ensemble';
export { lesionFittedOnTask } from './dermoscopy/lesion-fitted-on';
export { lesionNoveltyTask } from './dermoscopy/lesion-novelty';
