import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

// models/registry.json lists the model artifacts the portal may serve:
//   { "models": [ { "name": "fer-cnn", "version": "1.0.0", "task": "fer", "path": "fer-cnn/1.0.0" } ] }
// `path` is relative to the registry's folder and names a TF.js LayersModel folder (holding
// model.json) or the model.json itself; the weight files are the ones model.json's
// weightsManifest lists, relative to model.json.

/** One registry entry as written in registry.json. */
export interface RegistryEntry {
  name: string;
  version: string;
  task: string;
  path: string;
}

/** The registry as read from disk: missing, unreadable/invalid (with the reason), or its entries. */
export type RegistryRead =
  | { status: 'absent'; file: string }
  | { status: 'invalid'; file: string; error: string }
  | { status: 'ok'; file: string; entries: RegistryEntry[] };

/** Whether one entry's model.json and every weight file it names are on disk. */
export interface ModelArtifactCheck {
  name: string;
  version: string;
  task: string;
  modelJson: { path: string; exists: boolean };
  weights: { path: string; exists: boolean }[];
  ok: boolean;
  error?: string;
}

function parseEntry(value: unknown, index: number): RegistryEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`models[${index}] must be an object`);
  }
  const record = value as Record<string, unknown>;
  const text = (field: keyof RegistryEntry): string => {
    const fieldValue = record[field];
    if (typeof fieldValue !== 'string' || fieldValue.trim() === '') {
      throw new Error(`models[${index}].${field} must be a non-empty string`);
    }
    return fieldValue;
  };
  const entry = { name: text('name'), version: text('version'), task: text('task'), path: text('path') };
  if (path.isAbsolute(entry.path) || entry.path.split(/[\\/]/).includes('..')) {
    throw new Error(`models[${index}].path must stay inside the models folder, got "${entry.path}"`);
  }
  return entry;
}

/** Validates the parsed registry.json document into its entries; throws naming the bad field. */
export function parseRegistry(document: unknown): RegistryEntry[] {
  if (
    document === null ||
    typeof document !== 'object' ||
    !Array.isArray((document as { models?: unknown }).models)
  ) {
    throw new Error('the registry must be an object with a "models" array');
  }
  return (document as { models: unknown[] }).models.map(parseEntry);
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
    return { status: 'ok', file: shownAs, entries: parseRegistry(JSON.parse(text)) };
  } catch (error) {
    return { status: 'invalid', file: shownAs, error: `${shownAs}: ${(error as Error).message}` };
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function modelJsonPath(registryDir: string, entry: RegistryEntry): string {
  const target = path.join(registryDir, entry.path);
  return target.endsWith('.json') ? target : path.join(target, 'model.json');
}

function weightPaths(modelJson: unknown, file: string): string[] {
  const manifest = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error(`${file} has no weightsManifest array`);
  return manifest.flatMap((group: unknown, index) => {
    const paths = (group as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(paths) || !paths.every((entry) => typeof entry === 'string')) {
      throw new Error(`${file}: weightsManifest[${index}].paths must be an array of file names`);
    }
    return paths as string[];
  });
}

/** Checks that an entry's model.json and each weight file it lists exist; paths in the result are
 * relative to `registryDir`. */
export async function checkModelArtifacts(
  registryDir: string,
  entry: RegistryEntry,
): Promise<ModelArtifactCheck> {
  const file = modelJsonPath(registryDir, entry);
  const relative = (absolute: string) => path.relative(registryDir, absolute);
  const base = { name: entry.name, version: entry.version, task: entry.task };
  if (!(await isFile(file))) {
    return {
      ...base,
      modelJson: { path: relative(file), exists: false },
      weights: [],
      ok: false,
      error: `${relative(file)} is missing`,
    };
  }
  let weights: string[];
  try {
    weights = weightPaths(JSON.parse(await readFile(file, 'utf8')), relative(file));
  } catch (error) {
    const message =
      error instanceof SyntaxError ? `${relative(file)} is not valid JSON` : (error as Error).message;
    return {
      ...base,
      modelJson: { path: relative(file), exists: true },
      weights: [],
      ok: false,
      error: message,
    };
  }
  const checked = await Promise.all(
    weights.map(async (name) => {
      const weightFile = path.join(path.dirname(file), name);
      return { path: relative(weightFile), exists: await isFile(weightFile) };
    }),
  );
  const missing = checked.filter((weight) => !weight.exists).map((weight) => weight.path);
  return {
    ...base,
    modelJson: { path: relative(file), exists: true },
    weights: checked,
    ok: missing.length === 0,
    ...(missing.length > 0 ? { error: `missing weight files: ${missing.join(', ')}` } : {}),
  };
}
