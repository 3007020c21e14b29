// calibration.json beside a shipped lesion classifier: the softmax temperature fitted on the
// validation split and, optionally, the decision rule fitted there too. The temperature makes the
// probabilities calibrated (they are what a clinician is shown); the decision rule only picks the
// diagnosis to report: argmax_k log p_k + offset_k (post-hoc logit adjustment), which trades the
// frequent class's recall for the rare classes' and so raises balanced accuracy. Browser-safe.
import { adjustedArgmax } from '@visioncad/vision-core/metrics';

/** The file's name in a model directory. */
export const CLASSIFIER_CALIBRATION_FILE = 'calibration.json';

/** Post-hoc logit adjustment: offsets added to the log-probabilities before the argmax. */
export interface LogitAdjustmentRule {
  kind: 'logit-adjustment';
  /** The labels the offsets belong to, in order (must match the model card's). */
  labels: string[];
  offsets: number[];
  /** Where and how the offsets were fitted, for people reading the file. */
  fittedOn: string;
}

export interface ClassifierCalibration {
  temperature: number;
  /** null: the reported diagnosis is the most probable one (plain argmax). */
  decisionRule: LogitAdjustmentRule | null;
}

/**
 * Validates the parsed calibration.json of a classifier whose card lists `labels`; `file` names the
 * file in errors, which also name the field at fault.
 */
export function parseClassifierCalibration(
  json: unknown,
  file: string,
  labels: readonly string[],
): ClassifierCalibration {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${file}: must be a JSON object with a "temperature"`);
  }
  const o = json as Record<string, unknown>;
  if (typeof o.temperature !== 'number' || !(o.temperature > 0) || !Number.isFinite(o.temperature)) {
    throw new Error(`${file}: "temperature" must be a positive number`);
  }
  if (o.decisionRule === undefined || o.decisionRule === null) {
    return { temperature: o.temperature, decisionRule: null };
  }
  const rule = o.decisionRule as Record<string, unknown>;
  if (typeof rule !== 'object' || Array.isArray(rule)) {
    throw new Error(`${file}: "decisionRule" must be an object`);
  }
  if (rule.kind !== 'logit-adjustment') {
    throw new Error(`${file}: "decisionRule.kind" must be "logit-adjustment", got ${JSON.stringify(rule.kind)}`);
  }
  const ruleLabels = rule.labels;
  if (
    !Array.isArray(ruleLabels) ||
    ruleLabels.length !== labels.length ||
    ruleLabels.some((label, k) => label !== labels[k])
  ) {
    throw new Error(
      `${file}: "decisionRule.labels" must be the model's labels in order (${labels.join(', ')}), got ${JSON.stringify(ruleLabels)}`,
    );
  }
  const offsets = rule.offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== labels.length ||
    !offsets.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new Error(`${file}: "decisionRule.offsets" must be ${labels.length} finite numbers, one per label`);
  }
  return {
    temperature: o.temperature,
    decisionRule: {
      kind: 'logit-adjustment',
      labels: [...labels],
      offsets: offsets as number[],
      fittedOn: typeof rule.fittedOn === 'string' ? rule.fittedOn : '',
    },
  };
}

/** The index of the diagnosis to report for calibrated `probabilities`: the rule's, else the most probable. */
export function decideDiagnosis(probabilities: ArrayLike<number>, offsets?: readonly number[] | null): number {
  return adjustedArgmax(probabilities, offsets ?? new Array<number>(probabilities.length).fill(0));
}
