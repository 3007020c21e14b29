// models/registry.json: which shipped model directory is the default for each task.

export interface ModelRegistryEntry {
  /** Directory name under models/. */
  model: string;
  /** One-line reason it is the default (e.g. its headline metric). */
  note?: string;
}

export interface ModelRegistry {
  tasks: Record<string, ModelRegistryEntry>;
}

/** Validates parsed JSON as a registry; `source` names the file in errors. */
export function parseModelRegistry(json: unknown, source: string): ModelRegistry {
  if (typeof json !== 'object' || json === null || typeof (json as ModelRegistry).tasks !== 'object') {
    throw new Error(`model registry ${source}: expected {"tasks": {"<task>": {"model": "<dir>"}}}`);
  }
  const tasks = (json as ModelRegistry).tasks;
  for (const [task, entry] of Object.entries(tasks)) {
    if (typeof entry?.model !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(entry.model)) {
      throw new Error(`model registry ${source}: task "${task}" needs "model": a directory name under models/`);
    }
  }
  return { tasks };
}

/**
 * The registry key whose model serves `task` where inference cost is not the constraint (a server):
 * `<task>-ensemble` when the registry names one (an ensemble is registered only when it beats the
 * task's best single model), else `task` itself; undefined when the registry names neither.
 * On-device inference (the browser demo) keeps the single model under `task`.
 */
export function servingRegistryKey(registry: ModelRegistry, task: string): string | undefined {
  const ensemble = `${task}-ensemble`;
  if (registry.tasks[ensemble]) return ensemble;
  return registry.tasks[task] ? task : undefined;
}
