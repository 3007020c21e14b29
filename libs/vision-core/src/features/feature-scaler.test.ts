import { describe, expect, it } from 'vitest';

import { applyScaler, fitScaler } from './feature-scaler';

describe('feature scaling', () => {
  const rows = [
    [0, 10, 5],
    [5, 20, 5],
    [10, 30, 5],
  ];

  it('min-max maps the training range of each feature to [0, 1]', () => {
    const scaled = applyScaler(fitScaler(rows, 'min-max'), rows).map((r) => Array.from(r));
    expect(scaled).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0],
      [1, 1, 0],
    ]);
  });

  it('z-score gives mean 0 and unit (population) standard deviation', () => {
    const scaler = fitScaler(rows, 'z-score');
    const scaled = applyScaler(scaler, rows);
    expect(scaled[0][0]).toBeCloseTo(-Math.sqrt(1.5), 10);
    expect(scaled[1][1]).toBe(0);
    expect(scaled[2][1]).toBeCloseTo(Math.sqrt(1.5), 10);
    expect(JSON.parse(JSON.stringify(scaler))).toEqual(scaler);
  });

  it('maps a feature that was constant in training to 0, even for unseen values', () => {
    const scaler = fitScaler(rows, 'z-score');
    expect(applyScaler(scaler, [[5, 20, 99]])[0][2]).toBe(0);
  });

  it('rejects ragged rows, wrong widths and non-finite values', () => {
    expect(() => fitScaler([[1, 2], [3]], 'min-max')).toThrow(/row 1 has 1 features, expected 2/);
    expect(() => fitScaler([[1, NaN]], 'min-max')).toThrow(/row 0 feature 1 is NaN/);
    expect(() => applyScaler(fitScaler(rows, 'min-max'), [[1, 2]])).toThrow(/expected 3/);
    expect(() => fitScaler([], 'min-max')).toThrow(/no rows/);
  });
});
