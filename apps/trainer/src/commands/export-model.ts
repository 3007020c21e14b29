// `trainer export`: copy a trained model into a browser-ready directory, optionally quantized.
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { buildFlipAveraging } from '@visioncad/fer';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';

export interface ExportOptions {
  modelDir: string;
  outDir: string;
  quantization: 'none' | 'float16' | 'uint8';
  /**
   * Bake horizontal-flip test-time averaging into the saved graph (mean of the softmax on the image
   * and its mirror image): one model file, twice the inference cost. Only for image classifiers whose
   * classes do not depend on left and right (faces).
   */
  testTimeFlip?: boolean;
  /** With testTimeFlip: also average a centre zoom (this many pixels cropped off every side) and its mirror. */
  testTimeZoom?: number;
}

/** Re-saves the model with the chosen weight quantization and updates its card. */
export async function exportModel({
  modelDir,
  outDir,
  quantization,
  testTimeFlip,
  testTimeZoom,
}: ExportOptions): Promise<number> {
  if (testTimeZoom !== undefined && !testTimeFlip) throw new Error('--test-time-zoom needs --test-time-flip');
  const card = await readModelCard(modelDir);
  const trained = await loadModel(modelDir);
  const model: tf.LayersModel = testTimeFlip
    ? buildFlipAveraging(trained, undefined, { zoomMargin: testTimeZoom })
    : trained;
  await mkdir(outDir, { recursive: true });
  await saveModel(model, outDir, quantization === 'none' ? {} : { quantization });
  trained.dispose();
  const bytes = await weightBytes(outDir);
  const architecture = testTimeFlip
    ? `${card.architecture}; horizontal-flip${testTimeZoom ? ` and ${testTimeZoom} px centre-zoom` : ''} test-time averaging`
    : card.architecture;
  await writeModelCard(outDir, { ...card, architecture, weights: { quantization, bytes } });
  // metrics.json is optional: only models scored by `evaluate` into their own directory have one. A
  // flip-averaged export is a different predictor: its metrics must come from a new `evaluate`.
  if (!testTimeFlip)
    await copyFile(join(modelDir, 'metrics.json'), join(outDir, 'metrics.json')).catch(() => undefined);
  return bytes;
}

async function weightBytes(dir: string): Promise<number> {
  const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
  };
  let total = 0;
  for (const group of manifest.weightsManifest) {
    for (const p of group.paths) total += (await stat(join(dir, p))).size;
  }
  return total;
}
