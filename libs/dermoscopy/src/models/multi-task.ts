// A multi-task lesion network: one convolutional trunk (transferred from our HAM10000 classifier)
// and two heads on its pooled features, the diagnosis (softmax) and the dermoscopic criteria the
// PH2 experts graded (independent sigmoids), trained together so the criteria shape the features
// the diagnosis uses.
import * as tf from '@tensorflow/tfjs';

/** The binary PH2 criteria the criteria head predicts, in output order. */
export const PH2_CRITERIA = [
  'atypical_pigment_network',
  'dots_globules',
  'streaks',
  'regression_areas',
  'blue_whitish_veil',
] as const;

/** Settings of the two heads. */
export interface MultiTaskOptions {
  diagnoses: number;
  criteria: number;
  /** Layer of `source` whose [batch, features] output feeds both heads (default 'gap'). */
  featureLayer?: string;
  /** Dropout before both heads (default 0.3). */
  dropout?: number;
}

/** Output names of the two heads. */
export const DIAGNOSIS_HEAD = 'diagnosis_head';
export const CRITERIA_HEAD = 'criteria_head';

/**
 * A two-output model sharing `source`'s layers up to `featureLayer`: [diagnosis softmax,
 * criteria sigmoids]. Training it fine-tunes the shared trunk in place.
 */
export function buildMultiTaskLesionNet(source: tf.LayersModel, options: MultiTaskOptions): tf.LayersModel {
  const { diagnoses, criteria, featureLayer = 'gap', dropout = 0.3 } = options;
  if (!(Number.isInteger(diagnoses) && diagnoses >= 2) || !(Number.isInteger(criteria) && criteria >= 1)) {
    throw new RangeError(`a multi-task net needs >= 2 diagnoses and >= 1 criterion, got ${diagnoses} and ${criteria}`);
  }
  const names = source.layers.map((l) => l.name);
  if (!names.includes(featureLayer)) {
    throw new Error(`source model ${source.name} has no layer "${featureLayer}"; layers: ${names.join(', ')}`);
  }
  let x = source.getLayer(featureLayer).output as tf.SymbolicTensor;
  if (x.shape.length !== 2) {
    throw new Error(`layer "${featureLayer}" outputs ${JSON.stringify(x.shape)}, not a [batch, features] vector`);
  }
  if (dropout > 0) x = tf.layers.dropout({ rate: dropout, name: 'multitask_dropout' }).apply(x) as tf.SymbolicTensor;
  const diagnosis = tf.layers
    .dense({ units: diagnoses, activation: 'softmax', name: DIAGNOSIS_HEAD })
    .apply(x) as tf.SymbolicTensor;
  const criteriaOut = tf.layers
    .dense({ units: criteria, activation: 'sigmoid', name: CRITERIA_HEAD })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: source.inputs, outputs: [diagnosis, criteriaOut], name: `${source.name}_multitask` });
}

/**
 * The joint loss: class-weighted categorical cross-entropy of the diagnosis plus `criteriaWeight`
 * times the mean binary cross-entropy of the criteria. `diagnosisOneHot` [n, d], `criteria` [n, k] in {0, 1}.
 */
export function multiTaskLoss(
  predicted: [tf.Tensor, tf.Tensor],
  diagnosisOneHot: tf.Tensor,
  criteria: tf.Tensor,
  { classWeights, criteriaWeight = 1 }: { classWeights?: tf.Tensor1D; criteriaWeight?: number } = {},
): tf.Scalar {
  return tf.tidy(() => {
    const [pDiag, pCrit] = predicted;
    const eps = 1e-7;
    let ce = diagnosisOneHot.mul(pDiag.clipByValue(eps, 1).log()).sum(-1).neg();
    if (classWeights) ce = ce.mul(diagnosisOneHot.mul(classWeights).sum(-1));
    const p = pCrit.clipByValue(eps, 1 - eps);
    const bce = criteria
      .mul(p.log())
      .add(tf.scalar(1).sub(criteria).mul(tf.scalar(1).sub(p).log()))
      .neg()
      .mean();
    return ce.mean().add(bce.mul(criteriaWeight)) as tf.Scalar;
  });
}
