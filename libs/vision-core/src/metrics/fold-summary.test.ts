import { describe, expect, it } from 'vitest';

import { meanAndSd } from './fold-summary';

describe('meanAndSd', () => {
  it('gives the mean and the population standard deviation, and refuses no values', () => {
    const [mean, sd] = meanAndSd([0.9, 1, 0.8, 1]);
    expect(mean).toBeCloseTo(0.925, 12);
    expect(sd).toBeCloseTo(Math.sqrt((0.025 ** 2 + 0.075 ** 2 + 0.125 ** 2 + 0.075 ** 2) / 4), 12);
    expect(meanAndSd([0.5])).toEqual([0.5, 0]);
    expect(() => meanAndSd([])).toThrow(/at least one value/);
  });
});
