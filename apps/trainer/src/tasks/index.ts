// Every task the trainer knows. Adding a task means adding it here, nothing else.
import type { TrainerTask } from '../trainer-task';
import {
  lesionClassificationTask,
  lesionClassifierEnsembleTask,
  lesionDecisionRuleTask,
  lesionEnsembleTask,
  lesionFittedOnTask,
  lesionMetadataFusionTask,
  lesionNoveltyTask,
  lesionPreciseBnTask,
  lesionSegmentationTask,
  lesionSvmTask,
  ph2DiagnosisTask,
  ph2MultiTaskTask,
} from './dermoscopy';
import { ferTask } from './fer';
import { ferFittedOnTask } from './fer/fer-fitted-on';
import { ferFramingTask } from './fer/fer-framing';
import { ferSvmTask } from './fer/fer-svm';

export const trainerTasks: TrainerTask[] = [
  ferTask,
  ferSvmTask,
  ferFramingTask,
  ferFittedOnTask,
  lesionSegmentationTask,
  lesionClassificationTask,
  lesionSvmTask,
  lesionEnsembleTask,
  lesionClassifierEnsembleTask,
  lesionDecisionRuleTask,
  lesionPreciseBnTask,
  lesionMetadataFusionTask,
  lesionFittedOnTask,
  lesionNoveltyTask,
  ph2DiagnosisTask,
  ph2MultiTaskTask,
];

/** Looks a task up by name, with the list of known names in the error. */
export function findTask(name: string): TrainerTask {
  const task = trainerTasks.find((t) => t.name === name);
  if (!task) {
    const known = trainerTasks.map((t) => t.name).join(', ') || '(none registered)';
    throw new Error(`unknown task "${name}"; known tasks: ${known}`);
  }
  return task;
}
