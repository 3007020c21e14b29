import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { FER_SVM_FILE, readSvmExpressionModelFile } from '@visioncad/fer/node/svm-expression-file';
import {
  parseModelCard,
  parseModelRegistry,
  type ModelRegistry,
  type ModelRegistryEntry,
} from '@visioncad/vision-core/models';

// models/registry.json (written by the trainer, parsed by vision-core) names the default model
// directory per task: {"tasks": {"fer": {"model": "fer-cnn-v1"}}}. Each model directory holds a
// TF.js LayersModel (model.json plus the weight files its weightsManifest lists) and card.json; a FER
// SVM directory holds svm.json instead, with the feature CNN it names in a sibling directory.

/** The registry as read from disk: missing, unusable (with the reason), or parsed. */
export type RegistryRead =
  | { status: 'absent'; file: string }
  | { status: 'invalid'; file: string; error: string }
  | { status: 'ok'; file: string; registry: ModelRegistry };

/** What the registry promises for one task and whether the files are there to keep the promise. */
export interface ModelArtifactCheck {
  task: string;
  /** The model directory under the models folder. */
  model: string;
  note?: string;
  /** name, version and architecture from card.json, or null when the card is missing or invalid. */
  card: { name: string; version: string; architecture: string } | null;
  cardError?: string;
  /** A FER SVM's svm.json (its model.json and weights are then those of the feature CNN it names). */
  svmJson?: { path: string; exists: boolean };
  /** null for an SVM without CNN features. */
  modelJson: { path: string; exists: boolean } | null;
  weights: { path: string; exists: boolean }[];
  /** model.json and every weight file it lists exist (and for an SVM, svm.json is readable). */
  ok: boolean;
  error?: string;
}

/** Reads and validates the registry file; a missing file is 'absent', not an error. Results and
 * errors name the file as `shownAs` (so callers can keep absolute paths out of responses). */
export async function readModelRegistry(file: string, shownAs = file): Promise<RegistryRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'absent', file: shownAs };
    return { status: 'invalid', file: shownAs, error: `cannot read ${shownAs} (${code ?? 'unknown error'})` };
  }
  try {
    return { status: 'ok', file: shownAs, registry: parseModelRegistry(JSON.parse(text), shownAs) };
  } catch (error) {
    const reason = error instanceof SyntaxError ? `${shownAs} is not valid JSON` : (error as Error).message;
    return { status: 'invalid', file: shownAs, error: reason };
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function weightPaths(modelJson: unknown, shownAs: string): string[] {
  const manifest = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error(`${shownAs} has no weightsManifest array`);
  return manifest.flatMap((group: unknown, index) => {
    const paths = (group as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(paths) || !paths.every((entry) => typeof entry === 'string')) {
      throw new Error(`${shownAs}: weightsManifest[${index}].paths must be an array of file names`);
    }
    return paths as string[];
  });
}

async function readCard(
  modelDir: string,
  shownAs: string,
): Promise<Pick<ModelArtifactCheck, 'card' | 'cardError'>> {
  let text: string;
  try {
    text = await readFile(path.join(modelDir, 'card.json'), 'utf8');
  } catch {
    return { card: null, cardError: `${shownAs} is missing` };
  }
  try {
    const { name, version, architecture } = parseModelCard(JSON.parse(text), shownAs);
    return { card: { name, version, architecture } };
  } catch (error) {
    const reason = error instanceof SyntaxError ? `${shownAs} is not valid JSON` : (error as Error).message;
    return { card: null, cardError: reason };
  }
}

/** model.json and its weight files in `modelDir`, paths relative to `modelsDir`. */
async function checkTfjsFiles(
  modelsDir: string,
  modelDir: string,
): Promise<Pick<ModelArtifactCheck, 'modelJson' | 'weights' | 'ok' | 'error'>> {
  const relative = (file: string) => path.relative(modelsDir, path.join(modelDir, file));
  const modelJson = relative('model.json');
  if (!(await isFile(path.join(modelDir, 'model.json')))) {
    return {
      modelJson: { path: modelJson, exists: false },
      weights: [],
      ok: false,
      error: `${modelJson} is missing`,
    };
  }
  let weights: string[];
  try {
    weights = weightPaths(JSON.parse(await readFile(path.join(modelDir, 'model.json'), 'utf8')), modelJson);
  } catch (error) {
    const message =
      error instanceof SyntaxError ? `${modelJson} is not valid JSON` : (error as Error).message;
    return { modelJson: { path: modelJson, exists: true }, weights: [], ok: false, error: message };
  }
  const checked = await Promise.all(
    weights.map(async (name) => ({ path: relative(name), exists: await isFile(path.join(modelDir, name)) })),
  );
  const missing = checked.filter((weight) => !weight.exists).map((weight) => weight.path);
  return {
    modelJson: { path: modelJson, exists: true },
    weights: checked,
    ok: missing.length === 0,
    ...(missing.length > 0 ? { error: `missing weight files: ${missing.join(', ')}` } : {}),
  };
}

// svm.json runs to megabytes and /api/health is polled: it is parsed again only when it changes.
const svmReads = new Map<string, { stamp: string; read: { cnnDir?: string } | { error: string } }>();

/** The feature CNN directory an svm.json names (or why it is unreadable), cached per file version. */
async function readSvmOnce(modelDir: string): Promise<{ cnnDir?: string } | { error: string }> {
  const file = path.join(modelDir, FER_SVM_FILE);
  const info = await stat(file).catch(() => null);
  const stamp = info ? `${info.mtimeMs}:${info.size}` : 'missing';
  const cached = svmReads.get(file);
  if (cached?.stamp === stamp) return cached.read;
  const read = await readSvmExpressionModelFile(modelDir).then(
    ({ cnnDir }) => ({ cnnDir }),
    (error: Error) => ({ error: error.message }),
  );
  svmReads.set(file, { stamp, read });
  return read;
}

/**
 * A FER SVM directory (svm.json, no model.json): svm.json must parse, and the feature CNN it names
 * must have its model.json and weights (reported as this entry's modelJson and weights).
 */
async function checkSvmFiles(
  modelsDir: string,
  modelDir: string,
): Promise<Pick<ModelArtifactCheck, 'svmJson' | 'modelJson' | 'weights' | 'ok' | 'error'>> {
  const svmJson = { path: path.relative(modelsDir, path.join(modelDir, FER_SVM_FILE)), exists: true };
  const read = await readSvmOnce(modelDir);
  if ('error' in read) {
    const reason = read.error.replace(path.join(modelDir, FER_SVM_FILE), svmJson.path);
    return { svmJson, modelJson: null, weights: [], ok: false, error: reason };
  }
  const { cnnDir } = read;
  if (!cnnDir) return { svmJson, modelJson: null, weights: [], ok: true };
  if (path.relative(modelsDir, cnnDir).startsWith('..')) {
    return {
      svmJson,
      modelJson: null,
      weights: [],
      ok: false,
      error: `${svmJson.path} names a feature CNN outside the models folder`,
    };
  }
  return { svmJson, ...(await checkTfjsFiles(modelsDir, cnnDir)) };
}

/**
 * Checks the files behind one registry entry: <modelsDir>/<model>/model.json, every weight file it
 * lists, and card.json; for a FER SVM, its svm.json and its feature CNN's files. Paths in the result
 * are relative to `modelsDir`.
 */
export async function checkModelArtifacts(
  modelsDir: string,
  task: string,
  entry: ModelRegistryEntry,
): Promise<ModelArtifactCheck> {
  const modelDir = path.join(modelsDir, entry.model);
  const base = {
    task,
    model: entry.model,
    ...(entry.note ? { note: entry.note } : {}),
    ...(await readCard(modelDir, path.relative(modelsDir, path.join(modelDir, 'card.json')))),
  };
  const svm =
    !(await isFile(path.join(modelDir, 'model.json'))) && (await isFile(path.join(modelDir, FER_SVM_FILE)));
  return {
    ...base,
    ...(svm ? await checkSvmFiles(modelsDir, modelDir) : await checkTfjsFiles(modelsDir, modelDir)),
  };
}
