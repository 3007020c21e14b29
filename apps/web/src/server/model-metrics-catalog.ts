// Node-only: the model folders in the models directory that hold a card.json, each with its card
// and parsed evaluations, and which task (if any) the registry makes it the default for. Every
// folder with a card is a model version an analyst can inspect, registered as default or not.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseModelCard, type ModelCard } from '@visioncad/vision-core/models';
import { readModelRegistry, type RegistryRead } from './model-registry';
import { parseCardEvaluations, type EvaluationProblem, type ModelEvaluation } from './model-metrics';
import { registryLocation } from './registered-models';

/** One model folder: its card (or why it cannot be read) and the evaluations the card holds. */
export interface ModelCardEntry {
  /** The folder name under the models directory, e.g. "lesion-classifier-resnet". */
  folder: string;
  /** The card as shown to users, e.g. "models/lesion-classifier-resnet/card.json". */
  cardFile: string;
  card: ModelCard | null;
  cardError?: string;
  /** Tasks whose registry entry names this folder. */
  defaultFor: string[];
  evaluations: ModelEvaluation[];
  problems: EvaluationProblem[];
}

export interface ModelCatalog {
  registry: RegistryRead;
  models: ModelCardEntry[];
}

// Folder names the portal puts in URLs; anything else in the directory is not a model.
const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

async function readEntry(
  modelsDir: string,
  shownDir: string,
  folder: string,
  defaultFor: string[],
): Promise<ModelCardEntry | null> {
  const cardFile = `${shownDir}/${folder}/card.json`;
  let text: string;
  try {
    text = await readFile(path.join(modelsDir, folder, 'card.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && defaultFor.length === 0) return null;
    return {
      folder,
      cardFile,
      card: null,
      cardError: `${cardFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
      defaultFor,
      evaluations: [],
      problems: [],
    };
  }
  let card: ModelCard;
  try {
    card = parseModelCard(JSON.parse(text), cardFile);
  } catch (error) {
    const reason = error instanceof SyntaxError ? `${cardFile} is not valid JSON` : (error as Error).message;
    return { folder, cardFile, card: null, cardError: reason, defaultFor, evaluations: [], problems: [] };
  }
  return { folder, cardFile, card, defaultFor, ...parseCardEvaluations(card.metrics, cardFile) };
}

/**
 * Every model folder with a card in `modelsDir` (default: the registry's folder,
 * $VISIONCAD_MODELS_DIR or <repo>/models), plus registered folders whose card is missing.
 */
export async function readModelCatalog(modelsDir?: string): Promise<ModelCatalog> {
  const location = registryLocation(modelsDir);
  const dir = path.dirname(location.file);
  const shownDir = path.dirname(location.shownAs);
  const registry = await readModelRegistry(location.file, location.shownAs);
  const defaults = new Map<string, string[]>();
  if (registry.status === 'ok') {
    for (const [task, entry] of Object.entries(registry.registry.tasks)) {
      defaults.set(entry.model, [...(defaults.get(entry.model) ?? []), task]);
    }
  }
  let folders: string[] = [];
  try {
    folders = (await readdir(dir, { withFileTypes: true }))
      .filter((item) => item.isDirectory() && FOLDER_NAME.test(item.name))
      .map((item) => item.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const names = [...new Set([...folders, ...defaults.keys()])]
    .filter((name) => FOLDER_NAME.test(name))
    .sort();
  const entries = await Promise.all(
    names.map((folder) => readEntry(dir, shownDir, folder, defaults.get(folder) ?? [])),
  );
  return { registry, models: entries.filter((entry): entry is ModelCardEntry => entry !== null) };
}

/** One folder of the catalog by name, or null when there is no such model (never a path lookup). */
export async function readModelCardEntry(folder: string, modelsDir?: string): Promise<ModelCardEntry | null> {
  if (!FOLDER_NAME.test(folder)) return null;
  const { models } = await readModelCatalog(modelsDir);
  return models.find((entry) => entry.folder === folder) ?? null;
}
