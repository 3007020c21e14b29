// The model verdicts the case list can be filtered by: every label the production models of the
// analysed tasks can output (read from models/registry.json and their cards), every label of a
// model version that has produced a result here (so cases analysed by an earlier model stay
// findable), "no face found", and "no analysis yet". Nothing is hard-coded: a new model's labels
// appear once the registry names it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDb, type Db } from '@visioncad/db';
import { parseModelCard, servingRegistryKey } from '@visioncad/vision-core/models';
import { ANALYSIS_TASKS } from './analysis-outputs';
import { NO_FACE_VERDICT, NO_VERDICT_FILTER } from './case-verdict';
import { readModelRegistry } from './model-registry';
import { registryLocation } from './registered-models';
import { REVIEW_LABELS } from './reviews';

/** One choice of the verdict filter. */
export interface VerdictOption {
  value: string;
  text: string;
}

/** Choices grouped by what produced them ("Lesion diagnosis", "Emotion", ...). */
export interface VerdictOptionGroup {
  title: string;
  options: VerdictOption[];
}

export interface VerdictOptions {
  groups: VerdictOptionGroup[];
  /** Every accepted `verdict` value except NO_VERDICT_FILTER. */
  values: string[];
}

const TASK_TITLES: Record<string, string> = {
  [ANALYSIS_TASKS.DERMOSCOPY]: 'Lesion diagnosis',
  [ANALYSIS_TASKS.FACE]: 'Emotion',
};

/** A label as the filter shows it: the clinical name with the model's code. */
export function verdictText(label: string): string {
  if (label === NO_FACE_VERDICT) return 'No face found';
  const name = (REVIEW_LABELS as Record<string, string>)[label];
  return name && name !== label ? `${name} (${label})` : label;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Labels of the model serving the task's analyses, or none when the registry or card is unusable. */
async function productionLabels(modelsDir: string, task: string): Promise<string[]> {
  const read = await readModelRegistry(path.join(modelsDir, 'registry.json'));
  if (read.status !== 'ok') return [];
  const key = servingRegistryKey(read.registry, task);
  const entry = key ? read.registry.tasks[key] : undefined;
  if (!entry) return [];
  const file = path.join(modelsDir, entry.model, 'card.json');
  try {
    return parseModelCard(JSON.parse(await readFile(file, 'utf8')), file).labels.slice();
  } catch {
    // The list still works; analyses report the broken card where it matters.
    return [];
  }
}

/** The verdict filter's choices and the values it accepts. */
export async function caseVerdictOptions(
  db: Db = getDb(),
  modelsDir: string = path.dirname(registryLocation().file),
): Promise<VerdictOptions> {
  const tasks = [...new Set(Object.values(ANALYSIS_TASKS))];
  const byTask = new Map<string, string[]>(tasks.map((task) => [task, []]));
  const add = (task: string, labels: string[]) => {
    const list = byTask.get(task) ?? [];
    for (const label of labels) if (!list.includes(label)) list.push(label);
    byTask.set(task, list);
  };
  for (const task of tasks) add(task, await productionLabels(modelsDir, task));
  const recorded = await db.modelVersion.findMany({
    where: { analyses: { some: { status: 'SUCCEEDED' } } },
    select: { task: true, card: true },
    orderBy: { createdAt: 'asc' },
  });
  for (const version of recorded) {
    add(version.task, stringArray((version.card as { labels?: unknown } | null)?.labels));
  }

  const seen = new Set<string>();
  const groups: VerdictOptionGroup[] = [];
  for (const [task, labels] of byTask) {
    const fresh = labels.filter((label) => !seen.has(label));
    fresh.forEach((label) => seen.add(label));
    if (fresh.length > 0) {
      groups.push({
        title: TASK_TITLES[task] ?? task,
        options: fresh.map((label) => ({ value: label, text: verdictText(label) })),
      });
    }
  }
  groups.push({
    title: 'Other',
    options: [
      { value: NO_FACE_VERDICT, text: verdictText(NO_FACE_VERDICT) },
      { value: NO_VERDICT_FILTER, text: 'No analysis yet' },
    ],
  });
  return { groups, values: [...seen, NO_FACE_VERDICT] };
}
