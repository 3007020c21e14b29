import path from 'node:path';
import {
  checkModelArtifacts,
  readModelRegistry,
  type ModelArtifactCheck,
  type RegistryRead,
} from './model-registry';
import { repoRoot } from './repo-root';

/** Where the model registry lives, relative to the repository root. */
export const REGISTRY_PATH = 'models/registry.json';

/** The registry and, for each model it lists, whether its model.json and weights are on disk. */
export interface RegisteredModels {
  registry: RegistryRead;
  checks: ModelArtifactCheck[];
}

/** Reads <root>/models/registry.json and checks every listed model's artifacts. */
export async function registeredModels(root: string = repoRoot()): Promise<RegisteredModels> {
  const file = path.join(root, REGISTRY_PATH);
  const registry = await readModelRegistry(file, REGISTRY_PATH);
  const checks =
    registry.status === 'ok'
      ? await Promise.all(registry.entries.map((entry) => checkModelArtifacts(path.dirname(file), entry)))
      : [];
  return { registry, checks };
}
