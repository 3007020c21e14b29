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
  it('says which decision each scoring used: argmax, or the rule the entry names, and whether the model reports with it', () => {
    const plain = parseCardEvaluations({ 'ham-test': classification }, CARD)
      .evaluations[0] as ClassificationEvaluation;
    expect(plain.decision).toEqual({ rule: null, modelUsesRule: false });
    const { evaluations } = parseCardEvaluations(
      {
        'ham-test': classification,
        'ham-test-balanced-rule': { ...classification, decisionRule: 'logit-adjustment' },
        'validation-decision-rule': { n: 10, kept: true },
      },
      CARD,
    );
    expect((evaluations as ClassificationEvaluation[]).slice(0, 2).map((e) => e.decision)).toEqual([
      { rule: null, modelUsesRule: true },
      { rule: 'logit-adjustment', modelUsesRule: true },
    ]);
  });

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
    // A card written before curve data was stored still reads, without curves.
    expect(evaluation.rocCurves).toBeNull();
    expect(evaluation.reliabilityBins).toBeNull();
  });

  const rocCurves = {
    mel: { fpr: [0, 0.1, 0.4, 1], tpr: [0, 0.5, 0.9, 1], auc: 0.84 },
    nv: { fpr: [0, 0.2, 1], tpr: [0, 0.7, 1], auc: 0.8 },
  };
  const reliabilityBins = [
    { lower: 0, upper: 0.5, count: 0, accuracy: 0, confidence: 0 },
    { lower: 0.5, upper: 1, count: 20, accuracy: 0.75, confidence: 0.8 },
  ];

  it('reads stored ROC curves and reliability bins, and no longer calls them missing', () => {
    const evaluation = parseCardEvaluations({ t: { ...classification, rocCurves, reliabilityBins } }, CARD)
      .evaluations[0] as ClassificationEvaluation;
    expect(evaluation.rocCurves).toEqual([
      { label: 'mel', ...rocCurves.mel },
      { label: 'nv', ...rocCurves.nv },
    ]);
    expect(evaluation.reliabilityBins).toEqual(reliabilityBins);
    expect(evaluation.missing).toEqual([]);
    // The arrays are chart data, not headline figures.
    expect(evaluation.headline.map((m) => m.key)).not.toContain('rocCurves');
  });

  it('keeps the curves in label order and leaves out a label without one', () => {
    const evaluation = parseCardEvaluations(
      { t: { ...classification, rocCurves: { nv: rocCurves.nv } } },
      CARD,
    ).evaluations[0] as ClassificationEvaluation;
    expect(evaluation.rocCurves?.map((c) => c.label)).toEqual(['nv']);
    expect(evaluation.missing).toEqual(['reliability-diagram bins (the card has the ECE only)']);
  });

  it('names the field at fault in broken curve data', () => {
    const problem = (entry: object) =>
      parseCardEvaluations({ t: { ...classification, ...entry } }, CARD).problems[0]?.error;
    expect(problem({ rocCurves: { ...rocCurves, bcc: rocCurves.nv } })).toBe(
      'models/x/card.json metrics["t"].rocCurves has a curve for "bcc", which is not among the labels',
    );
    expect(problem({ rocCurves: { mel: { ...rocCurves.mel, tpr: [0, 1] } } })).toBe(
      'models/x/card.json metrics["t"].rocCurves.mel.fpr has 4 points but models/x/card.json metrics["t"].rocCurves.mel.tpr has 2',
    );
    expect(problem({ rocCurves: { mel: { ...rocCurves.mel, fpr: [0, 1.5, 1, 1] } } })).toBe(
      'models/x/card.json metrics["t"].rocCurves.mel.fpr[1] = 1.5 is not a number in [0, 1]',
    );
    expect(problem({ reliabilityBins: [{ ...reliabilityBins[1], count: 2.5 }] })).toBe(
      'models/x/card.json metrics["t"].reliabilityBins[0].count = 2.5 is not a count',
    );
    expect(problem({ reliabilityBins: [] })).toBe(
      'models/x/card.json metrics["t"].reliabilityBins must be a non-empty array of bins',
    );
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
