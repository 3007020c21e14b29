import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { SvmExpressionModelJson } from '../classical/svm-expression-model';

/** The saved FER SVM beside card.json in its model directory. */
export const FER_SVM_FILE = 'svm.json';

/**
 * Reads a FER SVM model directory: the SVM document and, when it uses CNN features, the directory
 * of that CNN (named relative to the SVM's own). Errors name the file.
 */
export async function readSvmExpressionModelFile(
  modelDir: string,
): Promise<{ json: SvmExpressionModelJson; cnnDir?: string }> {
  const path = join(modelDir, FER_SVM_FILE);
  let json: SvmExpressionModelJson;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as SvmExpressionModelJson;
  } catch (error) {
    throw new Error(`${path}: cannot read the SVM model (${(error as Error).message})`);
  }
  if (json?.format !== 'visioncad-fer-svm') {
    throw new Error(`${path}: "format" must be "visioncad-fer-svm", got ${JSON.stringify(json?.format)}`);
  }
  const cnn = json.features?.cnn;
  if (cnn && (typeof cnn.model !== 'string' || !Array.isArray(cnn.layers))) {
    throw new Error(`${path}: "features.cnn" needs "model" (a directory) and "layers" (layer names)`);
  }
  return { json, cnnDir: cnn ? join(modelDir, cnn.model) : undefined };
}
