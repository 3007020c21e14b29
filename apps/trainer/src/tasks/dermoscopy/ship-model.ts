// Writes a trained dermoscopy model as a shipped artifact: quantized tfjs weights, card.json +
// card.md, fitted-on.json (what `evaluate` must never score it on), and (when asked) the
// models/registry.json default for its task.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { FittedOn, ModelCard } from '@visioncad/vision-core/models';
import { setDefaultModel, writeFittedOn, writeModelCard } from '@visioncad/vision-core/models-node';
import { saveModel } from '@visioncad/vision-core/training-node';

/** Bytes of the weight shards listed in a model.json. */
export async function weightBytes(dir: string): Promise<number> {
  const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string }> }>;
  };
  let total = 0;
  for (const group of manifest.weightsManifest) {
    for (const p of group.paths) total += (await readFile(join(dir, p))).byteLength;
  }
  return total;
}

/**
 * Saves `model` to `dir` with the card (weights field filled in) and the units it was fitted on,
 * and optionally registers it.
 */
export async function shipModel(
  model: tf.LayersModel,
  dir: string,
  card: Omit<ModelCard, 'weights'>,
  quantization: 'float16' | 'uint8',
  register: { note: string } | null,
  fittedOn: FittedOn,
): Promise<ModelCard> {
  await saveModel(model, dir, { quantization });
  const full: ModelCard = { ...card, weights: { quantization, bytes: await weightBytes(dir) } };
  await writeModelCard(dir, full);
  await writeFittedOn(dir, fittedOn);
  if (register) await setDefaultModel(dirname(dir), card.task, { model: basename(dir), note: register.note });
  return full;
}
