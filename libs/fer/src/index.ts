// @visioncad/fer: facial expression recognition. Browser-safe: labels, dataset parsing, face
// cropping math, classical features/SVM model and tfjs network builders. Node-only loaders (files,
// sharp, ffmpeg, face-api weights from disk) are in ./node.
export * from './label-space';
export { DatasetError, type DatasetLocation } from './datasets/dataset-error';
export type { LabelledFace, LabelledFaceFile } from './datasets/labelled-face';
export {
  FER2013_FOLDER_USAGES,
  FER2013_IMAGE_SIZE,
  FER2013_USAGES,
  fer2013UsageFromFileName,
  parseFer2013Record,
  type Fer2013CsvRecord,
  type Fer2013ImageFile,
  type Fer2013Sample,
  type Fer2013Usage,
} from './datasets/fer2013';
export {
  ckplusSubjectFolds,
  ckplusSubjectSplit,
  groupCkplusSequences,
  parseCkplusFileName,
  type CkplusFrameFile,
  type CkplusFrameId,
  type CkplusSequence,
} from './datasets/ckplus';
export { parseJaffeFileName, type JaffeImageFile, type JaffeImageId } from './datasets/jaffe';
export {
  assertLandmarks68,
  centroid,
  distance,
  eyeCentres,
  LANDMARKS_68,
  type Point,
} from './face/landmarks-68';
export {
  cropFace,
  eyeFraming,
  faceCropGeometry,
  type EyeFraming,
  type FaceCropGeometry,
  type FaceCropOptions,
  type FaceRegion,
} from './face/face-alignment';
export {
  estimatedEyeCentres,
  TINY_FACE_DETECTOR_EYES_320,
  TINY_FACE_DETECTOR_EYES_416,
  type DetectorEyes,
} from './face/detector-eyes';
export { extractFaces, type DetectedFace, type FaceCrop, type FaceDetector } from './face/face-pipeline';
export {
  createFaceApiDetector,
  cropLandmarks68,
  toFaceApiTensor,
  type FaceApi,
  type FaceApiDetectorOptions,
} from './face/face-api-detector';
export { faceApiExpressionProbabilities } from './face/face-api-expressions';
export { LANDMARK_FEATURE_LENGTH, LANDMARK_MEASURES, landmarkGeometry } from './features/landmark-geometry';
export {
  classicalFeatures,
  SvmExpressionModel,
  type ClassicalFeatureSpec,
  type CnnFeatureSource,
  type ClassicalInput,
  type SvmExpressionModelJson,
  type SvmExpressionTrainOptions,
} from './classical/svm-expression-model';
export {
  SvmExpressionClassifier,
  type CropLandmarks,
  type SvmExpressionResult,
} from './classical/svm-expression-classifier';
export {
  nestedSubjectSvm,
  parseSvmKernels,
  selectSubjectSvm,
  SVM_KERNELS,
  svmCandidates,
  type NestedSvmFold,
  type NestedSvmResult,
  type SubjectSvmOptions,
  type SvmFeatureSet,
  type SvmSelection,
} from './classical/subject-svm-selection';
export { buildCnnActivations, cnnActivationRows } from './models/cnn-activations';
export { buildSeed000Cnn, SEED000_TRAINING_CONFIG, type Seed000CnnOptions } from './models/seed000-cnn';
export { buildSeed003Cnn, SEED003_TRAINING_CONFIG, type Seed003CnnOptions } from './models/seed003-cnn';
export type { BackboneOptions } from './models/backbones/backbone-options';
export { buildVgg16 } from './models/backbones/vgg16';
export { buildResNet50 } from './models/backbones/resnet50';
export { buildMobileNetV2 } from './models/backbones/mobilenet-v2';
export { buildXception } from './models/backbones/xception';
export {
  backboneFromModel,
  backboneInputSide,
  backboneNames,
  buildBackbone,
  buildTransferModel,
  freezeBackbone,
  registerBackbone,
  unfreezeLastLayers,
  type BackboneBuilder,
  type TransferModelOptions,
} from './models/transfer-learning';
export {
  buildCnnBiLstm,
  buildFrameEncoder,
  stackFrames,
  type CnnBiLstmOptions,
  type FrameEncoderOptions,
} from './models/cnn-bilstm';
export { bilinearResizeMatrix, buildFlipAveraging, type TestTimeAugmentation } from './models/flip-averaging';
export {
  copyPretrainedWeights,
  freezeAllButHead,
  type CopyPretrainedWeightsOptions,
} from './models/pretrained-weights';
export { ResizeBilinear, type ResizeBilinearConfig } from './models/layers/resize-bilinear';
