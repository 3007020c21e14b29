// The face analysis of one image: face-api.js finds the faces and their 68 landmarks, each face is
// cut out as the FER model's input (eye line levelled, framed by the eyes as its training crops
// were, gray, model size; @visioncad/fer's extractFaces) and the production FER model gives its
// emotion probabilities; a registered posed-expression model (fer-posed) reads each face a second
// time, cut as its training faces were.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createFaceApiDetector } from '@visioncad/fer/face/face-api-detector';
import type { SvmExpressionClassifier } from '@visioncad/fer/classical/svm-expression-classifier';
import { cropFace } from '@visioncad/fer/face/face-alignment';
import { TINY_FACE_DETECTOR_EYES_416 } from '@visioncad/fer/face/detector-eyes';
import { extractFaces, type FaceCrop } from '@visioncad/fer/face/face-pipeline';
import type { RasterImage } from '@visioncad/vision-core/image';
import type { AnalysisInput } from './analysis-input';
import { faceApiPackageDir, type FerClassifier, type LoadedFace } from './analysis-models';
import type { AnalysisRequest, AnalysisTimings, FaceOutput, FaceOutputs, ModelRef } from './analysis-outputs';

/** At most this many faces are classified per image, largest first. */
export const MAX_FACES = 20;

/** Outputs and stage timings. */
export interface FaceRun {
  outputs: FaceOutputs;
  timings: AnalysisTimings;
}

let detectorRef: ModelRef | undefined;
/** face-api's detector as analyses name it, with the npm package version its weights came from. */
export function faceDetectorRef(): ModelRef {
  if (!detectorRef) {
    const manifest = path.join(faceApiPackageDir(), 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    detectorRef = { name: 'face-api tinyFaceDetector + faceLandmark68Net', version };
  }
  return detectorRef;
}

/** Softmax rows of the FER model for gray crops of its input size, scaled to 0..1 as in training. */
export function classifyFaces(classifier: FerClassifier, crops: readonly RasterImage[]): number[][] {
  if (crops.length === 0) return [];
  const { size } = classifier;
  const batch = new Float32Array(crops.length * size * size);
  crops.forEach((crop, k) => {
    if (crop.width !== size || crop.height !== size || crop.channels !== 1) {
      throw new RangeError(
        `face crop ${k} is ${crop.width}x${crop.height}x${crop.channels}, expected ${size}x${size}x1`,
      );
    }
    for (let i = 0; i < crop.data.length; i++) batch[k * size * size + i] = crop.data[i] / 255;
  });
  return tf.tidy(
    () =>
      (
        classifier.model.predict(tf.tensor4d(batch, [crops.length, size, size, 1])) as tf.Tensor
      ).arraySync() as number[][],
  );
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * The face cut as the posed-expression model's training crops were: by the eyes, at their framing
 * (CK+48's is tighter than the FER2013-style crop the FER network reads): the landmarks' eyes, or
 * those the detector's box puts there on average when the landmark net found none.
 */
export function posedCrop(image: RasterImage, face: FaceCrop, model: SvmExpressionClassifier): RasterImage {
  const size = model.faceSize;
  if (model.framing) {
    return cropFace(image, face, { size, eyes: model.framing, boxEyes: TINY_FACE_DETECTOR_EYES_416 });
  }
  return face.face.width === size ? face.face : cropFace(image, face, { size });
}

/** Runs detection, cropping and classification; boxes come back in the upload's pixels. */
export async function runFace(
  input: AnalysisInput,
  loaded: LoadedFace,
  request: AnalysisRequest,
): Promise<FaceRun> {
  const { image, scale } = input;
  const { classifier } = loaded;
  const t0 = performance.now();
  const detector = createFaceApiDetector(loaded.faceapi, { detector: 'tiny', landmarks: true });
  // Cut by the eyes at the framing of the network's training crops when its card records one (a
  // detector box with a fixed margin frames faces looser than FER2013 does), else by the box.
  const faces = await extractFaces(image, detector, {
    size: classifier.size,
    maxFaces: MAX_FACES,
    ...(classifier.framing ? { eyes: classifier.framing, boxEyes: TINY_FACE_DETECTOR_EYES_416 } : {}),
  });
  const t1 = performance.now();
  const rows = classifyFaces(
    classifier,
    faces.map((face) => face.face),
  );
  const t2 = performance.now();
  const posed = loaded.posed
    ? await loaded.posed.classifier.classify(
        faces.map((face) => posedCrop(image, face, loaded.posed!.classifier)),
      )
    : null;
  const t3 = performance.now();
  const outputs: FaceOutput[] = faces.map((face, k) => {
    const probabilities = classifier.labels.map((label, i) => ({ label, probability: round(rows[k][i], 4) }));
    const top = rows[k].indexOf(Math.max(...rows[k]));
    return {
      box: {
        x: round(face.box.x / scale, 1),
        y: round(face.box.y / scale, 1),
        width: round(face.box.width / scale, 1),
        height: round(face.box.height / scale, 1),
      },
      score: round(face.score, 3),
      probabilities,
      ...(face.landmarks
        ? { landmarks: face.landmarks.map((p) => ({ x: round(p.x / scale, 1), y: round(p.y / scale, 1) })) }
        : {}),
      topLabel: classifier.labels[top],
      ...(posed && loaded.posed
        ? {
            posed: {
              probabilities: loaded.posed.classifier.classes.map((label, i) => ({
                label,
                probability: round(posed[k].probabilities[i], 4),
              })),
              topLabel: posed[k].label,
            },
          }
        : {}),
    };
  });
  return {
    outputs: {
      kind: 'FACE',
      request,
      models: {
        detector: faceDetectorRef(),
        classifier: { name: loaded.card.name, version: loaded.card.version },
        ...(loaded.posed
          ? { posed: { name: loaded.posed.card.name, version: loaded.posed.card.version } }
          : {}),
      },
      analysedSize: { width: image.width, height: image.height },
      faces: outputs,
    },
    timings: {
      detection: round(t1 - t0, 1),
      classification: round(t2 - t1, 1),
      ...(posed ? { posedExpression: round(t3 - t2, 1) } : {}),
    },
  };
}
