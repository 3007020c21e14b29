// What happens to a HAM10000 lesion classifier once its weights are trained (by
// `lesion-classification`, or post hoc by `lesion-precise-bn`): optionally exact BatchNorm
// statistics over the training images, the softmax temperature and the balanced decision rule
// fitted on the validation split, the test split scored (both ways when the rule is kept) with its
// plots, and the model shipped with its card and calibration.json.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { DecodeImage } from '@visioncad/vision-core/data';
import { applyTemperature, fitTemperature } from '@visioncad/vision-core/metrics';
import type { FittedOn, ModelCard } from '@visioncad/vision-core/models';

import type { EvaluateRequest } from '../../trainer-task';
import { CALIBRATION_FILE } from './calibrated-classifier';
import {
  classificationMetrics,
  predictLogProbabilities,
  writeClassificationPlots,
  type LabelledImage,
} from './classification-evaluation';
import {
  decisionRuleMetrics,
  fitDecisionRule,
  RULE_LIMIT,
  RULE_TEST_ENTRY,
  RULE_VALIDATION_ENTRY,
} from './decision-rule';
import { HAM_LABELS } from './ham10000-split';
import { recomputeBatchNormStatistics } from '@visioncad/vision-core/training';
import { shipModel } from './ship-model';

/** --decision-rule: keep the rule when cross-validation on validation favours it, always, or never. */
export type RuleChoice = 'auto' | 'balanced' | 'most-probable';

export function parseRuleChoice(value: string): RuleChoice {
  if (value !== 'auto' && value !== 'balanced' && value !== 'most-probable') {
    throw new Error(`--decision-rule must be auto, balanced or most-probable, got "${value}"`);
  }
  return value;
}

/** The card line of a model whose BatchNorm statistics were recomputed. */
export const PRECISE_BN_NOTE = 'BatchNorm statistics recomputed over the training images (precise BN)';

/** The images as [n, S, S, 3] batches in [0, 1], for `recomputeBatchNormStatistics`. */
export function imageBatches(
  images: readonly LabelledImage[],
  decode: DecodeImage,
  size: number,
  batchSize = 128,
) {
  return async function* (): AsyncIterable<tf.Tensor4D> {
    for (let start = 0; start < images.length; start += batchSize) {
      const part = images.slice(start, start + batchSize);
      const x = new Float32Array(part.length * size * size * 3);
      for (let i = 0; i < part.length; i++) {
        const img = await decode(part[i].path);
        x.set(
          Float32Array.from(img.data, (v) => v / 255),
          i * size * size * 3,
        );
      }
      yield tf.tensor4d(x, [part.length, size, size, 3]);
    }
  };
}

export interface FinishRequest {
  model: tf.LayersModel;
  data: { train: LabelledImage[]; val: LabelledImage[]; test: LabelledImage[] };
  decode: DecodeImage;
  seed: number;
  runDir: string;
  outDir: string;
  ruleChoice: RuleChoice;
  preciseBatchNorm: boolean;
  register: boolean;
  /** The card without metrics and weights; limits get the rule's line when it is kept. */
  card: Omit<ModelCard, 'metrics' | 'weights'>;
  /** More fields for the console summary. */
  extra?: Record<string, unknown>;
  /** The lesions the model was trained, validated and calibrated on (fitted-on.json). */
  fittedOn: FittedOn;
}

/**
 * The `evaluate` of a task whose output is a lesion-classification model (precise BN, servable
 * ensembles): it refuses, pointing at the model's own task.
 */
export function evaluateAsLesionClassification(task: string) {
  return async (request: EvaluateRequest): Promise<Record<string, unknown>> => {
    throw new Error(
      `${task} makes lesion-classification models: evaluate ${request.modelDir} (its card's task) instead`,
    );
  };
}

export async function finishClassifier(request: FinishRequest): Promise<ModelCard> {
  const { model, data, decode, seed, runDir, outDir } = request;
  const size = model.inputs[0].shape[1] as number;
  let architecture = request.card.architecture;
  if (request.preciseBatchNorm) {
    const t0 = Date.now();
    const layers = await recomputeBatchNormStatistics(model, imageBatches(data.train, decode, size));
    console.error(
      `precise BN: ${layers.length} layers over ${data.train.length} images in ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    architecture = `${architecture.replace(/; temperature-scaled$/, '')}; ${PRECISE_BN_NOTE.replace('the training images', `the ${data.train.length} training images`)}; temperature-scaled`;
  }
  const yVal = data.val.map((s) => s.label);
  const valLogProbs = await predictLogProbabilities(tf, model, data.val, decode);
  const calibration = fitTemperature(valLogProbs, yVal);
  const decision = fitDecisionRule(
    applyTemperature(valLogProbs, calibration.temperature),
    yVal,
    HAM_LABELS,
    `HAM10000 validation split (seed ${seed}, ${data.val.length} images): class-balanced NLL of the calibrated probabilities`,
    { seed },
  );
  const keepRule =
    request.ruleChoice === 'balanced' ||
    (request.ruleChoice === 'auto' &&
      decision.validation.crossValidatedBalancedAccuracy > decision.validation.argmaxBalancedAccuracy);
  const testLogProbs = await predictLogProbabilities(tf, model, data.test, decode);
  const yTest = data.test.map((s) => s.label);
  const { probs, ...test } = classificationMetrics(
    testLogProbs,
    yTest,
    HAM_LABELS,
    calibration.temperature,
    'mel',
  );
  const plots = await writeClassificationPlots(
    join(runDir, 'ham10000-test'),
    HAM_LABELS,
    yTest,
    probs,
    test.confusionMatrix,
    test.ece,
  );
  const ruleTest = keepRule
    ? decisionRuleMetrics(probs, yTest, HAM_LABELS, decision.rule.offsets, 'mel')
    : null;
  await writeFile(
    join(runDir, 'ham10000-test-metrics.json'),
    JSON.stringify({ ...test, plots, ...(ruleTest ? { balancedRule: ruleTest } : {}) }, null, 2) + '\n',
  );
  const reported = ruleTest ?? test;
  const card = await shipModel(
    model,
    outDir,
    {
      ...request.card,
      architecture,
      metrics: {
        'ham10000-test': test,
        'validation-calibration': { ...calibration },
        ...(ruleTest ? { [RULE_TEST_ENTRY]: ruleTest } : {}),
        [RULE_VALIDATION_ENTRY]: { ...decision.validation, kept: keepRule },
      },
      limits: [...request.card.limits, ...(keepRule ? [RULE_LIMIT] : [])],
    },
    'float16',
    request.register
      ? {
          note: `HAM10000 test balanced accuracy ${reported.balancedAccuracy.toFixed(3)}${ruleTest ? ' (balanced decision rule)' : ''}, melanoma AUC ${test.auc.toFixed(3)}`,
        }
      : null,
    request.fittedOn,
  );
  await writeFile(
    join(outDir, CALIBRATION_FILE),
    JSON.stringify(
      { temperature: calibration.temperature, ...(keepRule ? { decisionRule: decision.rule } : {}) },
      null,
      2,
    ) + '\n',
  );
  const { perClass: _p, confusionMatrix: _c, rocCurves: _r, reliabilityBins: _b, ...headline } = test;
  console.log(
    JSON.stringify(
      {
        test: headline,
        balancedRule: ruleTest ? { balancedAccuracy: ruleTest.balancedAccuracy } : 'not kept',
        decisionRuleValidation: decision.validation,
        weights: card.weights,
        ...request.extra,
      },
      null,
      2,
    ),
  );
  return card;
}
