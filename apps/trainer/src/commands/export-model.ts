// `trainer export`: copy a trained model into a browser-ready directory, optionally quantized.
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildFlipAveraging } from '@visioncad/fer';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { findNestedLayer, nestedModelNames, withoutMemberPrefix } from '@visioncad/vision-core/ensemble';
import type { ModelCard } from '@visioncad/vision-core/models';
import {
  readFittedOn,
  readModelCard,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';

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
  /**
   * Export only the network nested under this name (an ensemble's member, or the network inside a
   * test-time-views wrapper), e.g. to fine-tune or re-ensemble it on its own.
   */
  member?: string;
}

/** Re-saves the model with the chosen weight quantization and updates its card. */
export async function exportModel({
  modelDir,
  outDir,
  quantization,
  testTimeFlip,
  testTimeZoom,
  member,
}: ExportOptions): Promise<number> {
  if (testTimeZoom !== undefined && !testTimeFlip) throw new Error('--test-time-zoom needs --test-time-flip');
  const saved = await readModelCard(modelDir);
  const loaded = await loadModel(modelDir);
  const trained = member === undefined ? loaded : nestedMember(loaded, member, modelDir);
  const card = member === undefined ? saved : memberCard(saved, member, modelDir, outDir);
  const model: tf.LayersModel = testTimeFlip
    ? buildFlipAveraging(trained, undefined, { zoomMargin: testTimeZoom })
    : trained;
  await mkdir(outDir, { recursive: true });
  await saveModel(model, outDir, quantization === 'none' ? {} : { quantization });
  loaded.dispose();
  const bytes = await weightBytes(outDir);
  const architecture = testTimeFlip
    ? `${card.architecture}; horizontal-flip${testTimeZoom ? ` and ${testTimeZoom} px centre-zoom` : ''} test-time averaging`
    : card.architecture;
  await writeModelCard(outDir, { ...card, architecture, weights: { quantization, bytes } });
  // The exported model (or member) saw what the trained one saw: evaluate keeps scoring held-out data.
  const fittedOn = await readFittedOn(modelDir);
  if (fittedOn) await writeFittedOn(outDir, fittedOn);
  // metrics.json is optional: only models scored by `evaluate` into their own directory have one. A
  // flip-averaged export is a different predictor: its metrics must come from a new `evaluate`.
  if (!testTimeFlip && member === undefined)
    await copyFile(join(modelDir, 'metrics.json'), join(outDir, 'metrics.json')).catch(() => undefined);
  return bytes;
}

/** The model nested in `model` under `name`; the error lists the names there are. */
function nestedMember(model: tf.LayersModel, name: string, modelDir: string): tf.LayersModel {
  const found = findNestedLayer(model, name);
  if (!found || !(found.layer instanceof tf.LayersModel)) {
    const names = nestedModelNames(model);
    throw new Error(
      `${modelDir} has no nested network "${name}"; ${names.length ? `its nested networks: ${names.join(', ')}` : 'it holds no nested networks'}`,
    );
  }
  // An ensemble's member loses the m<i>_ prefix the ensemble gave its layers: it is the network again.
  return withoutMemberPrefix(found.layer);
}

/** A member's card: the whole model's, saying which network it is and how it was taken out. */
function memberCard(card: ModelCard, member: string, modelDir: string, outDir: string): ModelCard {
  return {
    ...card,
    name: basename(outDir),
    architecture: `network ${member} of ${card.name} (${card.architecture})`,
    command: `${card.command} && npm run trainer -- export --model ${modelDir} --member ${member} --out ${outDir}`,
    // Metrics of the whole model are not this network's: score it with `evaluate`.
    metrics: {},
  };
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
