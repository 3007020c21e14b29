import { describe, expect, it } from 'vitest';

import { groupKFold, groupShuffleSplit, kFold, stratifiedSample } from './cross-validation';

function expectPartition(folds: { train: number[]; test: number[] }[], n: number) {
  const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
  expect(tested).toEqual(Array.from({ length: n }, (_, i) => i));
  for (const f of folds) {
    expect(f.train.length + f.test.length).toBe(n);
    expect(f.train.some((i) => f.test.includes(i))).toBe(false);
  }
}

describe('kFold', () => {
  it('partitions the samples into k test folds of near-equal size', () => {
    const folds = kFold(23, 5, { seed: 1 });
    expectPartition(folds, 23);
    expect(folds.map((f) => f.test.length).sort()).toEqual([4, 4, 5, 5, 5]);
  });

  it('is reproducible for a seed and changes with it', () => {
    expect(kFold(30, 3, { seed: 7 })).toEqual(kFold(30, 3, { seed: 7 }));
    expect(kFold(30, 3, { seed: 7 })).not.toEqual(kFold(30, 3, { seed: 8 }));
  });

  it('stratifies: each fold gets its share of a rare class', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const folds = kFold(100, 5, { seed: 3, stratify: labels });
    expectPartition(folds, 100);
    for (const f of folds) {
      expect(f.test.filter((i) => labels[i] === 1)).toHaveLength(2);
      expect(f.test).toHaveLength(20);
    }
  });

  it('rejects k < 2, more folds than samples and a stratify of the wrong length', () => {
    expect(() => kFold(10, 1)).toThrow(/k >= 2/);
    expect(() => kFold(3, 4)).toThrow(/cannot make 4 folds from 3 samples/);
    expect(() => kFold(4, 2, { stratify: [0, 1] })).toThrow(/2 labels for 4 samples/);
  });
});

describe('groupKFold', () => {
  const subjects = ['S1', 'S1', 'S1', 'S2', 'S2', 'S3', 'S4', 'S4', 'S5', 'S6', 'S6', 'S6', 'S7'];

  it('never puts one group in both train and test, and tests every sample once', () => {
    const folds = groupKFold(subjects, 3, { seed: 42 });
    expectPartition(folds, subjects.length);
    for (const f of folds) {
      const testGroups = new Set(f.test.map((i) => subjects[i]));
      expect(f.train.some((i) => testGroups.has(subjects[i]))).toBe(false);
    }
  });

  it('balances fold sizes and is seeded', () => {
    const folds = groupKFold(subjects, 3, { seed: 42 });
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(groupKFold(subjects, 3, { seed: 42 })).toEqual(folds);
    const seeds = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(groupKFold(subjects, 3, { seed })));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('refuses more folds than groups', () => {
    expect(() => groupKFold(['a', 'a', 'b'], 3)).toThrow(/cannot make 3 folds from 2 groups/);
  });
});

describe('groupShuffleSplit', () => {
  const groups = Array.from({ length: 40 }, (_, i) => `S${Math.floor(i / 4)}`);

  it('holds out about the requested fraction of groups, whole groups only', () => {
    const { train, test } = groupShuffleSplit(groups, 0.3, { seed: 5 });
    expect(train.length + test.length).toBe(40);
    const testGroups = new Set(test.map((i) => groups[i]));
    expect(testGroups.size).toBe(3);
    expect(train.some((i) => testGroups.has(groups[i]))).toBe(false);
    expect(groupShuffleSplit(groups, 0.3, { seed: 5 })).toEqual({ train, test });
  });

  it('keeps at least one group on each side and rejects bad fractions', () => {
    expect(groupShuffleSplit(['a', 'b'], 0.01).test).toHaveLength(1);
    expect(groupShuffleSplit(['a', 'b'], 0.99).train).toHaveLength(1);
    expect(() => groupShuffleSplit(groups, 1)).toThrow(/between 0 and 1/);
    expect(() => groupShuffleSplit(['a', 'a'], 0.5)).toThrow(/1 group/);
  });
});

describe('stratifiedSample', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => (i < 50 ? 2 : i < 300 ? 1 : 0));

  it('draws exactly the requested size with each class in proportion', () => {
    const sample = stratifiedSample(labels, 100, { seed: 3 });
    expect(sample).toHaveLength(100);
    expect(new Set(sample).size).toBe(100);
    const counts = [0, 1, 2].map((c) => sample.filter((i) => labels[i] === c).length);
    expect(counts).toEqual([70, 25, 5]);
    expect(stratifiedSample(labels, 100, { seed: 3 })).toEqual(sample);
    expect(stratifiedSample(labels, 100, { seed: 4 })).not.toEqual(sample);
  });

  it('rounds by largest remainder and rejects impossible sizes', () => {
    expect(stratifiedSample([0, 0, 1], 2)).toHaveLength(2);
    const thirds = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    expect(stratifiedSample(thirds, 5)).toHaveLength(5);
    expect(stratifiedSample(thirds, 8)).toHaveLength(8);
    expect(() => stratifiedSample(labels, 1001)).toThrow(/1..1000/);
  });
});
