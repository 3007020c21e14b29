// The FER stages after detection, shared by photos and the webcam: crop each face to the model's gray
// square (eye line levelled when landmarks are known) and classify all crops in one batch, each stage
// timed. Photos run detection first (runFerPipeline); the webcam gets its faces from detection or
// tracking (fer-video-pipeline.ts).
import { cropFace, type FaceRegion } from '@visioncad/fer/face/face-alignment';
import { TINY_FACE_DETECTOR_EYES_320 } from '@visioncad/fer/face/detector-eyes';
import type { FaceDetector } from '@visioncad/fer/face/face-pipeline';
import { toGrayscale, type RasterImage } from '@visioncad/vision-core/image';
import type { FerClassifier } from './fer-classifier';

/** A face found in the frame, with its emotion probabilities. */
export interface FaceEmotion {
  box: { x: number; y: number; width: number; height: number };
  /** The face's 68 landmarks when its detection (or the track following it) has them. */
  landmarks?: FaceRegion['landmarks'];
  score: number;
  probabilities: Float32Array;
  /** Index of the most probable emotion. */
  top: number;
  /** The track it belongs to (webcam), stable while the face is followed. */
  id?: number;
}

/** Milliseconds per stage of one frame. */
export interface FerStageTimes {
  detect: number;
  crop: number;
  classify: number;
}

export interface FerFrameResult {
  faces: FaceEmotion[];
  times: FerStageTimes;
  /** The detected faces behind `faces` (same order), landmarks included when found. */
  regions: ScoredFaceRegion[];
  /** The frame in gray, as the faces were cut from. */
  gray: RasterImage;
}

/** A face region to classify, with the detector's confidence and optionally its track id. */
export interface ScoredFaceRegion extends FaceRegion {
  score: number;
  id?: number;
}

/** Largest faces first (the usual subject), at most `maxFaces`. */
export function largestFaces<T extends FaceRegion>(faces: readonly T[], maxFaces: number): T[] {
  return [...faces]
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)
    .slice(0, maxFaces);
}

/** Crops and classifies the given faces of a gray frame; times the two stages. */
export function classifyFaces(
  gray: RasterImage,
  faces: readonly ScoredFaceRegion[],
  classifier: FerClassifier,
): { faces: FaceEmotion[]; crop: number; classify: number } {
  const t0 = performance.now();
  // A face is cut at the model's training framing by its eyes: the landmarks' in the aligned mode,
  // else those the tiny detector's box puts there on average at the webcam's input side 320, where
  // landmarks can be off (a box with a margin frames faces looser than the training crops).
  const eyes = classifier.framing ?? undefined;
  const crops = faces.map((face) =>
    cropFace(gray, face, { size: classifier.size, eyes, boxEyes: TINY_FACE_DETECTOR_EYES_320 }),
  );
  const t1 = performance.now();
  const probabilities = classifier.classify(crops);
  const t2 = performance.now();
  return {
    faces: faces.map((face, k) => ({
      box: face.box,
      landmarks: face.landmarks,
      score: face.score,
      probabilities: probabilities[k],
      top: argmax(probabilities[k]),
      id: face.id,
    })),
    crop: t1 - t0,
    classify: t2 - t1,
  };
}

/** Runs detection, cropping and classification on one RGB frame; the largest `maxFaces` faces are kept. */
export async function runFerPipeline(
  frame: RasterImage,
  detector: FaceDetector,
  classifier: FerClassifier,
  maxFaces = 8,
): Promise<FerFrameResult> {
  const t0 = performance.now();
  const detected = largestFaces(await detector.detect(frame), maxFaces);
  const t1 = performance.now();
  // cropFace converts colour input to gray on every call: convert the frame once for all faces.
  const gray = detected.length > 0 ? toGrayscale(frame) : frame;
  const grayMs = performance.now() - t1;
  const result = classifyFaces(gray, detected, classifier);
  return {
    faces: result.faces,
    times: { detect: t1 - t0, crop: grayMs + result.crop, classify: result.classify },
    regions: detected,
    gray,
  };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
