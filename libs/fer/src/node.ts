// Node-only entry of @visioncad/fer: dataset loaders (fs, csv-parse, sharp), video frames (ffmpeg)
// and face-api.js model loading from disk. Browser code imports '@visioncad/fer' instead.
export { readFer2013Csv, loadFer2013Csv, type Fer2013ReadOptions } from './node/fer2013-csv';
export { listFer2013Folder, loadFer2013Folder } from './node/fer2013-folder';
export { listCkplus48, loadCkplus48, type CkplusFrame } from './node/ckplus48';
export { listJaffe, loadJaffe, type JaffeImage } from './node/jaffe';
export {
  listEmotionFolder,
  loadEmotionFolder,
  type EmotionFolderFace,
  type EmotionFolderFile,
} from './node/emotion-folder';
export { listPhotos, readPhotos, type Photo } from './node/photo-folder';
export { readVideoFrames, type VideoFrame, type VideoFrameOptions } from './node/video-frames';
export { decodeGrayImage, decodeGrayImages, type DecodeGrayOptions } from './node/decode-gray-images';
export { faceApiModelDir, loadFaceApiNode, type FaceApiNet } from './node/face-api';
export { FER_SVM_FILE, readSvmExpressionModelFile } from './node/svm-expression-file';
