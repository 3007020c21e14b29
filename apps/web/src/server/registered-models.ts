import path from 'node:path';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import {
  checkModelArtifacts,
  readModelRegistry,
  type ModelArtifactCheck,
  type RegistryRead,
} from './model-registry';

/** The registry and, for each model it lists, whether its model.json and weights are on disk. */
export interface RegisteredModels {
  registry: RegistryRead;
  checks: ModelArtifactCheck[];
}

/** Where the registry file is, and how responses name it (never an absolute path: /api/health is public). */
export interface RegistryLocation {
  file: string;
  shownAs: string;
}

/** The registry in $VISIONCAD_MODELS_DIR when set, else <repo>/models/registry.json. */
export function registryLocation(modelsDir = process.env.VISIONCAD_MODELS_DIR): RegistryLocation {
  const configured = modelsDir?.trim();
  if (!configured) {
    return { file: path.join(resolveRepoRoot(), 'models', 'registry.json'), shownAs: 'models/registry.json' };
  }
  return { file: path.resolve(configured, 'registry.json'), shownAs: '$VISIONCAD_MODELS_DIR/registry.json' };
}

/** Reads the model registry ($VISIONCAD_MODELS_DIR or <repo>/models) and checks each model's artifacts. */
export async function registeredModels(): Promise<RegisteredModels> {
  const { file, shownAs } = registryLocation();
  const registry = await readModelRegistry(file, shownAs);
  const checks =
    registry.status === 'ok'
      ? await Promise.all(
          Object.entries(registry.registry.tasks).map(([task, entry]) =>
            checkModelArtifacts(path.dirname(file), task, entry),
          ),
        )
      : [];
  return { registry, checks };
}
