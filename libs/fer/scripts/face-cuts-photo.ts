// How one FER model reads each face of a photo under three cuts: by the eyes of face-api's
// landmarks at the model's training framing (the portal), by the eyes the tiny detector's box holds
// on average at that framing (a face without landmarks), and by the box with a 15% margin.
//   npx tsx libs/fer/scripts/face-cuts-photo.ts --photo node_modules/@vladmandic/face-api/demo/sample1.jpg
//     --model models/fer-seed000-e54-trainval-flip [--input-size 416]
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

import { decodeImageFile } from '@visioncad/vision-core/image-node';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import { TINY_FACE_DETECTOR_EYES_320, TINY_FACE_DETECTOR_EYES_416 } from '../src/face/detector-eyes';
import { cropFace } from '../src/face/face-alignment';
import { createFaceApiDetector } from '../src/face/face-api-detector';
import { loadFaceApiNode } from '../src/node/face-api';

const { values } = parseArgs({
  options: {
    photo: { type: 'string' },
    model: { type: 'string' },
    'input-size': { type: 'string', default: '416' },
  },
});
if (!values.photo || !values.model)
  throw new Error('--photo <image> and --model <FER model dir> are required');
const inputSize = Number(values['input-size']);
const boxEyes = { 416: TINY_FACE_DETECTOR_EYES_416, 320: TINY_FACE_DETECTOR_EYES_320 }[inputSize];
if (!boxEyes)
  throw new Error(`--input-size ${values['input-size']}: the box's eyes are measured at 416 and 320`);

await tf.ready();
const photo = await decodeImageFile(values.photo);
const card = await readModelCard(values.model);
const eyes = card.input.faceFraming;
if (!eyes)
  throw new Error(`${values.model}/card.json records no input.faceFraming: run trainer fer-framing first`);
const model = await loadModel(values.model);
const size = card.input.width;
const faceapi = await loadFaceApiNode(['tinyFaceDetector', 'faceLandmark68Net']);
const faces = await createFaceApiDetector(faceapi, { detector: 'tiny', inputSize, landmarks: true }).detect(
  photo,
);

const read = (crop: { data: Uint8Array }) =>
  tf.tidy(() => {
    const x = tf.tensor4d(
      Float32Array.from(crop.data, (v) => v / 255),
      [1, size, size, 1],
    );
    const p = Array.from((model.predict(x) as tf.Tensor).dataSync());
    const top = p.indexOf(Math.max(...p));
    return `${card.labels[top]} ${(100 * p[top]).toFixed(1)}%`;
  });
const rows = faces
  .sort((a, b) => a.box.x - b.box.x)
  .map((face) => ({
    box: Object.fromEntries(Object.entries(face.box).map(([k, v]) => [k, Math.round(v)])),
    landmarks: face.landmarks ? read(cropFace(photo, face, { size, eyes })) : null,
    boxEyes: read(cropFace(photo, { box: face.box }, { size, eyes, boxEyes })),
    paddedBox: read(cropFace(photo, { box: face.box }, { size, margin: 0.15 })),
  }));
console.log(JSON.stringify({ photo: values.photo, model: card.name, inputSize, faces: rows }, null, 2));
process.exit(0);
