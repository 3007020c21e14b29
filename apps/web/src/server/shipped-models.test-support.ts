// The models shipped in <repo>/models, as the analysis tests name them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { parseModelRegistry, servingRegistryKey } from '@visioncad/vision-core/models';

/** <repo>/models: the shipped models and their registry. */
export const SHIPPED_MODELS = path.join(resolveRepoRoot(), 'models');

/** The shipped model serving a task's analyses per models/registry.json (its ensemble when one is registered). */
export function servedModelName(task: string): string {
  const registry = parseModelRegistry(
    JSON.parse(readFileSync(path.join(SHIPPED_MODELS, 'registry.json'), 'utf8')),
    'models/registry.json',
  );
  return registry.tasks[servingRegistryKey(registry, task)!].model;
}
