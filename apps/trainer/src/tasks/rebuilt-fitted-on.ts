// The tasks that rebuild fitted-on.json for models trained before training wrote it
// (lesion-fitted-on, fer-fitted-on): they write the lists after every model's was rebuilt and
// checked (an existing list is kept and joined, never shrunk), and train no model of their own.
import type { FittedOn } from '@visioncad/vision-core/models';
import { withPriorFittedOn, writeFittedOn } from '@visioncad/vision-core/models-node';

import type { TrainerTask } from '../trainer-task';

export async function writeRebuiltFittedOn(
  dirs: readonly string[],
  lists: readonly FittedOn[],
): Promise<void> {
  for (const [k, dir] of dirs.entries()) {
    const list = await withPriorFittedOn(lists[k], [dir]);
    await writeFittedOn(dir, list);
    const counts = Object.entries(list.datasets).map(([name, e]) => `${e.ids.length} ${name} ${e.unit}s`);
    console.log(`${dir}/fitted-on.json: ${counts.join(', ')}`);
  }
}

/** A fitted-on rebuilding task: `train` rebuilds and writes; `evaluate` refuses, naming the model to score. */
export function fittedOnTask(
  task: Pick<TrainerTask, 'name' | 'description' | 'usage' | 'train'>,
): TrainerTask {
  return {
    ...task,
    formats: [],
    evaluate: async (request) => {
      throw new Error(`${task.name} is not a model task: evaluate ${request.modelDir} itself`);
    },
  };
}
