// `trainer train --task lesion-decision-rule`: adds the balanced decision rule (post-hoc logit
// adjustment fitted on the validation split, see ./decision-rule) to a shipped HAM10000 model
// (CNN, feature SVM or ensemble). Nothing is retrained: the offsets go into the model's
// calibration.json beside its temperature, and the card gets the test split scored both ways
// (argmax and the rule), the validation fit with its cross-validation, and the command.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';

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
import { requiredDataFolder } from './dermoscopy-training';
import { logProbabilities } from './feature-svm';
import { HAM_LABELS, ham10000Samples } from './ham10000-split';
import { modelProbabilities } from './model-probabilities';

const USAGE = `trainer train --task lesion-decision-rule [options]
  --model <dir>           shipped lesion-classification, lesion-svm or lesion-ensemble directory (required)
  --data <dir>            HAM10000 folder (required)
  --l2 <x>                L2 penalty on the offsets (default 0)
  --folds <n>             cross-validation folds on the validation split (default 5)`;

const MODEL_TASKS = ['lesion-classification', 'lesion-svm', 'lesion-ensemble'];

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      l2: { type: 'string', default: '0' },
      folds: { type: 'string', default: '5' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  const dir = values.model;
  if (!dir) throw new Error('--model <dir> is required: the shipped HAM10000 model to add the rule to');
  const l2 = Number(values.l2);
  const folds = Number(values.folds);
  if (!(l2 >= 0)) throw new Error(`--l2 must be a number >= 0, got "${values.l2}"`);
  if (!(Number.isInteger(folds) && folds >= 2))
    throw new Error(`--folds must be an integer >= 2, got "${values.folds}"`);
  const card = await readModelCard(dir);
  if (!MODEL_TASKS.includes(card.task)) {
    throw new Error(`${join(dir, 'card.json')}: task "${card.task}" is not one of ${MODEL_TASKS.join(', ')}`);
  }
  if (card.labels.join() !== HAM_LABELS.join()) {
    throw new Error(`${join(dir, 'card.json')}: labels ${card.labels.join(', ')} are not HAM10000's`);
  }
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
  // The probabilities are already calibrated: the argmax entry keeps the model's own temperature
  // and uncalibrated ECE from its card where it had them.
  const previous = card.metrics['ham10000-test'] ?? {};
  const calibrationPath = join(dir, CALIBRATION_FILE);
  const calibration = JSON.parse(await readFile(calibrationPath, 'utf8')) as Record<string, unknown>;
  await writeFile(calibrationPath, JSON.stringify({ ...calibration, decisionRule: rule }, null, 2) + '\n');
  const command = `npm run trainer -- train --task lesion-decision-rule ${args.join(' ')}`.trim();
  await writeModelCard(dir, {
    ...card,
    command: card.command.includes('--task lesion-decision-rule')
      ? card.command.replace(/ && npm run trainer -- train --task lesion-decision-rule.*$/, ` && ${command}`)
      : `${card.command} && ${command}`,
    metrics: {
      ...card.metrics,
      'ham10000-test': {
        ...argmax,
        uncalibratedEce: previous.uncalibratedEce ?? argmax.uncalibratedEce,
        temperature: previous.temperature ?? calibration.temperature,
      },
      [RULE_TEST_ENTRY]: balanced,
      [RULE_VALIDATION_ENTRY]: { ...validation },
    },
    limits: [
      ...card.limits.filter((l) => !l.startsWith('The reported diagnosis uses the balanced decision rule')),
      RULE_LIMIT,
    ],
  });
  const headline = (m: {
    balancedAccuracy: number;
    accuracy: number;
    auc: number;
    sensitivity: number;
    specificity: number;
  }) => ({
    balancedAccuracy: m.balancedAccuracy,
    accuracy: m.accuracy,
    melanomaAuc: m.auc,
    melanomaSensitivity: m.sensitivity,
    melanomaSpecificity: m.specificity,
  });
  console.log(
    JSON.stringify(
      { offsets: validation.offsets, validation, testArgmax: headline(argmax), testRule: headline(balanced) },
      null,
      2,
    ),
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
