// Where face-api's tiny face detector puts the eyes in its boxes (TINY_FACE_DETECTOR_EYES in
// libs/fer/src/face/detector-eyes.ts): FER2013 Training faces, evenly spaced, are put back into a
// larger picture (face-picture.ts), the detector and face-api's landmark net find each face, and the
// eye midpoint (fractions of the box's width and height) and eye distance (fraction of its width)
// are averaged, at each detector input size given. CK+ is left out: face-crop-ckplus.ts scores the
// cut there.
//   npx tsx libs/fer/scripts/detector-eyes.ts --data ../shared/data/fer2013 [--limit 2000]
//     [--input-sizes 416,320] [--out libs/fer/reports/tiny-detector-eyes-fer2013.json]
import { parseArgs } from 'node:util';

import '@tensorflow/tfjs-backend-wasm';

import { meanAndSd } from '@visioncad/vision-core/metrics';

import { createFaceApiDetector } from '../src/face/face-api-detector';
import { eyeCentres } from '../src/face/landmarks-68';
import { loadFaceApiNode } from '../src/node/face-api';
import { loadFer2013Folder } from '../src/node/fer2013-folder';
import { facePicture } from './face-picture';
import { commandLine, writeReport } from './report-file';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    limit: { type: 'string', default: '2000' },
    'input-sizes': { type: 'string', default: '416,320' },
    out: { type: 'string' },
  },
});
if (!values.data) throw new Error('--data <FER2013 image-folder release> is required');
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1)
  throw new Error(`--limit "${values.limit}": give a positive integer`);
const inputSizes = values['input-sizes']!.split(',').map(Number);
if (inputSizes.some((s) => !Number.isInteger(s) || s % 32 !== 0)) {
  throw new Error(
    `--input-sizes "${values['input-sizes']}": multiples of 32, as face-api's tiny detector takes`,
  );
}

const training = await loadFer2013Folder(values.data, { usages: ['Training'] });
const stride = Math.max(1, Math.ceil(training.length / limit));
const faces = training.filter((_, i) => i % stride === 0);
const faceapi = await loadFaceApiNode(['tinyFaceDetector', 'faceLandmark68Net']);

const round = (v: number) => Math.round(v * 10000) / 10000;
const results = [];
for (const inputSize of inputSizes) {
  const detector = createFaceApiDetector(faceapi, { detector: 'tiny', inputSize, landmarks: true });
  const x: number[] = [];
  const y: number[] = [];
  const distance: number[] = [];
  const aspect: number[] = [];
  for (const face of faces) {
    const found = await detector.detect(facePicture(face.image));
    const best = found.sort((a, b) => b.score - a.score)[0];
    if (!best?.landmarks) continue;
    const { box } = best;
    const { imageLeft, imageRight } = eyeCentres(best.landmarks);
    x.push(((imageLeft.x + imageRight.x) / 2 - box.x) / box.width);
    y.push(((imageLeft.y + imageRight.y) / 2 - box.y) / box.height);
    distance.push(Math.hypot(imageRight.x - imageLeft.x, imageRight.y - imageLeft.y) / box.width);
    aspect.push(box.height / box.width);
  }
  const stat = (v: number[]) => {
    const [mean, sd] = meanAndSd(v);
    return { mean: round(mean), sd: round(sd) };
  };
  const row = {
    inputSize,
    facesFound: x.length,
    x: stat(x),
    y: stat(y),
    distance: stat(distance),
    boxHeightOverWidth: stat(aspect),
  };
  console.error(JSON.stringify(row));
  results.push(row);
}
const report = {
  command: commandLine(),
  data: `FER2013 Training, every ${stride}th face (${faces.length} of ${training.length})`,
  note: 'eye midpoint from the box top-left as fractions of box width (x) and height (y); eye distance as a fraction of box width',
  results,
};
if (values.out) await writeReport(values.out, report);
console.log(JSON.stringify(report, null, 2));
process.exit(0);
