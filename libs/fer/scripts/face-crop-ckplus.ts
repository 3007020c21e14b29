// How the way a detected face is cut changes a FER model's reading. CK+48 frames (posed faces a
// FER2013 network never saw) are put back into a larger picture (scaled x4 into a mid-gray 320 px
// canvas); face-api's tiny detector and landmark net find each face as the portal does, and the face
// is cut (a) by the detector box with a 15% margin (the portal's crop before session 18), (b) by the
// eyes at the model's training framing (card input.faceFraming, or svm.json "framing"), (c) by the
// eyes the detector box alone puts there (TINY_FACE_DETECTOR_EYES_416, measured on FER2013 by
// detector-eyes.ts; a face found without landmarks), at that framing, and (d) the frame's own CK+48
// crop, for reference. Accuracy over the frames where a face was found, on the
// emotions the model knows.
//   npx tsx libs/fer/scripts/face-crop-ckplus.ts --data ../shared/data/ckplus48/CK+48
//     --model <tfjs FER model dir>[,<dir>...] [--svm <fer-svm model dir>] [--out <report.json>]
// A --svm model was trained on CK+48 itself: its figures measure how well each crop reproduces its
// training crops (agreement with the labels of its own training frames), not its accuracy.
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

import { resizeBilinear, type RasterImage } from '@visioncad/vision-core/image';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import { SvmExpressionClassifier } from '../src/classical/svm-expression-classifier';
import { cropFace, type EyeFraming } from '../src/face/face-alignment';
import { TINY_FACE_DETECTOR_EYES_416 } from '../src/face/detector-eyes';
import { createFaceApiDetector, cropLandmarks68 } from '../src/face/face-api-detector';
import { extractFaces, type FaceCrop } from '../src/face/face-pipeline';
import { loadCkplus48, type CkplusFrame } from '../src/node/ckplus48';
import { loadFaceApiNode } from '../src/node/face-api';
import { readSvmExpressionModelFile } from '../src/node/svm-expression-file';
import { facePicture } from './face-picture';
import { commandLine, writeReport } from './report-file';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    model: { type: 'string' },
    svm: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!values.data) throw new Error('--data <CK+48 folder> is required');
if (!values.model && !values.svm)
  throw new Error('give --model <tfjs FER model dirs> and/or --svm <fer-svm dir>');

const frames = await loadCkplus48(values.data);
const faceapi = await loadFaceApiNode(['tinyFaceDetector', 'faceLandmark68Net']);
const detector = createFaceApiDetector(faceapi, { detector: 'tiny', landmarks: true });
const found: { frame: CkplusFrame; image: RasterImage; face: FaceCrop }[] = [];
for (const frame of frames) {
  const image = facePicture(frame.image);
  const [face] = await extractFaces(image, detector, { size: 48, maxFaces: 1 });
  if (face?.landmarks) found.push({ frame, image, face });
}
console.error(`face-crop-ckplus: a face with landmarks in ${found.length} of ${frames.length} pictures`);

/** The three cuts of every found face for a model of input side `size` and training framing `eyes`. */
function cuts(size: number, eyes: EyeFraming | undefined) {
  return {
    'detector box, 15% margin': found.map(({ image, face }) => cropFace(image, face, { size, margin: 0.15 })),
    ...(eyes
      ? {
          'eyes at the training framing': found.map(({ image, face }) =>
            cropFace(image, face, { size, eyes }),
          ),
          // As the demo cuts a face found without landmarks: its eyes estimated from the box.
          'detector box, eyes estimated from it, at the training framing': found.map(({ image, face }) =>
            cropFace(image, { box: face.box }, { size, eyes, boxEyes: TINY_FACE_DETECTOR_EYES_416 }),
          ),
        }
      : {}),
    'CK+48 crop (reference)': found.map(({ frame }) =>
      frame.image.width === size ? frame.image : resizeBilinear(frame.image, size, size),
    ),
  };
}

/** Accuracy of predicted labels over the found frames whose emotion the model knows. */
function score(predicted: readonly string[], labels: readonly string[]) {
  const known = found.flatMap((f, i) => (labels.includes(f.frame.emotion) ? [i] : []));
  const correct = known.filter((i) => predicted[i] === found[i].frame.emotion).length;
  return { accuracy: correct / known.length, correct, n: known.length };
}

const results: Record<string, unknown>[] = [];
for (const dir of values.model?.split(',').filter((d) => d.length > 0) ?? []) {
  const card = await readModelCard(dir);
  const model = await loadModel(dir);
  const size = card.input.width;
  const byCut: Record<string, unknown> = {};
  for (const [cut, crops] of Object.entries(cuts(size, card.input.faceFraming))) {
    const predicted: string[] = [];
    for (let s = 0; s < crops.length; s += 128) {
      const batch = crops.slice(s, s + 128);
      const top = tf.tidy(() => {
        const x = tf.stack(
          batch.map((c) =>
            tf.tensor3d(
              Float32Array.from(c.data, (v) => v / 255),
              [size, size, 1],
            ),
          ),
        );
        return (model.predict(x) as tf.Tensor).argMax(1).arraySync() as number[];
      });
      predicted.push(...top.map((k) => card.labels[k]));
    }
    byCut[cut] = score(predicted, card.labels);
    console.error(`${card.name}: ${cut}: ${JSON.stringify(byCut[cut])}`);
  }
  results.push({ model: card.name, framing: card.input.faceFraming ?? null, cuts: byCut });
  model.dispose();
}
if (values.svm) {
  const { json, cnnDir } = await readSvmExpressionModelFile(values.svm);
  const cnn = cnnDir ? await loadModel(cnnDir) : undefined;
  const svm = await SvmExpressionClassifier.create(json, {
    cnn,
    landmarks: (crop) => cropLandmarks68(faceapi, crop),
    where: values.svm,
  });
  const byCut: Record<string, unknown> = {};
  for (const [cut, crops] of Object.entries(cuts(svm.faceSize, svm.framing))) {
    const predicted = (await svm.classify(crops)).map((r) => r.label);
    byCut[cut] = score(predicted, svm.classes);
    console.error(`${values.svm} (its own training frames): ${cut}: ${JSON.stringify(byCut[cut])}`);
  }
  results.push({ svm: values.svm, trainedOnTheseFrames: true, framing: svm.framing ?? null, cuts: byCut });
}
const report = { command: commandLine(), pictures: frames.length, facesFound: found.length, results };
if (values.out) await writeReport(values.out, report);
console.log(JSON.stringify(report, null, 2));
