// Scores a FER model on labelled faces: batched prediction, then a classification report over the
// classes both the model and the dataset know.
import * as tf from '@tensorflow/tfjs';
import type { Emotion } from '@visioncad/fer';
import { classificationReport, type ClassificationReport } from '@visioncad/vision-core/metrics';
import type { FerFace } from './fer-datasets';
import { ferLabelIndex } from './fer-labels';

/**
 * Packs faces into a [n, h, w, c] batch scaled to [0, 1], as the training pipeline feeds them (c is
 * 1, or the frames of a sequence face).
 */
export function facesToBatch(faces: readonly FerFace[]): tf.Tensor4D {
  const { width, height, channels } = faces[0].image;
  const size = width * height * channels;
  const data = new Float32Array(faces.length * size);
  faces.forEach((f, i) => {
    if (f.image.data.length !== size) {
      throw new Error(
        `${f.source} is ${f.image.width}x${f.image.height}x${f.image.channels}, not ${width}x${height}x${channels}`,
      );
    }
    for (let p = 0; p < size; p++) data[i * size + p] = f.image.data[p] / 255;
  });
  return tf.tensor4d(data, [faces.length, height, width, channels]);
}

/** Softmax outputs of the model for every face, in order. */
export async function predictFaces(
  model: tf.LayersModel,
  faces: readonly FerFace[],
  batchSize = 256,
): Promise<number[][]> {
  const rows: number[][] = [];
  for (let start = 0; start < faces.length; start += batchSize) {
    const x = facesToBatch(faces.slice(start, start + batchSize));
    const y = model.predict(x) as tf.Tensor2D;
    rows.push(...((await y.array()) as number[][]));
    tf.dispose([x, y]);
  }
  return rows;
}

/** How many frames a FER network takes per face: its input channels (1, or a sequence's frames). */
export function inputFrames(model: tf.LayersModel): number {
  return model.inputs[0].shape[3] ?? 1;
}

/** A report plus what was left out of it. */
export interface FerScore {
  report: ClassificationReport;
  /** Faces whose emotion the model cannot output (e.g. contempt for a FER2013 model). */
  skipped: number;
  /** Scored faces' class indices into `report.labels`, and their renormalised probabilities. */
  yTrue: number[];
  probabilities: number[][];
}

/**
 * Scores predictions against the faces' emotions. Only classes the model outputs and the dataset
 * can contain are scored: faces of other emotions are skipped, and each probability row is
 * renormalised over the scored classes so a JAFFE or CK+ image is never "wrong" for picking a class
 * that dataset does not have.
 */
export function scoreFer(
  modelLabels: readonly string[],
  datasetClasses: readonly Emotion[],
  faces: readonly FerFace[],
  probabilities: readonly (readonly number[])[],
): FerScore {
  const scored = [
    ...new Set(datasetClasses.map((c) => ferLabelIndex(modelLabels, c)).filter((i) => i >= 0)),
  ].sort((a, b) => a - b);
  if (scored.length < 2) {
    throw new Error(
      `the model's labels (${modelLabels.join(', ')}) share fewer than two classes with the dataset (${datasetClasses.join(', ')})`,
    );
  }
  const yTrue: number[] = [];
  const rows: number[][] = [];
  faces.forEach((face, i) => {
    const column = scored.indexOf(ferLabelIndex(modelLabels, face.emotion));
    if (column < 0) return;
    const kept = scored.map((j) => probabilities[i][j]);
    const total = kept.reduce((a, b) => a + b, 0);
    yTrue.push(column);
    rows.push(kept.map((p) => (total > 0 ? p / total : 1 / kept.length)));
  });
  if (yTrue.length === 0) throw new Error('no face has an emotion the model can output');
  return {
    report: classificationReport(
      yTrue,
      rows,
      scored.map((j) => modelLabels[j]),
    ),
    skipped: faces.length - yTrue.length,
    yTrue,
    probabilities: rows,
  };
}

/** Headline figures of one FER2013 partition. */
export interface PartitionScore {
  n: number;
  accuracy: number;
  balancedAccuracy: number;
  macroF1: number;
}

/**
 * The same scoring per FER2013 partition of the scored faces (PublicTest and PrivateTest apart, as
 * the literature reports them); undefined for data without partitions (CK+, JAFFE, folders).
 */
export function partitionScores(
  modelLabels: readonly string[],
  datasetClasses: readonly Emotion[],
  faces: readonly FerFace[],
  probabilities: readonly (readonly number[])[],
): Record<string, PartitionScore> | undefined {
  const usages = [...new Set(faces.flatMap((f) => (f.usage ? [f.usage] : [])))];
  if (usages.length === 0) return undefined;
  return Object.fromEntries(
    usages.map((usage) => {
      const idx = faces.flatMap((f, i) => (f.usage === usage ? [i] : []));
      const { report } = scoreFer(
        modelLabels,
        datasetClasses,
        idx.map((i) => faces[i]),
        idx.map((i) => probabilities[i]),
      );
      const { n, accuracy, balancedAccuracy, macroF1 } = report;
      return [usage, { n, accuracy, balancedAccuracy, macroF1 }];
    }),
  );
}
