import { describe, expect, it } from 'vitest';
import { confusionMatrixSvg } from './confusion-matrix-plot';
import { niceTicks } from './line-chart';
import { reliabilityDiagramSvg } from './reliability-diagram-plot';
import { rocCurvesSvg } from './roc-curve-plot';
import { escapeXml } from './svg';
import { trainingCurvesSvg } from './training-curves-plot';

describe('confusionMatrixSvg', () => {
  const cm = [
    [8, 2],
    [1, 9],
  ];

  it('writes every count and both labels', () => {
    const svg = confusionMatrixSvg(cm, ['happy', 'sad']);
    for (const text of ['>8<', '>2<', '>1<', '>9<', '>happy<', '>sad<', 'counts'])
      expect(svg).toContain(text);
    expect(svg.match(/<rect x="\d+" y="\d+" width="56"/g)).toHaveLength(4);
  });

  it('normalises rows when asked', () => {
    const svg = confusionMatrixSvg(cm, ['happy', 'sad'], { normalized: true });
    for (const text of ['>0.80<', '>0.20<', '>0.10<', '>0.90<']) expect(svg).toContain(text);
  });

  it('rejects a matrix that does not match the labels', () => {
    expect(() => confusionMatrixSvg(cm, ['a', 'b', 'c'])).toThrow(/3x3 for 3 labels/);
  });

  it('escapes label text', () => {
    expect(confusionMatrixSvg(cm, ['a<b', 'c&d'])).toContain('a&#60;b');
    expect(escapeXml(`"'`)).toBe('&#34;&#39;');
  });
});

describe('line charts', () => {
  it('picks round ticks covering the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 30)).toEqual([10, 20, 30]);
    expect(niceTicks(0.2, 0.7)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('draws one ROC polyline per class with a curve plus the chance line, and lists AUCs', () => {
    const svg = rocCurvesSvg([
      { label: 'happy', curve: { fpr: [0, 0, 1], tpr: [0, 1, 1], thresholds: [Infinity, 0.9, 0.1] }, auc: 1 },
      { label: 'sad', curve: null, auc: null },
    ]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('happy (AUC 1.000)');
    expect(svg).not.toContain('>sad');
  });

  it('plots only filled reliability bins and shows the ECE', () => {
    const bins = [
      { lower: 0, upper: 0.5, count: 0, accuracy: 0, confidence: 0 },
      { lower: 0.5, upper: 1, count: 4, accuracy: 0.75, confidence: 0.8 },
    ];
    const svg = reliabilityDiagramSvg(bins, 0.05);
    expect(svg).toContain('ECE 0.050');
    expect(svg.match(/<circle/g)).toHaveLength(1);
  });

  it('draws loss and accuracy panels from an epoch log, breaking lines at missing values', () => {
    const svg = trainingCurvesSvg([
      { epoch: 0, loss: 1.5, accuracy: 0.4, val_loss: 1.4, val_accuracy: 0.45 },
      { epoch: 1, loss: 1.2, accuracy: 0.5, val_loss: 1.3, val_accuracy: 0.5 },
      { epoch: 2, loss: 1.0, accuracy: 0.6 },
    ]);
    for (const text of ['>val_loss<', '>val_accuracy<', 'Training curves: loss']) expect(svg).toContain(text);
    expect(svg.match(/<polyline/g)).toHaveLength(4);
    expect(() => trainingCurvesSvg([])).toThrow(/at least one epoch/);
  });
});
