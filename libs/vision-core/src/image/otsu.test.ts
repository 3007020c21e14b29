import { describe, expect, it } from 'vitest';

import { otsuThreshold } from './otsu';

describe('otsuThreshold', () => {
  it('splits a bimodal histogram between its modes', () => {
    const hist = new Array(256).fill(0);
    hist[40] = 100;
    hist[45] = 80;
    hist[190] = 60;
    hist[200] = 120;
    const t = otsuThreshold(hist);
    expect(t).toBeGreaterThanOrEqual(45);
    expect(t).toBeLessThan(190);
  });

  it('rejects histograms that are not 256 bins', () => {
    expect(() => otsuThreshold([1, 2])).toThrow(/256 bins/);
  });
});
