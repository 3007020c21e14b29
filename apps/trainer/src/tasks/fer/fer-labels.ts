// Which labels a FER model is trained on, and how a dataset's emotions map onto them.
import { groupEmotion, VALENCE_4_GROUPING, type Emotion } from '@visioncad/fer';

/** --labels: the dataset's own emotions (7) or the valence grouping (4). */
export type FerLabelMode = 7 | 4;

/** Parses --labels. */
export function parseFerLabelMode(value: string): FerLabelMode {
  if (value !== '7' && value !== '4') throw new Error(`--labels must be 7 or 4, got "${value}"`);
  return Number(value) as FerLabelMode;
}

/** The output labels of a model trained on a dataset with these classes. */
export function ferModelLabels(datasetClasses: readonly Emotion[], mode: FerLabelMode): string[] {
  return mode === 4 ? [...VALENCE_4_GROUPING.groups] : [...datasetClasses];
}

/**
 * The model output an emotion is scored against: the emotion itself, or its valence group when the
 * model predicts groups; -1 when the model has no such class (a FER2013 model never saw contempt).
 */
export function ferLabelIndex(modelLabels: readonly string[], emotion: Emotion): number {
  const direct = modelLabels.indexOf(emotion);
  if (direct >= 0) return direct;
  const groups = VALENCE_4_GROUPING.groups;
  if (modelLabels.length === groups.length && modelLabels.every((l, i) => l === groups[i])) {
    return modelLabels.indexOf(groupEmotion(VALENCE_4_GROUPING, emotion));
  }
  return -1;
}
