import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@visioncad/vision-core/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decisionRuleEvaluation } from './classification-evaluation';
import { decisionRuleMetrics, fitDecisionRule, stratifiedFolds } from './decision-rule';

const labels = ['a', 'b', 'c'];

/**
 * An imbalanced three-class problem (80/15/5 %) whose probabilities are the exact posteriors of
 * three 1-D Gaussians: calibrated, so the argmax under-calls the rare classes.
 */
function imbalanced(n: number, seed: string): { probs: number[][]; y: number[] } {
  const random = seededRandom(1, seed);
  const priors = [0.8, 0.15, 0.05];
  const means = [-1.5, 0, 1.5];
  const probs: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = random();
    const k = u < 0.8 ? 0 : u < 0.95 ? 1 : 2;
    const x = means[k] + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const joint = means.map((m, c) => priors[c] * Math.exp(-0.5 * (x - m) ** 2));
    const total = joint.reduce((s, v) => s + v, 0);
    probs.push(joint.map((v) => v / total));
    y.push(k);
  }
  return { probs, y };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decision-rule-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('balanced decision rule', () => {
  it('deals every class evenly over the folds, reproducibly', () => {
    const y = [...new Array(10).fill(0), ...new Array(5).fill(1), ...new Array(3).fill(2)];
    const folds = stratifiedFolds(y, 3, 7);
    expect(stratifiedFolds(y, 3, 7)).toEqual(folds);
    for (const c of [0, 1, 2]) {
      const perFold = [0, 1, 2].map((f) => y.filter((v, i) => v === c && folds[i] === f).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('fits offsets that raise balanced accuracy, and its cross-validation sees it too', () => {
    const validation = imbalanced(3000, 'val');
    const { rule, validation: fit } = fitDecisionRule(validation.probs, validation.y, labels, 'synthetic');
    expect(rule).toMatchObject({ kind: 'logit-adjustment', labels, fittedOn: 'synthetic' });
    expect(rule.offsets[2]).toBeGreaterThan(rule.offsets[1]);
    expect(rule.offsets[1]).toBeGreaterThan(rule.offsets[0]);
    expect(fit.crossValidatedBalancedAccuracy).toBeGreaterThan(fit.argmaxBalancedAccuracy + 0.05);
    expect(fit.offsets).toEqual({ a: rule.offsets[0], b: rule.offsets[1], c: rule.offsets[2] });

    const test = imbalanced(3000, 'test');
    const scored = decisionRuleMetrics(test.probs, test.y, labels, rule.offsets, 'c');
    const argmax = decisionRuleMetrics(test.probs, test.y, labels, [0, 0, 0], 'c');
    expect(scored.balancedAccuracy).toBeGreaterThan(argmax.balancedAccuracy + 0.05);
    // The rule recalls more of the rare positive class; what does not depend on it stays put.
    expect(scored.sensitivity).toBeGreaterThan(argmax.sensitivity);
    expect(scored.auc).toBe(argmax.auc);
    expect(scored.ece).toBe(argmax.ece);
    expect(scored.rocCurves).toEqual(argmax.rocCurves);
    expect(scored.confusionMatrix.flat().reduce((s, v) => s + v, 0)).toBe(3000);
  });

  it('refuses a validation split too small to cross-validate, naming the classes', () => {
    const probs = [
      [0.8, 0.1, 0.1],
      [0.1, 0.8, 0.1],
      [0.1, 0.1, 0.8],
    ];
    expect(() => fitDecisionRule(probs, [0, 1, 2], labels, 'x', { folds: 2 })).toThrow(
      'the validation split has fewer than 2 images of a, b, c',
    );
  });

  it('scores a model directory whose calibration.json has a rule, and nothing when it has none', async () => {
    const { probs, y } = imbalanced(200, 'dir');
    await writeFile(join(dir, 'calibration.json'), JSON.stringify({ temperature: 1 }));
    expect(await decisionRuleEvaluation(dir, labels, y, probs, join(dir, 'eval'), 'c')).toBeNull();
    const decisionRule = { kind: 'logit-adjustment', labels, offsets: [-1, 0, 1], fittedOn: 'test fixture' };
    await writeFile(join(dir, 'calibration.json'), JSON.stringify({ temperature: 1, decisionRule }));
    const scored = await decisionRuleEvaluation(dir, labels, y, probs, join(dir, 'eval'), 'c');
    expect(scored).toMatchObject({ decisionRule: 'logit-adjustment', fittedOn: 'test fixture', n: 200 });
    expect(scored!.plots).toEqual([
      join(dir, 'eval-rule-confusion.png'),
      join(dir, 'eval-rule-confusion-normalized.png'),
    ]);
  });
});
