import { describe, expect, it } from 'vitest';
import { normalRandom, seededRandom } from '../data/seeded-random';
import {
  fitGaussianNovelty,
  gaussianNoveltyToJSON,
  mahalanobisDistance,
  parseGaussianNovelty,
  quantile,
} from './gaussian-novelty';

/** Rows from N(mu, A Aᵀ) with A = [[2, 0], [1.5, 0.5]] (correlated features). */
function correlatedRows(n: number, seed: number): number[][] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const z1 = normalRandom(rand);
    const z2 = normalRandom(rand);
    return [10 + 2 * z1, -3 + 1.5 * z1 + 0.5 * z2];
  });
}

describe('Gaussian novelty (Mahalanobis distance)', () => {
  it('recovers the mean and gives the textbook distance of the true covariance', () => {
    const model = fitGaussianNovelty(correlatedRows(20000, 1), { shrinkage: 0 });
    expect(model.mean[0]).toBeCloseTo(10, 1);
    expect(model.mean[1]).toBeCloseTo(-3, 1);
    // Σ = [[4, 3], [3, 2.5]]; Σ⁻¹ = [[2.5, -3], [-3, 4]] / 1. For x − μ = (1, 0): d² = 2.5.
    expect(mahalanobisDistance(model, [11, -3])).toBeCloseTo(Math.sqrt(2.5), 1);
    // Along the correlation a point is near; against it, far, at the same Euclidean distance.
    expect(mahalanobisDistance(model, [12, -1.5])).toBeLessThan(mahalanobisDistance(model, [12, -4.5]));
    expect(mahalanobisDistance(model, [model.mean[0], model.mean[1]])).toBeCloseTo(0, 6);
  });

  it('squared distances of reference-like rows average the dimension (chi-square)', () => {
    const model = fitGaussianNovelty(correlatedRows(5000, 2), { shrinkage: 0 });
    const fresh = correlatedRows(2000, 3).map((r) => mahalanobisDistance(model, r) ** 2);
    expect(fresh.reduce((a, b) => a + b, 0) / fresh.length).toBeCloseTo(2, 0);
  });

  it('shrinkage keeps a singular covariance invertible; without it the error says what to do', () => {
    const rows = [
      [1, 2],
      [2, 4],
      [3, 6],
    ];
    expect(() => fitGaussianNovelty(rows, { shrinkage: 0 })).toThrow(
      /not positive definite.*shrinkage above 0/,
    );
    const model = fitGaussianNovelty(rows, { shrinkage: 0.1 });
    expect(Number.isFinite(mahalanobisDistance(model, [5, 0]))).toBe(true);
    expect(mahalanobisDistance(model, [4, 8])).toBeLessThan(mahalanobisDistance(model, [4, 0]));
  });

  it('names bad rows and shrinkage', () => {
    expect(() => fitGaussianNovelty([[1, 2]])).toThrow(/at least 2 reference rows, got 1/);
    expect(() => fitGaussianNovelty([[1, 2], [1]])).toThrow(/reference row 1 has 1 features, row 0 has 2/);
    expect(() =>
      fitGaussianNovelty([
        [1, Number.NaN],
        [1, 2],
      ]),
    ).toThrow(/reference row 0 feature 1 is NaN/);
    expect(() => fitGaussianNovelty(correlatedRows(10, 1), { shrinkage: 1 })).toThrow(
      /shrinkage must be in \[0, 1\)/,
    );
    const model = fitGaussianNovelty(correlatedRows(10, 1));
    expect(() => mahalanobisDistance(model, [1, 2, 3])).toThrow(/the row has 3 features, the Gaussian 2/);
  });

  it('round-trips through JSON, and a malformed document names the field', () => {
    const model = fitGaussianNovelty(correlatedRows(500, 4));
    const restored = parseGaussianNovelty(JSON.parse(JSON.stringify(gaussianNoveltyToJSON(model))), 'n.json');
    expect(mahalanobisDistance(restored, [13, 0])).toBeCloseTo(mahalanobisDistance(model, [13, 0]), 4);
    const json = gaussianNoveltyToJSON(model);
    expect(() => parseGaussianNovelty({ ...json, dimension: 0 }, 'n.json')).toThrow(/n.json: "dimension"/);
    expect(() => parseGaussianNovelty({ ...json, mean: [1] }, 'n.json')).toThrow(
      /n.json: "mean" must be 2 finite numbers/,
    );
    expect(() => parseGaussianNovelty({ ...json, cholesky: [1, 0, -1] }, 'n.json')).toThrow(
      /diagonal 1 must be positive/,
    );
    expect(() => parseGaussianNovelty({ ...json, shrinkage: 2 }, 'n.json')).toThrow(/"shrinkage"/);
  });

  it('quantile interpolates between order statistics as numpy does', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 10);
    expect(quantile([7], 0.3)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow(/no values/);
    expect(() => quantile([1], 1.5)).toThrow(/q must be in \[0, 1\]/);
  });
});
