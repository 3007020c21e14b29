import { describe, expect, it } from 'vitest';

import { seededRandom } from '../data/seeded-random';
import { kFold } from './cross-validation';
import { svmFoldPredictions, svmGridSearch } from './svm-cross-validation';

/** Two classes separated along feature 0 only; feature 1 is large noise that scaling must tame. */
function data(n: number) {
  const random = seededRandom(11);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const rows = labels.map((c) => [c * 2 + random() * 0.5, random() * 1000]);
  return { rows, labels };
}

describe('svmGridSearch', () => {
  const { rows, labels } = data(80);
  const folds = kFold(80, 4, { seed: 1, stratify: labels });

  it('ranks a well-scaled RBF above a degenerate one and reports per-fold scores', async () => {
    const seen: number[] = [];
    const search = await svmGridSearch(
      rows,
      labels,
      folds,
      [
        { kernel: 'rbf', C: 1e-3, gamma: 1e4 },
        { kernel: 'rbf', C: 10, gamma: 0.5 },
      ],
      { scaling: 'z-score', numClasses: 2, score: 'macroF1', onResult: (r) => seen.push(r.meanScore) },
    );
    expect(seen).toHaveLength(2);
    expect(search.best.params).toEqual({ kernel: 'rbf', C: 10, gamma: 0.5 });
    expect(search.best.meanScore).toBe(1);
    expect(search.best.foldScores).toHaveLength(4);
    expect(search.results[1].meanScore).toBeLessThan(0.7);
  });

  it('predicts each test fold from a model that never saw it', async () => {
    const fold = folds[0];
    const predicted = await svmFoldPredictions(rows, labels, { kernel: 'linear', C: 1 }, fold, {
      scaling: 'min-max',
      numClasses: 2,
    });
    expect(Array.from(predicted)).toEqual(fold.test.map((i) => labels[i]));
  });
});
