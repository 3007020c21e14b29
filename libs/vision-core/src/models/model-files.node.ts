// Reading and writing models/<name>/card.json|card.md and models/registry.json on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.node.js';
import { FITTED_ON_FILE, mergeFittedOn, parseFittedOn, type FittedOn } from './fitted-on';
import { parseModelCard, renderModelCardMarkdown, type ModelCard } from './model-card';
import { parseModelRegistry, type ModelRegistry, type ModelRegistryEntry } from './model-registry';

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${what} ${path} cannot be read (${code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads and validates <modelDir>/card.json. */
export async function readModelCard(modelDir: string): Promise<ModelCard> {
  const path = join(modelDir, 'card.json');
  return parseModelCard(await readJson(path, 'model card'), path);
}

/** Writes card.json and its Markdown rendering card.md into modelDir. */
export async function writeModelCard(modelDir: string, card: ModelCard): Promise<void> {
  await writeFileAtomic(join(modelDir, 'card.json'), JSON.stringify(card, null, 2) + '\n');
  await writeFileAtomic(join(modelDir, 'card.md'), renderModelCardMarkdown(card));
}

/** Reads <modelsDir>/registry.json; a missing file is an empty registry. */
export async function readModelRegistry(modelsDir: string): Promise<ModelRegistry> {
  const path = join(modelsDir, 'registry.json');
  try {
    await readFile(path);
  } catch {
    return { tasks: {} };
  }
  return parseModelRegistry(await readJson(path, 'model registry'), path);
}

/** Makes `entry.model` the default model for `task` in <modelsDir>/registry.json. */
export async function setDefaultModel(modelsDir: string, task: string, entry: ModelRegistryEntry): Promise<void> {
  const registry = await readModelRegistry(modelsDir);
  registry.tasks[task] = entry;
  const sorted = Object.fromEntries(Object.entries(registry.tasks).sort(([a], [b]) => a.localeCompare(b)));
  await writeFileAtomic(join(modelsDir, 'registry.json'), JSON.stringify({ tasks: sorted }, null, 2) + '\n');
}

/** Reads and validates <modelDir>/fitted-on.json; null when the model has none. */
export async function readFittedOn(modelDir: string): Promise<FittedOn | null> {
  const path = join(modelDir, FITTED_ON_FILE);
  try {
    await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseFittedOn(await readJson(path, 'fitted-on list'), path);
}

/** Writes <modelDir>/fitted-on.json. */
export async function writeFittedOn(modelDir: string, fittedOn: FittedOn): Promise<void> {
  await writeFileAtomic(join(modelDir, FITTED_ON_FILE), JSON.stringify(fittedOn) + '\n');
}

/**
 * The lists of several models joined (an ensemble, a model and the network it takes features from);
 * null when none of them has fitted-on.json.
 */
export async function readJoinedFittedOn(modelDirs: readonly string[]): Promise<FittedOn | null> {
  const lists: FittedOn[] = [];
  for (const dir of modelDirs) {
    const list = await readFittedOn(dir);
    if (list) lists.push(list);
  }
  if (lists.length === 0) return null;
  return lists.length === 1 ? lists[0] : mergeFittedOn(`the lists of ${modelDirs.join(', ')}`, lists);
}

/**
 * `fittedOn` joined with the lists of the models this one starts from (--init weights, ensemble
 * members, the model a post-hoc step rewrites): their training data is this model's too, so a
 * model initialised from another split's network is never scored on what that network saw.
 */
export async function withPriorFittedOn(fittedOn: FittedOn, priorDirs: readonly string[]): Promise<FittedOn> {
  const prior = await readJoinedFittedOn(priorDirs);
  if (!prior) return fittedOn;
  return mergeFittedOn(`${fittedOn.note}; with the lists of ${priorDirs.join(', ')}`, [fittedOn, prior]);
}
