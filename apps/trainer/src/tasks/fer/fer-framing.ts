// `trainer train --task fer-framing`: measures where the eyes sit in a FER model's training crops
// (face-api's 68 landmarks on each crop; the mean eye midpoint and eye distance as fractions of the
// side) and records it in the model's card as `input.faceFraming` (a FER SVM's also in its
// svm.json). The portal and the demo then cut detected faces by the eyes at that framing instead of
// by the detector's box: a FER2013 network reads a face framed as FER2013 frames its faces. Nothing
// is retrained.
import { stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { cropLandmarks68, eyeFraming, type Point } from '@visioncad/fer';
import { FER_SVM_FILE, loadFaceApiNode, readSvmExpressionModelFile } from '@visioncad/fer/node';
import { shellWords, type FaceFraming } from '@visioncad/vision-core/models';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { loadFerDataset, parseFerFormat, type FerFace } from './fer-datasets';

export const FER_FRAMING_USAGE = `trainer train --task fer-framing [options]
  --model <dirs>          comma-separated FER model directories trained on the data (required); a
                          fer-svm directory also gets the framing in its svm.json
  --data <dir>            the dataset they trained on (required)
  --format <name>         its format (default fer2013-folder; FER2013: its Training faces are measured)
  --limit <n>             faces measured, evenly spaced over the training faces (default 2000)`;

/** How many training crops a framing is measured on by default. */
export const FRAMING_FACES = 2000;

/** Evenly spaced faces, at most `limit` of them: every ceil(n / limit)-th, from the first. */
export function evenlySpaced<T>(items: readonly T[], limit: number): { picked: T[]; stride: number } {
  const stride = Math.max(1, Math.ceil(items.length / limit));
  return { picked: items.filter((_, i) => i % stride === 0), stride };
}

/** face-api's 68 landmarks of every crop (CK+48 and FER2013 images are already face crops). */
export async function faceLandmarks(faces: readonly FerFace[]): Promise<Point[][]> {
  const faceapi = await loadFaceApiNode(['faceLandmark68Net']);
  const points = [];
  for (const f of faces) points.push(await cropLandmarks68(faceapi, f.image));
  return points;
}

/** The eye framing of the faces' crops, by face-api's landmark net on each crop. */
export async function measureFraming(faces: readonly FerFace[]): Promise<Omit<FaceFraming, 'measured'>> {
  const square = faces.find((f) => f.image.width !== f.image.height);
  if (square) {
    throw new Error(
      `${square.source} is ${square.image.width}x${square.image.height}: framing needs square crops`,
    );
  }
  const points = await faceLandmarks(faces);
  return eyeFraming(faces.map((f, i) => ({ side: f.image.width, landmarks: points[i] })));
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string', default: 'fer2013-folder' },
      limit: { type: 'string', default: String(FRAMING_FACES) },
    },
    strict: true,
  });
  if (!values.model)
    throw new Error('--model <dirs> is required: the FER models whose cards get the framing');
  if (!values.data) throw new Error('--data <dir> is required: the dataset the models trained on');
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`--limit "${values.limit}": give a positive integer`);
  const format = parseFerFormat(values.format!);
  const dirs = values.model.split(',').filter((d) => d.length > 0);
  const cards = await Promise.all(dirs.map((dir) => readModelCard(dir)));
  const dataset = await loadFerDataset(format, values.data, ['Training']);
  cards.forEach((card, i) => {
    if (card.data.dataset !== dataset.name) {
      throw new Error(`${dirs[i]} was trained on ${card.data.dataset}, and --data is ${dataset.name}`);
    }
    if (card.input.channels !== 1 || card.input.width !== card.input.height) {
      throw new Error(
        `${dirs[i]} takes ${card.input.width}x${card.input.height}x${card.input.channels}, not square gray faces`,
      );
    }
  });
  if (dataset.faces.length === 0) throw new Error(`${values.data}: no training faces`);
  const { picked, stride } = evenlySpaced(dataset.faces, limit);
  const framing = await measureFraming(picked);
  const measured =
    `npm run trainer -- train --task fer-framing ${shellWords(args)}: face-api's landmarks on ` +
    `${picked.length} ${dataset.name} training crops (${stride === 1 ? 'all of them' : `one face in ${stride}`})`;
  for (const [i, card] of cards.entries()) {
    // A FER SVM keeps its framing in svm.json too: that is what SvmExpressionClassifier reads.
    if (await exists(join(dirs[i], FER_SVM_FILE))) {
      const { json } = await readSvmExpressionModelFile(dirs[i]);
      await writeFile(
        join(dirs[i], FER_SVM_FILE),
        JSON.stringify({ ...json, framing: { ...framing } }) + '\n',
      );
    }
    await writeModelCard(dirs[i], {
      ...card,
      input: { ...card.input, faceFraming: { ...framing, measured } },
    });
  }
  console.log(
    JSON.stringify(
      { models: dirs.map((d) => basename(d)), faces: picked.length, framing: { ...framing } },
      null,
      2,
    ),
  );
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  throw new Error(
    `fer-framing is not a model task: evaluate the model itself (${request.modelDir}); its card records the framing`,
  );
}

export const ferFramingTask: TrainerTask = {
  name: 'fer-framing',
  description:
    "Records where the eyes sit in a FER model's training crops (card input.faceFraming), so served faces are cut the same way",
  formats: [],
  train,
  evaluate,
  usage: FER_FRAMING_USAGE,
};
