// Writes rebuilt fitted-on.json lists (lesion-fitted-on, fer-fitted-on), after every model's list was
// rebuilt and checked: an existing list is kept and joined, never shrunk.
import type { FittedOn } from '@visioncad/vision-core/models';
import { withPriorFittedOn, writeFittedOn } from '@visioncad/vision-core/models-node';

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
