// `trainer train --task lesion-decision-rule`: adds the balanced decision rule (post-hoc logit
// adjustment fitted on the validation split, see ./decision-rule) to a shipped HAM10000 model
// (CNN, feature SVM or ensemble). Nothing is retrained. The model keeps the rule (offsets in its
// calibration.json beside the temperature, the rule's test scores in its card) only when the rule's
// cross-validated validation balanced accuracy beats the argmax's, or with --keep always; the card
// records the validation fit and the command either way, and --report writes both test scorings.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeModelCard } from '@visioncad/vision-core/models-node';
import { shellWords } from '@visioncad/vision-core/models';

import type { EvaluateRequest, TrainerTask } from '../../trainer-task';
import { CALIBRATION_FILE } from './calibrated-classifier';
import { classificationMetrics } from './classification-evaluation';
import {
  decisionRuleMetrics,
  fitDecisionRule,
  RULE_LIMIT,
  RULE_TEST_ENTRY,
  RULE_VALIDATION_ENTRY,
} from './decision-rule';
import { requiredDataFolder, withFinalStep } from './dermoscopy-training';
import { logProbabilities } from './feature-svm';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import { modelProbabilities, readHamModelCard } from './model-probabilities';

const USAGE = `trainer train --task lesion-decision-rule [options]
  --model <dir>           shipped lesion-classification, lesion-svm or lesion-ensemble directory (required)
  --data <dir>            HAM10000 folder (required)
  --l2 <x>                L2 penalty on the offsets (default 0)
  --folds <n>             cross-validation folds on the validation split (default 5)
  --keep <auto|always>    auto (default): the model keeps the rule only when its cross-validated
                          validation balanced accuracy beats the argmax's; always: keep it
  --report <file>         also write the validation fit and both test scorings to this JSON`;

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      l2: { type: 'string', default: '0' },
      folds: { type: 'string', default: '5' },
      keep: { type: 'string', default: 'auto' },
      report: { type: 'string' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dir = values.model;
  if (!dir) throw new Error('--model <dir> is required: the shipped HAM10000 model to add the rule to');
  const l2 = Number(values.l2);
  const folds = Number(values.folds);
  if (values.keep !== 'auto' && values.keep !== 'always') {
    throw new Error(`--keep must be auto or always, got "${values.keep}"`);
  }
  if (!(l2 >= 0)) throw new Error(`--l2 must be a number >= 0, got "${values.l2}"`);
  if (!(Number.isInteger(folds) && folds >= 2))
    throw new Error(`--folds must be an integer >= 2, got "${values.folds}"`);
  const card = await readHamModelCard(dir);
  const data = await ham10000Samples(requiredDataFolder(values.data, 'HAM10000'), card.seed);
  const valProbs = await modelProbabilities(dir, data.val);
  const { rule, validation } = fitDecisionRule(
    valProbs,
    data.val.map((s) => s.label),
    HAM_LABELS,
    `HAM10000 validation split (seed ${card.seed}, ${data.val.length} images): class-balanced NLL of the calibrated probabilities${l2 > 0 ? `, L2 ${l2}` : ''}`,
    { folds, l2, seed: card.seed },
  );
  const testProbs = await modelProbabilities(dir, data.test);
  const yTest = data.test.map((s) => s.label);
  const { probs: _p, ...argmax } = classificationMetrics(
    logProbabilities(testProbs),
    yTest,
    HAM_LABELS,
    1,
    'mel',
  );
  const balanced = decisionRuleMetrics(testProbs, yTest, HAM_LABELS, rule.offsets, 'mel');
  // The test scores are reported either way; only the validation split decides whether the model
  // keeps the rule.
  const kept =
    values.keep === 'always' || validation.crossValidatedBalancedAccuracy > validation.argmaxBalancedAccuracy;
  const command = `npm run trainer -- train --task lesion-decision-rule ${shellWords(args)}`.trim();
  const calibrationPath = join(dir, CALIBRATION_FILE);
  const { decisionRule: _old, ...calibration } = JSON.parse(
    await readFile(calibrationPath, 'utf8'),
  ) as Record<string, unknown>;
  await writeFile(
    calibrationPath,
    JSON.stringify({ ...calibration, ...(kept ? { decisionRule: rule } : {}) }, null, 2) + '\n',
  );
  const { [RULE_TEST_ENTRY]: _oldTest, ...metrics } = card.metrics;
  await writeModelCard(dir, {
    ...card,
    command: withFinalStep(card.command, 'lesion-decision-rule', command),
    metrics: {
      ...metrics,
      ...(kept ? { [RULE_TEST_ENTRY]: balanced } : {}),
      [RULE_VALIDATION_ENTRY]: { ...validation, kept },
    },
    limits: [...card.limits.filter((l) => l !== RULE_LIMIT), ...(kept ? [RULE_LIMIT] : [])],
  });
  const report = {
    model: dir,
    command,
    kept,
    validation,
    'ham10000-test': argmax,
    [RULE_TEST_ENTRY]: balanced,
  };
  if (values.report) {
    await mkdir(dirname(values.report), { recursive: true });
    await writeFile(values.report, JSON.stringify(report, null, 2) + '\n');
  }
  const headline = (m: typeof argmax | typeof balanced) => ({
    balancedAccuracy: m.balancedAccuracy,
    accuracy: m.accuracy,
    melanomaAuc: m.auc,
    melanomaSensitivity: m.sensitivity,
    melanomaSpecificity: m.specificity,
  });
  console.log(
    JSON.stringify({ kept, validation, testArgmax: headline(argmax), testRule: headline(balanced) }, null, 2),
  );
}

async function evaluate(request: EvaluateRequest): Promise<Record<string, unknown>> {
  throw new Error(
    `lesion-decision-rule is not a model task: evaluate the model itself (${request.modelDir}); its evaluation includes the rule`,
  );
}

export const lesionDecisionRuleTask: TrainerTask = {
  name: 'lesion-decision-rule',
  description:
    'Fits the balanced decision rule (logit adjustment on validation) of a shipped HAM10000 model; scores test both ways',
  formats: [],
  train,
  evaluate,
  usage: USAGE,
};
