// Scores a lesion classifier on held-out images: the classification report, melanoma vs rest
// (sensitivity, specificity, AUC), calibration (ECE) and the confusion/ROC/reliability plots.
import type * as tf from '@tensorflow/tfjs';
import {
  applyTemperature,
  classificationReport,
  expectedCalibrationError,
  reliabilityDiagram,
  rocAuc,
  rocOneVsRest,
  sensitivitySpecificity,
} from '@visioncad/vision-core/metrics';
import { confusionMatrixSvg, reliabilityDiagramSvg, rocCurvesSvg } from '@visioncad/vision-core/plots';
import { writeSvgPng } from '@visioncad/vision-core/plots-node';
import type { DecodeImage } from '@visioncad/vision-core/data';
import { readClassifierCalibration } from '@visioncad/dermoscopy/models/load-models.node';

import { decisionRuleMetrics } from './decision-rule';

/** A labelled image to classify. */
export interface LabelledImage {
  path: string;
  label: number;
}

/** `images` decoded and scaled to [0, 1], batch by batch: the pixels of [size, h, w, c] network inputs. */
export async function* unitBatches(
  images: readonly LabelledImage[],
  decode: DecodeImage,
  [h, w, c]: readonly number[],
  batchSize = 32,
): AsyncGenerator<{ x: Float32Array; size: number }> {
  for (let start = 0; start < images.length; start += batchSize) {
    const part = images.slice(start, start + batchSize);
    const x = new Float32Array(part.length * h * w * c);
    for (let i = 0; i < part.length; i++) {
      const img = await decode(part[i].path);
      for (let j = 0; j < h * w * c; j++) x[i * h * w * c + j] = img.data[j] / 255;
    }
    yield { x, size: part.length };
  }
}

/** Log-probabilities of one input batch; models end in softmax, so these are logits up to a per-row constant. */
export function batchLogProbabilities(
  tfjs: typeof tf,
  model: tf.LayersModel,
  batch: tf.Tensor4D,
): number[][] {
  return tfjs.tidy(() => {
    const out = model.predict(batch) as tf.Tensor;
    return out.clipByValue(1e-7, 1).log().arraySync() as number[][];
  });
}

/** Log-probabilities of the model for every image, batched (see batchLogProbabilities). */
export async function predictLogProbabilities(
  tfjs: typeof tf,
  model: tf.LayersModel,
  images: readonly LabelledImage[],
  decode: DecodeImage,
  batchSize = 32,
): Promise<number[][]> {
  const [, h, w, c] = model.inputs[0].shape as number[];
  const rows: number[][] = [];
  for await (const { x, size } of unitBatches(images, decode, [h, w, c], batchSize)) {
    const batch = tfjs.tensor4d(x, [size, h, w, c]);
    rows.push(...batchLogProbabilities(tfjs, model, batch));
    batch.dispose();
  }
  return rows;
}

/** The metrics JSON `trainer evaluate` writes for a lesion classifier. */
export function classificationMetrics(
  logProbs: number[][],
  yTrue: number[],
  labels: readonly string[],
  temperature: number,
  positiveLabel: string,
) {
  const probs = applyTemperature(logProbs, temperature);
  const report = classificationReport(yTrue, probs, labels);
  const positive = labels.indexOf(positiveLabel);
  const yPred = probs.map((row) => row.indexOf(Math.max(...row)));
  const { sensitivity, specificity } = sensitivitySpecificity(yTrue, yPred, positive);
  const auc = rocAuc(
    yTrue.map((y) => (y === positive ? 1 : 0)),
    probs.map((row) => row[positive]),
  );
  const ece = expectedCalibrationError(yTrue, probs);
  const uncalibratedEce = expectedCalibrationError(yTrue, applyTemperature(logProbs, 1));
  return {
    ...report,
    positiveClass: positiveLabel,
    sensitivity,
    specificity,
    auc,
    ece,
    uncalibratedEce,
    temperature,
    probs,
  };
}

/** Writes confusion matrix (counts and normalized), ROC and reliability PNGs next to `stem`. */
export async function writeClassificationPlots(
  stem: string,
  labels: readonly string[],
  yTrue: number[],
  probs: number[][],
  confusion: number[][],
  ece: number,
): Promise<string[]> {
  const roc = rocOneVsRest(yTrue, probs, labels.length);
  const files = {
    [`${stem}-confusion.png`]: confusionMatrixSvg(confusion, labels, { title: 'Confusion matrix (counts)' }),
    [`${stem}-confusion-normalized.png`]: confusionMatrixSvg(confusion, labels, {
      normalized: true,
      title: 'Confusion matrix (row-normalized)',
    }),
    [`${stem}-roc.png`]: rocCurvesSvg(
      labels.map((label, k) => ({ label, curve: roc.curves[k], auc: roc.aucs[k] })),
    ),
    [`${stem}-reliability.png`]: reliabilityDiagramSvg(reliabilityDiagram(yTrue, probs), ece),
  };
  for (const [path, svg] of Object.entries(files)) await writeSvgPng(svg, path);
  return Object.keys(files);
}

/**
 * The balanced decision rule's scores on the same images when the model directory's calibration.json
 * has one (null otherwise), with its confusion matrices written beside `stem` (`-rule-confusion*.png`).
 */
export async function decisionRuleEvaluation(
  modelDir: string,
  labels: readonly string[],
  yTrue: number[],
  probs: number[][],
  stem: string,
  positiveLabel: string,
): Promise<Record<string, unknown> | null> {
  const { decisionRule } = await readClassifierCalibration(modelDir, labels);
  if (!decisionRule) return null;
  const metrics = decisionRuleMetrics(probs, yTrue, labels, decisionRule.offsets, positiveLabel);
  const files = {
    [`${stem}-rule-confusion.png`]: confusionMatrixSvg(metrics.confusionMatrix, labels, {
      title: 'Confusion matrix, balanced decision rule (counts)',
    }),
    [`${stem}-rule-confusion-normalized.png`]: confusionMatrixSvg(metrics.confusionMatrix, labels, {
      normalized: true,
      title: 'Confusion matrix, balanced decision rule (row-normalized)',
    }),
  };
  for (const [path, svg] of Object.entries(files)) await writeSvgPng(svg, path);
  return { ...metrics, fittedOn: decisionRule.fittedOn, plots: Object.keys(files) };
}

/**
 * At most `limit` items at an even stride: the HAM10000 test list is grouped by diagnosis, so a quick
 * `--limit` run still holds every class (melanoma included).
 */
export function evenStride<T>(items: T[], limit: number | undefined): T[] {
  if (!limit || limit >= items.length) return items;
  return Array.from({ length: limit }, (_, i) => items[Math.floor((i * items.length) / limit)]);
}
