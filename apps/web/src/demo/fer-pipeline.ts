// One pass of the webcam demo on a frame: detect faces, crop each to the model's gray square (eye
// line levelled), classify all crops in one batch; each stage timed.
import { cropFace } from '@visioncad/fer/face/face-alignment';
import type { FaceDetector } from '@visioncad/fer/face/face-pipeline';
import { toGrayscale, type RasterImage } from '@visioncad/vision-core/image';
import type { FerClassifier } from './fer-classifier';

/** A face found in the frame, with its emotion probabilities. */
export interface FaceEmotion {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  probabilities: Float32Array;
  /** Index of the most probable emotion. */
  top: number;
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
}

/** Runs detection, cropping and classification on one RGB frame; the largest `maxFaces` faces are kept. */
export async function runFerPipeline(
  frame: RasterImage,
  detector: FaceDetector,
  classifier: FerClassifier,
  maxFaces = 8,
): Promise<FerFrameResult> {
  const t0 = performance.now();
  const detected = (await detector.detect(frame))
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)
    .slice(0, maxFaces);
  const t1 = performance.now();
  // cropFace converts colour input to gray on every call: convert the frame once for all faces.
  const gray = detected.length > 0 ? toGrayscale(frame) : frame;
  const crops = detected.map((face) => cropFace(gray, face, { size: classifier.size }));
  const t2 = performance.now();
  const probabilities = classifier.classify(crops);
  const t3 = performance.now();
  return {
    faces: detected.map((face, k) => ({
      box: face.box,
      score: face.score,
      probabilities: probabilities[k],
      top: argmax(probabilities[k]),
    })),
    times: { detect: t1 - t0, crop: t2 - t1, classify: t3 - t2 },
  };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
