import { describe, expect, it } from 'vitest';

import { kFold } from './cross-validation';
import { gridSearch, parameterGrid } from './grid-search';

describe('parameterGrid', () => {
  it('is the cartesian product of its axes', () => {
    expect(parameterGrid({ C: [1, 10], gamma: [0.1, 1, 10] })).toHaveLength(6);
    expect(parameterGrid({ C: [1, 10], gamma: [0.5] })).toEqual([
      { C: 1, gamma: 0.5 },
      { C: 10, gamma: 0.5 },
    ]);
    expect(() => parameterGrid({ C: [] })).toThrow(/axis "C" has no values/);
  });
});

describe('gridSearch', () => {
  it('scores every candidate on every fold and ranks by mean score', async () => {
    const folds = kFold(12, 3, { seed: 0 });
    const calls: string[] = [];
    const search = await gridSearch(parameterGrid({ a: [1, 2, 3] }), folds, ({ a }, _fold, f) => {
      calls.push(`${a}/${f}`);
      return -((a - 2) ** 2) + f * 0.1;
    });
    expect(calls).toHaveLength(9);
    expect(search.best.params).toEqual({ a: 2 });
    expect(search.best.foldScores).toEqual([0, 0.1, 0.2]);
    expect(search.best.meanScore).toBeCloseTo(0.1, 10);
    expect(search.results.map((r) => r.params.a)).toEqual([2, 1, 3]);
  });

  it('rejects a non-finite score, naming the candidate', async () => {
    await expect(gridSearch([{ C: 1 }], kFold(4, 2), () => NaN)).rejects.toThrow(/\{"C":1\} scored NaN/);
  });
});
