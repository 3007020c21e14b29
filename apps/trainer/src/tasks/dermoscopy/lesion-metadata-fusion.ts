// `trainer train --task lesion-metadata-fusion`: fuses a shipped HAM10000 model's calibrated
// probabilities with the clinical metadata (age, sex, anatomic site; @visioncad/dermoscopy
// clinical/metadata-fusion). The metadata regression is fitted on the training split, the fusion
// weight and temperature on the validation split, and the balanced decision rule on the fused
// validation probabilities (kept when its cross-validated balanced accuracy beats the fused
// argmax's). The test split only scores: image alone and image + metadata, side by side. Writes
// metadata-fusion.json beside the model and the test scores into its card.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { withPriorFittedOn, writeFittedOn, writeModelCard } from '@visioncad/vision-core/models-node';
import { applyTemperature, argmaxRows, balancedAccuracy } from '@visioncad/vision-core/metrics';
import { CLINICAL_FEATURE_NAMES } from '@visioncad/dermoscopy/clinical/clinical-metadata';
import { fitMetadataRegression } from '@visioncad/dermoscopy/clinical/metadata-regression';
import { fitFusionWeight, fusedLogits } from '@visioncad/dermoscopy/clinical/fit-metadata-fusion';
import {
  METADATA_FUSION_FILE,
  metadataLogProbabilities,
  type MetadataFusion,
} from '@visioncad/dermoscopy/clinical/metadata-fusion';
import { shellWords } from '@visioncad/vision-core/models';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { decisionRuleMetrics, fitDecisionRule } from './decision-rule';
import { requiredDataFolder, withFinalStep } from './dermoscopy-training';
import { HAM_LABELS, ham10000SamplesWithMetadata } from './ham10000-split';
import { modelProbabilities, readHamModelCard } from './model-probabilities';

const USAGE = `trainer train --task lesion-metadata-fusion [options]
  --model <dir>           shipped lesion-classification, lesion-svm or lesion-ensemble directory (required)
  --data <dir>            HAM10000 folder with its age, sex and localization columns (required)
  --l2 <x>                L2 penalty of the metadata regression (default 0.001)
  --report <file>         also write the fit and both test scorings (image alone, image + metadata) to this JSON`;

/** card.metrics keys. */
export const FUSION_TEST_ENTRY = 'ham10000-test-with-metadata';
export const FUSION_VALIDATION_ENTRY = 'validation-metadata-fusion';

/** The card's limit line of a model with a metadata fusion. */
export const FUSION_LIMIT =
  'With age, sex and body site the diagnosis comes from the clinical-metadata fusion (metadata-fusion.json): HAM10000 patients and sites (Austria, Australia); clinics with another case mix should refit it on their own cases.';

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      l2: { type: 'string', default: '0.001' },
      report: { type: 'string' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dir = values.model;
  if (!dir)
    throw new Error('--model <dir> is required: the shipped HAM10000 model to fuse with the metadata');
  const l2 = Number(values.l2);
  if (!(l2 >= 0)) throw new Error(`--l2 must be a number >= 0, got "${values.l2}"`);
  const card = await readHamModelCard(dir);
  const data = await ham10000SamplesWithMetadata(requiredDataFolder(values.data, 'HAM10000'), card.seed);
  const regression = fitMetadataRegression(
    data.train.map((s) => s.metadata),
    data.train.map((s) => s.label),
    HAM_LABELS.length,
    { l2 },
  );
  const metaLog = (part: typeof data.val) =>
    part.map((s) => metadataLogProbabilities(regression, s.metadata));
  const yVal = data.val.map((s) => s.label);
  const yTest = data.test.map((s) => s.label);
  // One pass of the model over both splits (it is loaded once).
  const heldOut = await modelProbabilities(dir, [...data.val, ...data.test]);
  const valImage = heldOut.slice(0, data.val.length);
  const testImage = heldOut.slice(data.val.length);
  const valMeta = metaLog(data.val);
  const testMeta = metaLog(data.test);
  const weight = fitFusionWeight(valImage, valMeta, yVal);
  const fuse = (image: number[][], meta: number[][]) =>
    applyTemperature(fusedLogits(image, meta, weight.metadataWeight), weight.temperature);
  const valFused = fuse(valImage, valMeta);
  const testFused = fuse(testImage, testMeta);
  const { rule, validation } = fitDecisionRule(
    valFused,
    yVal,
    HAM_LABELS,
    `HAM10000 validation split (seed ${card.seed}, ${data.val.length} images): class-balanced NLL of the fused probabilities`,
    { seed: card.seed },
  );
  const keepRule = validation.crossValidatedBalancedAccuracy > validation.argmaxBalancedAccuracy;
  const offsets = keepRule ? rule.offsets : HAM_LABELS.map(() => 0);
  const fusion: MetadataFusion = {
    kind: 'clinical-metadata-fusion',
    labels: [...HAM_LABELS],
    features: [...CLINICAL_FEATURE_NAMES],
    weights: regression.weights,
    bias: regression.bias,
    metadataWeight: weight.metadataWeight,
    temperature: weight.temperature,
    decisionOffsets: keepRule ? rule.offsets : null,
    fittedOn: `metadata regression on the HAM10000 training split (seed ${card.seed}, ${data.train.length} images, balanced class weights, L2 ${l2}); weight and temperature on the validation split (${data.val.length} images, balanced NLL)${keepRule ? '; balanced decision rule on the fused validation probabilities' : ''}`,
  };
  await writeFile(join(dir, METADATA_FUSION_FILE), JSON.stringify(fusion, null, 2) + '\n');
  // The regression saw the training lesions and the fusion the validation ones.
  await writeFittedOn(dir, await withPriorFittedOn(data.fittedOn, [dir]));

  const imageAlone = decisionRuleMetrics(
    testImage,
    yTest,
    HAM_LABELS,
    HAM_LABELS.map(() => 0),
    'mel',
  );
  // The fused probabilities decided by the fusion's own rule (or argmax): what analyze() reports.
  const withMetadata = {
    ...decisionRuleMetrics(testFused, yTest, HAM_LABELS, offsets, 'mel'),
    decisionRule: 'clinical-metadata-fusion',
    fusedDecision: keepRule ? 'logit-adjustment' : 'most-probable',
  };
  const metadataAlone = balancedAccuracy(yTest, argmaxRows(testMeta), HAM_LABELS.length);
  const fitRecord = {
    metadataWeight: weight.metadataWeight,
    temperature: weight.temperature,
    grid: weight.grid,
    trainingLoss: regression.trainingLoss,
    validationImageBalancedAccuracy: balancedAccuracy(yVal, argmaxRows(valImage), HAM_LABELS.length),
    validationFusedBalancedAccuracy: validation.argmaxBalancedAccuracy,
    decisionRule: { ...validation, kept: keepRule },
    testMetadataAloneBalancedAccuracy: metadataAlone,
  };
  const command = `npm run trainer -- train --task lesion-metadata-fusion ${shellWords(args)}`.trim();
  const { [FUSION_TEST_ENTRY]: _old, ...metrics } = card.metrics;
  await writeModelCard(dir, {
    ...card,
    command: withFinalStep(card.command, 'lesion-metadata-fusion', command),
    metrics: {
      ...metrics,
      [FUSION_TEST_ENTRY]: withMetadata,
      [FUSION_VALIDATION_ENTRY]: fitRecord,
    },
    limits: [...card.limits.filter((l) => l !== FUSION_LIMIT), FUSION_LIMIT],
  });
  if (values.report) {
    await mkdir(dirname(values.report), { recursive: true });
    await writeFile(
      values.report,
      JSON.stringify(
        {
          model: dir,
          command,
          fit: fitRecord,
          'ham10000-test': imageAlone,
          [FUSION_TEST_ENTRY]: withMetadata,
        },
        null,
        2,
      ) + '\n',
    );
  }
  const headline = (m: typeof imageAlone) => ({
    balancedAccuracy: m.balancedAccuracy,
    accuracy: m.accuracy,
    melanomaAuc: m.auc,
    melanomaSensitivity: m.sensitivity,
    melanomaSpecificity: m.specificity,
    ece: m.ece,
  });
  console.log(
    JSON.stringify(
      {
        metadataWeight: weight.metadataWeight,
        temperature: weight.temperature,
        decisionRuleKept: keepRule,
        validation: {
          imageBalancedAccuracy: fitRecord.validationImageBalancedAccuracy,
          fusedBalancedAccuracy: fitRecord.validationFusedBalancedAccuracy,
          fusedRuleCrossValidated: validation.crossValidatedBalancedAccuracy,
        },
        test: {
          imageAlone: headline(imageAlone),
          withMetadata: headline(withMetadata),
          metadataAloneBalancedAccuracy: metadataAlone,
        },
      },
      null,
      2,
    ),
  );
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  throw new Error(
    `lesion-metadata-fusion is not a model task: its test scores are in ${request.modelDir}/card.json ("${FUSION_TEST_ENTRY}")`,
  );
}

export const lesionMetadataFusionTask: TrainerTask = {
  name: 'lesion-metadata-fusion',
  description:
    'Fuses a shipped HAM10000 model with the clinical metadata (age, sex, site): regression on train, weight on validation; scores test with and without',
  formats: [],
  train,
  evaluate,
  usage: USAGE,
};
