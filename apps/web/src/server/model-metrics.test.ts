import { describe, expect, it } from 'vitest';
import {
  parseCardEvaluations,
  type ClassificationEvaluation,
  type SegmentationEvaluation,
} from './model-metrics';

const CARD = 'models/x/card.json';

const classification = {
  accuracy: 0.75,
  balancedAccuracy: 0.7,
  macroF1: 0.68,
  rocAucMacro: 0.81,
  labels: ['mel', 'nv'],
  perClass: {
    mel: { precision: 0.5, recall: 0.6, f1: 0.545, support: 5, tpr: 0.6, fpr: 0.2 },
    nv: { precision: 0.9, recall: 0.8, f1: 0.847, support: 15, tpr: 0.8, fpr: 0.4 },
  },
  confusionMatrix: [
    [3, 2],
    [3, 12],
  ],
  n: 20,
  positiveClass: 'mel',
  sensitivity: 0.6,
  specificity: 0.8,
  auc: 0.84,
  ece: 0.05,
};

describe('parseCardEvaluations', () => {
  it('reads a classifier entry: matrix, per-class operating points, headline in a fixed order', () => {
    const { evaluations, problems } = parseCardEvaluations({ 'ham-test': classification }, CARD);
    expect(problems).toEqual([]);
    const evaluation = evaluations[0] as ClassificationEvaluation;
    expect(evaluation.kind).toBe('classification');
    expect(evaluation.n).toBe(20);
    expect(evaluation.confusionMatrix).toEqual(classification.confusionMatrix);
    expect(evaluation.perClass?.map((c) => [c.label, c.fpr, c.tpr])).toEqual([
      ['mel', 0.2, 0.6],
      ['nv', 0.4, 0.8],
    ]);
    expect(evaluation.binary).toEqual({
      positiveClass: 'mel',
      sensitivity: 0.6,
      specificity: 0.8,
      auc: 0.84,
    });
    expect(evaluation.headline.map((m) => m.key)).toEqual([
      'accuracy',
      'balancedAccuracy',
      'macroF1',
      'rocAucMacro',
      'auc',
      'sensitivity',
      'specificity',
      'ece',
    ]);
    expect(evaluation.headline.find((m) => m.key === 'auc')?.label).toBe('AUC (mel vs rest)');
    expect(evaluation.missing).toEqual([
      'ROC curve points (the card has the AUC and one operating point per class)',
      'reliability-diagram bins (the card has the ECE only)',
    ]);
  });

  it('says when a classifier card has no ECE either', () => {
    const { ece: _ece, ...withoutEce } = classification;
    const evaluation = parseCardEvaluations({ t: withoutEce }, CARD)
      .evaluations[0] as ClassificationEvaluation;
    expect(evaluation.missing[1]).toBe('reliability-diagram bins and ECE');
  });

  it('reads a segmentation entry with its baseline', () => {
    const { evaluations } = parseCardEvaluations(
      { 'ph2-heldout': { n: 40, dice: 0.91, jaccard: 0.84, otsuBaseline: { dice: 0.89, jaccard: 0.82 } } },
      CARD,
    );
    const evaluation = evaluations[0] as SegmentationEvaluation;
    expect(evaluation.kind).toBe('segmentation');
    expect(evaluation.headline.map((m) => [m.label, m.value])).toEqual([
      ['Dice', 0.91],
      ['Jaccard', 0.84],
    ]);
    expect(evaluation.baseline).toEqual({
      name: 'Otsu',
      headline: [
        { key: 'dice', label: 'Dice', value: 0.89 },
        { key: 'jaccard', label: 'Jaccard', value: 0.82 },
      ],
    });
  });

  it('keeps numbers-only entries (temperature fitting) as "other"', () => {
    const { evaluations } = parseCardEvaluations(
      { calibration: { temperature: 1.08, nllAfter: 1.05 } },
      CARD,
    );
    expect(evaluations[0]).toEqual({
      kind: 'other',
      name: 'calibration',
      headline: [
        { key: 'temperature', label: 'Temperature', value: 1.08 },
        { key: 'nllAfter', label: 'NLL after scaling', value: 1.05 },
      ],
    });
  });

  it('names the card, entry and field of a broken matrix, and still reads the other entries', () => {
    const { evaluations, problems } = parseCardEvaluations(
      {
        broken: { ...classification, confusionMatrix: [[1, 2]] },
        negative: {
          ...classification,
          confusionMatrix: [
            [1, -2],
            [0, 1],
          ],
        },
        fine: classification,
      },
      CARD,
    );
    expect(evaluations.map((e) => e.name)).toEqual(['fine']);
    expect(problems).toEqual([
      {
        name: 'broken',
        error: 'models/x/card.json metrics["broken"].confusionMatrix must have one row per label (2), got 1',
      },
      {
        name: 'negative',
        error: 'models/x/card.json metrics["negative"].confusionMatrix[0][1] = -2 is not a count',
      },
    ]);
  });

  it('refuses a per-class table that lacks a label', () => {
    const { problems } = parseCardEvaluations(
      { t: { ...classification, perClass: { mel: classification.perClass.mel } } },
      CARD,
    );
    expect(problems[0].error).toBe('models/x/card.json metrics["t"].perClass has no entry for "nv"');
  });
});
