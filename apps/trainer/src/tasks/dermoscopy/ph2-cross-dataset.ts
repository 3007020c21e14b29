// `trainer evaluate --model <HAM10000 classifier> --data <PH2 folder> --format ph2-melanoma`: the
// HAM10000 classifier on another clinic's dermatoscope (PH2: Hospital Pedro Hispano, Tuebinger Mole
// Analyzer at 20x), which it never trained on. PH2 has three clinical diagnoses; on HAM10000's labels
// melanoma is mel and common and atypical naevi are nv, so what can be scored is melanoma vs rest:
// the AUC of the calibrated mel probability, sensitivity and specificity of the reported diagnosis,
// and which HAM10000 diagnosis each PH2 class received.
import { readClassifierCalibration } from '@visioncad/dermoscopy/models/load-models.node';
import { loadPh2, type Ph2Case } from '@visioncad/dermoscopy/node';
import { PH2_DIAGNOSES } from '@visioncad/dermoscopy';
import { adjustedArgmaxRows, rocAuc, rocCurve, sensitivitySpecificity } from '@visioncad/vision-core/metrics';
import { fittedOnDataset, heldOutItems, type FittedOn } from '@visioncad/vision-core/models';
import { readFittedOn } from '@visioncad/vision-core/models-node';
import { rocCurvesSvg } from '@visioncad/vision-core/plots';
import { writeSvgPng } from '@visioncad/vision-core/plots-node';

import type { EvaluateRequest } from '../../trainer-task';
import type { LabelledImage } from './classification-evaluation';
import { HAM_LABELS } from './ham10000-split';
import { PH2_UNIT, type HeldOutRecord } from './held-out-data';
import { splitPh2ForUnet } from './ph2-split';

export const PH2_MELANOMA_FORMAT = 'ph2-melanoma';

/** PH2's clinical diagnoses on HAM10000's labels. */
export const PH2_AS_HAM10000: Record<(typeof PH2_DIAGNOSES)[number], string> = {
  common_nevus: 'nv',
  atypical_nevus: 'nv',
  melanoma: 'mel',
};

/** A PH2 case as an image labelled in HAM10000's labels. */
const asHam10000Image = (c: Ph2Case): LabelledImage => ({
  path: c.imagePath,
  label: HAM_LABELS.indexOf(PH2_AS_HAM10000[c.clinicalDiagnosis]),
});

/** Every PH2 case of the folder the model was not fitted on, as images labelled in HAM10000's labels. */
export async function ph2CrossDatasetImages(
  request: Pick<EvaluateRequest, 'data' | 'modelDir' | 'card'>,
): Promise<{ cases: Ph2Case[]; images: LabelledImage[]; heldOut: HeldOutRecord }> {
  const all = await loadPh2(request.data);
  const fittedOn = await readFittedOn(request.modelDir);
  if (!fittedOn && request.card.data.dataset.includes('PH2')) {
    throw new Error(
      `${request.modelDir}/card.json names PH2 among its data but the model has no fitted-on.json: which PH2 cases it saw is unknown, so none can be scored`,
    );
  }
  const chosen = fittedOn
    ? heldOutItems(all, fittedOn, PH2_UNIT.dataset, (c) => c.id, request.data)
    : {
        items: all,
        excluded: 0,
        rule: 'every case: the model has no fitted-on.json and its card names no PH2 data',
      };
  return {
    cases: chosen.items,
    images: chosen.items.map(asHam10000Image),
    heldOut: { rule: chosen.rule, scored: chosen.items.length, excluded: chosen.excluded },
  };
}

/**
 * Scores calibrated HAM10000 probabilities (label order) on PH2 cases: melanoma vs rest, and the
 * reported diagnosis (the model's balanced decision rule when it keeps one) per PH2 diagnosis.
 * Writes the ROC curve beside `out`.
 */
export async function scorePh2Melanoma(
  modelDir: string,
  out: string,
  cases: readonly Ph2Case[],
  probs: readonly number[][],
  heldOut: HeldOutRecord,
): Promise<Record<string, unknown>> {
  const mel = HAM_LABELS.indexOf('mel');
  const { decisionRule } = await readClassifierCalibration(modelDir, HAM_LABELS);
  const decided = adjustedArgmaxRows(probs as number[][], decisionRule?.offsets ?? HAM_LABELS.map(() => 0));
  const isMelanoma = cases.map((c) => (c.clinicalDiagnosis === 'melanoma' ? 1 : 0));
  const positives = isMelanoma.reduce<number>((a, b) => a + b, 0);
  if (positives === 0 || positives === cases.length) {
    throw new Error(
      `${out}: the PH2 cases scored need melanomas and naevi both, got ${positives} of ${cases.length} melanomas`,
    );
  }
  const melScores = probs.map((row) => row[mel]);
  const auc = rocAuc(isMelanoma, melScores);
  const { sensitivity, specificity } = sensitivitySpecificity(
    isMelanoma,
    decided.map((k) => (k === mel ? 1 : 0)),
    1,
  );
  const byDiagnosis = Object.fromEntries(
    PH2_DIAGNOSES.map((diagnosis) => {
      const idx = cases.flatMap((c, i) => (c.clinicalDiagnosis === diagnosis ? [i] : []));
      const reported = Object.fromEntries(
        HAM_LABELS.map((label, k) => [label, idx.filter((i) => decided[i] === k).length]),
      );
      const mean = (k: number) => (idx.length ? idx.reduce((s, i) => s + probs[i][k], 0) / idx.length : 0);
      return [
        diagnosis,
        {
          n: idx.length,
          reported,
          meanProbability: Object.fromEntries(
            HAM_LABELS.map((label, k) => [label, Number(mean(k).toFixed(4))]),
          ),
        },
      ];
    }),
  );
  const plot = `${out.replace(/\.json$/, '')}-roc.png`;
  await writeSvgPng(
    rocCurvesSvg(
      [{ label: 'melanoma vs naevi (mel probability)', curve: rocCurve(isMelanoma, melScores), auc }],
      'PH2, melanoma vs rest (cross-dataset)',
    ),
    plot,
  );
  return {
    format: PH2_MELANOMA_FORMAT,
    heldOut,
    n: cases.length,
    melanomas: positives,
    positiveClass: 'mel',
    auc,
    sensitivity,
    specificity,
    decisionRule: decisionRule ? 'logit-adjustment' : 'most-probable',
    byDiagnosis,
    mapping: PH2_AS_HAM10000,
    plots: [plot],
  };
}

/** The PH2 split whose training part joins a HAM10000 run: the U-Net's, so PH2's test cases stay the project's. */
export const PH2_AUXILIARY_SEED = 7;

/**
 * PH2's training cases (the seed-7 split every PH2 model uses) as HAM10000-labelled training images,
 * each `repeat` times, and the fitted-on list of those cases: a second dermatoscope in the training
 * data, so the classifier does not learn HAM10000's cameras as part of the diagnosis. PH2's
 * validation and test cases are never used, so `--format ph2-melanoma` scores them.
 */
export async function ph2AuxiliaryImages(
  dir: string,
  repeat: number,
): Promise<{ images: LabelledImage[]; fittedOn: FittedOn; cases: number }> {
  const split = splitPh2ForUnet(await loadPh2(dir), PH2_AUXILIARY_SEED);
  const images = split.train.map(asHam10000Image);
  return {
    images: Array.from({ length: repeat }, () => images).flat(),
    fittedOn: {
      note: `PH2 training cases of the seed-${PH2_AUXILIARY_SEED} split of ${dir} (auxiliary data; validation and test cases unused)`,
      datasets: {
        [PH2_UNIT.dataset]: fittedOnDataset(
          PH2_UNIT.unit,
          split.train.map((c) => c.id),
        ),
      },
    },
    cases: split.train.length,
  };
}
