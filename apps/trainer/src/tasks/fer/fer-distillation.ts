// Node-only: the teacher of `train --task fer --distill-from <dir>[,<dir>...]`, loaded and checked
// against the student's labels and input (several teachers: one probability-averaging ensemble).
import type * as tf from '@tensorflow/tfjs';
import { buildAveragingEnsemble } from '@visioncad/vision-core/ensemble';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

/** A loaded teacher and how the model card describes it. */
export interface FerTeacher {
  model: tf.LayersModel;
  description: string;
}

/** Loads the teacher models; each must predict `labels` in the same order from the same input. */
export async function loadFerTeacher(
  dirs: readonly string[],
  labels: readonly string[],
  inputShape: readonly [number, number, number],
): Promise<FerTeacher> {
  const members: tf.LayersModel[] = [];
  try {
    for (const dir of dirs) {
      const card = await readModelCard(dir);
      if (card.labels.join(',') !== labels.join(',')) {
        throw new Error(
          `--distill-from ${dir} predicts ${card.labels.join(', ')} but this run trains ${labels.join(', ')}; a teacher needs the same labels in the same order`,
        );
      }
      const { width, height, channels } = card.input;
      if ([height, width, channels].join() !== inputShape.join()) {
        throw new Error(
          `--distill-from ${dir} takes ${width}x${height}x${channels} inputs but this run trains on ${inputShape[1]}x${inputShape[0]}x${inputShape[2]}`,
        );
      }
      members.push(await loadModel(dir));
    }
  } catch (error) {
    members.forEach((m) => m.dispose());
    throw error;
  }
  if (members.length === 1) return { model: members[0], description: dirs[0] };
  const model = buildAveragingEnsemble(members, 'fer_teacher');
  members.forEach((m) => m.dispose());
  return { model, description: `the probability average of ${dirs.join(' and ')}` };
}
