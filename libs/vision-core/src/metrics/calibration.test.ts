import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, reliabilityDiagram } from './calibration';
import { applyTemperature, fitTemperature, temperatureNll } from './temperature-scaling';

describe('calibration', () => {
  const probs = [
    [0.9, 0.05, 0.05],
    [0.2, 0.7, 0.1],
    [0.4, 0.3, 0.3],
    [0.3, 0.25, 0.45],
  ];
  const y = [0, 0, 1, 2];

  it('bins by top-class confidence', () => {
    const bins = reliabilityDiagram(y, probs, 2);
    expect(bins.map((b) => b.count)).toEqual([2, 2]);
    expect(bins[0].accuracy).toBe(0.5);
    expect(bins[0].confidence).toBeCloseTo(0.425, 12);
    expect(bins[1].confidence).toBeCloseTo(0.8, 12);
    expect(bins[1]).toMatchObject({ lower: 0.5, upper: 1 });
  });

  it('expected calibration error', () => {
    expect(expectedCalibrationError(y, probs, 2)).toBeCloseTo(0.5 * 0.075 + 0.5 * 0.3, 12);
  });

  it('puts a confidence on a bin edge into the lower bin (intervals are (lower, upper])', () => {
    const bins = reliabilityDiagram([0], [[0.5, 0.5]], 2);
    expect(bins.map((b) => b.count)).toEqual([1, 0]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => reliabilityDiagram([0], [[1.5, -0.5]], 10)).toThrow('probs[0] has a top probability 1.5');
    // Rounding above 1 (a float softmax) counts as 1.
    expect(reliabilityDiagram([0], [[1 + 1e-14, 0]], 10)[9]).toMatchObject({ count: 1, confidence: 1 });
  });
});

describe('temperature scaling', () => {
  it('finds the closed-form temperature of a two-class case', () => {
    // Three samples with logits [2, 0] are class 0, one is class 1: the NLL optimum has
    // p(class 0) = 0.75, i.e. sigmoid(2 / T) = 0.75, T = 2 / ln 3.
    const logits = [
      [2, 0],
      [2, 0],
      [2, 0],
      [2, 0],
    ];
    const fit = fitTemperature(logits, [0, 0, 0, 1]);
    expect(fit.temperature).toBeCloseTo(2 / Math.log(3), 5);
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
    expect(applyTemperature(logits, fit.temperature)[0][0]).toBeCloseTo(0.75, 6);
  });

  it('recovers the temperature that generated the labels', () => {
    // Labels sampled from softmax(z / 2) with a fixed LCG: the fitted T should be near 2.
    let state = 12345;
    const rand = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const logits: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const z = [0, 1, 2].map(() => (rand() - 0.5) * 12);
      const p = applyTemperature([z], 2)[0];
      const u = rand();
      y.push(u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2);
      logits.push(z);
    }
    const { temperature } = fitTemperature(logits, y);
    expect(temperature).toBeGreaterThan(1.9);
    expect(temperature).toBeLessThan(2.1);
    expect(temperatureNll(logits, y, temperature)).toBeLessThan(
      temperatureNll(logits, y, temperature * 1.05),
    );
    expect(temperatureNll(logits, y, temperature)).toBeLessThan(
      temperatureNll(logits, y, temperature / 1.05),
    );
  });
});
