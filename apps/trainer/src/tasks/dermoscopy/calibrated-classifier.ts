// What the SVM, ensemble and transfer tasks share about a shipped lesion classifier: loading it with
// its validation-fitted temperature, its calibrated probabilities on a list of images, and its
// penultimate-layer (global-average-pooled) features.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { DecodeImage } from '@visioncad/vision-core/data';
import { applyTemperature } from '@visioncad/vision-core/metrics';
import type { ModelCard } from '@visioncad/vision-core/models';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import { predictLogProbabilities, unitBatches, type LabelledImage } from './classification-evaluation';

/** File beside model.json holding the softmax temperature fitted on the validation split. */
export const CALIBRATION_FILE = 'calibration.json';

/** The layer whose output is a classifier's deep feature vector: global average pooling. */
export const FEATURE_LAYER = 'gap';

/** A shipped classifier with its card and temperature. */
export interface CalibratedClassifier {
  dir: string;
  card: ModelCard;
  model: tf.LayersModel;
  temperature: number;
}

/** Reads `<dir>/calibration.json`, naming the file when the temperature is missing or invalid. */
export async function readTemperature(dir: string): Promise<number> {
  const path = join(dir, CALIBRATION_FILE);
  let parsed: { temperature?: unknown };
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as { temperature?: unknown };
  } catch (error) {
    throw new Error(`${path}: cannot read the calibration temperature (${(error as Error).message})`);
  }
  if (typeof parsed.temperature !== 'number' || !(parsed.temperature > 0)) {
    throw new Error(`${path}: "temperature" must be a positive number`);
  }
  return parsed.temperature;
}

/** Loads model.json + card.json + calibration.json from a shipped classifier directory. */
export async function loadCalibratedClassifier(dir: string): Promise<CalibratedClassifier> {
  const card = await readModelCard(dir);
  return { dir, card, model: await loadModel(dir), temperature: await readTemperature(dir) };
}

/** Temperature-scaled probabilities of `classifier` for every image. */
export async function calibratedProbabilities(
  classifier: CalibratedClassifier,
  images: readonly LabelledImage[],
  decode: DecodeImage,
): Promise<number[][]> {
  const logProbs = await predictLogProbabilities(tf, classifier.model, images, decode);
  return applyTemperature(logProbs, classifier.temperature);
}

/** Mean of several models' probability rows (same images, same label order). */
export function averageProbabilities(members: readonly number[][][]): number[][] {
  if (members.length === 0) throw new RangeError('an ensemble needs at least one member');
  const [first] = members;
  members.forEach((m, k) => {
    if (m.length !== first.length) {
      throw new RangeError(`ensemble member ${k} scored ${m.length} images, member 0 scored ${first.length}`);
    }
  });
  return first.map((row, i) =>
    row.map((_, c) => members.reduce((sum, m) => sum + m[i][c], 0) / members.length),
  );
}

/** The model from the input to `layer`'s output (a view sharing the weights). */
export function featureExtractor(model: tf.LayersModel, layer = FEATURE_LAYER): tf.LayersModel {
  const names = model.layers.map((l) => l.name);
  if (!names.includes(layer)) {
    throw new Error(
      `model ${model.name} has no layer "${layer}" to take features from; layers: ${names.join(', ')}`,
    );
  }
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
}

/** `layer`'s output (flattened) for every image, in batches. */
export async function deepFeatures(
  model: tf.LayersModel,
  images: readonly LabelledImage[],
  decode: DecodeImage,
  layer = FEATURE_LAYER,
  batchSize = 32,
): Promise<number[][]> {
  const extractor = featureExtractor(model, layer);
  const [, h, w, c] = model.inputs[0].shape as number[];
  const rows: number[][] = [];
  for await (const { x, size } of unitBatches(images, decode, [h, w, c], batchSize)) {
    const features = tf.tidy(() => {
      const out = extractor.predict(tf.tensor4d(x, [size, h, w, c])) as tf.Tensor;
      return out.reshape([size, -1]).arraySync() as number[][];
    });
    rows.push(...features);
  }
  return rows;
}
