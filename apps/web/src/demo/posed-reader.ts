// The posed-expression SVM (registry task fer-posed, trained on CK+'s acted faces) in the browser: a
// second reading of each face beside the FER network's, as the portal gives. It runs the shipped
// svm.json on the same features it was trained on: HOG, LBP, face-api's 68 landmarks of the crop and
// the activations of the feature CNN that file names; each face cut at CK+48's framing by its eyes.
import * as tf from '@tensorflow/tfjs';
import { SvmExpressionClassifier } from '@visioncad/fer/classical/svm-expression-classifier';
import type { SvmExpressionModelJson } from '@visioncad/fer/classical/svm-expression-model';
import { cropFace, type FaceRegion } from '@visioncad/fer/face/face-alignment';
import type { DetectorEyes } from '@visioncad/fer/face/detector-eyes';
import type { RasterImage } from '@visioncad/vision-core/image';
import type { DemoPosedModelInfo } from './demo-model-info';
import { fetchJson } from './fetch-json';
import { faceApiCropLandmarks, loadFaceApiNets } from './face-detection';

/** One face's posed-expression reading. */
export interface PosedReading {
  /** The SVM's one-vs-one vote (as the model was measured). */
  label: string;
  /** Platt probabilities in the model's label order (their top can differ from the vote). */
  probabilities: number[];
}

/** A loaded posed-expression model. */
export interface PosedReader {
  info: DemoPosedModelInfo;
  /**
   * Reads each face of a frame (gray, or colour turned gray by the cut): cut by its landmarks' eyes,
   * or where `boxEyes` puts the eyes in its detector box when it has no landmarks.
   */
  read(gray: RasterImage, faces: readonly FaceRegion[], boxEyes: DetectorEyes): Promise<PosedReading[]>;
}

/** Downloads the SVM, its feature CNN and face-api's landmark net (once per page). */
export async function loadPosedReader(info: DemoPosedModelInfo): Promise<PosedReader> {
  const [json, cnn] = await Promise.all([
    fetchJson(info.svmUrl, `${info.model}/svm.json`) as Promise<SvmExpressionModelJson>,
    info.cnnUrl ? tf.loadLayersModel(info.cnnUrl) : Promise.resolve(undefined),
    loadFaceApiNets(),
  ]);
  const classifier = await SvmExpressionClassifier.create(json, {
    cnn,
    landmarks: faceApiCropLandmarks,
    where: `${info.model}/svm.json`,
  });
  const size = classifier.faceSize;
  return {
    info,
    async read(gray, faces, boxEyes) {
      const crops = faces.map((face) =>
        cropFace(gray, face, {
          size,
          ...(classifier.framing ? { eyes: classifier.framing, boxEyes } : {}),
        }),
      );
      const results = await classifier.classify(crops);
      return results.map((result) => ({ label: result.label, probabilities: result.probabilities }));
    },
  };
}
