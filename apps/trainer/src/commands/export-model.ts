// `trainer export`: copy a trained model into a browser-ready directory, optionally quantized.
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';

export interface ExportOptions {
  modelDir: string;
  outDir: string;
  quantization: 'none' | 'float16' | 'uint8';
}

/** Re-saves the model with the chosen weight quantization and updates its card. */
export async function exportModel({ modelDir, outDir, quantization }: ExportOptions): Promise<number> {
  const card = await readModelCard(modelDir);
  const model = await loadModel(modelDir);
  await mkdir(outDir, { recursive: true });
  await saveModel(model, outDir, quantization === 'none' ? {} : { quantization });
  model.dispose();
  const bytes = await weightBytes(outDir);
  await writeModelCard(outDir, { ...card, weights: { quantization, bytes } });
  // metrics.json is optional: only models scored by `evaluate` into their own directory have one.
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
