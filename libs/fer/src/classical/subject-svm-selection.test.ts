import { seededRandom } from '@visioncad/vision-core/data';
import { describe, expect, it } from 'vitest';

import {
  nestedSubjectSvm,
  parseSvmKernels,
  selectSubjectSvm,
  svmCandidates,
  type SvmFeatureSet,
} from './subject-svm-selection';

/** 12 subjects x 6 faces, 3 classes: `informative` rows separate the classes, noise rows do not. */
function faces(seed: number) {
  const random = seededRandom(seed);
  const subjects: string[] = [];
  const labels: number[] = [];
  const informative: number[][] = [];
  const noise: number[][] = [];
  for (let s = 0; s < 12; s++) {
    for (let i = 0; i < 6; i++) {
      const y = i % 3;
      subjects.push(`S${s}`);
      labels.push(y);
      informative.push([0, 1, 2].map((k) => (k === y ? 2 : 0) + random() * 0.8));
      noise.push([0, 1, 2].map(() => random()));
    }
  }
  return { subjects, labels, informative, noise };
}

describe('subject-wise SVM selection', () => {
  it('lists the grid per kernel and rejects unknown kernels, naming the option', () => {
    expect(svmCandidates(10, ['linear'])).toHaveLength(3);
    expect(svmCandidates(10, ['linear', 'rbf', 'polynomial'])).toHaveLength(16);
    expect(svmCandidates(4, ['rbf']).map((p) => p.gamma)).toContain(0.25);
    expect(parseSvmKernels('rbf,linear')).toEqual(['rbf', 'linear']);
    expect(() => parseSvmKernels('linear,sigmoid')).toThrow(/--kernels "linear,sigmoid": use one or more of/);
    expect(() => parseSvmKernels('', '--k')).toThrow(/^--k ""/);
  });

  it('chooses the feature setting that separates the classes, on the given faces only', async () => {
    const { subjects, labels, informative, noise } = faces(1);
    const sets: SvmFeatureSet[] = [
      { rows: noise, candidates: svmCandidates(3, ['linear']) },
      { rows: informative, candidates: svmCandidates(3, ['linear']) },
    ];
    const scores: number[] = [];
    const chosen = await selectSubjectSvm(
      sets,
      labels,
      subjects,
      labels.map((_, i) => i),
      { scaling: 'z-score', numClasses: 3, innerFolds: 3, seed: 0, onSetScore: (_, s) => scores.push(s) },
    );
    expect(chosen.set).toBe(1);
    expect(chosen.score).toBeGreaterThan(0.9);
    expect(scores).toHaveLength(2);
    expect(scores[0]).toBeLessThan(0.7);
    await expect(
      selectSubjectSvm([], labels, subjects, [0], {
        scaling: 'z-score',
        numClasses: 3,
        innerFolds: 2,
        seed: 0,
      }),
    ).rejects.toThrow(/no feature setting/);
  });

  it('scores every face once, by a model that never saw its subject', async () => {
    const { subjects, labels, informative } = faces(2);
    const folds: number[] = [];
    const result = await nestedSubjectSvm(
      [{ rows: informative, candidates: svmCandidates(3, ['linear', 'rbf']) }],
      labels,
      subjects,
      4,
      { scaling: 'min-max', numClasses: 3, innerFolds: 2, seed: 5, onFold: (f) => folds.push(f) },
    );
    expect(folds).toEqual([0, 1, 2, 3]);
    expect(result.folds.map((f) => f.testSubjects)).toEqual([3, 3, 3, 3]);
    expect(result.folds.reduce((n, f) => n + f.testFrames, 0)).toBe(72);
    // A subject's faces all sit in one fold.
    for (const s of new Set(subjects)) {
      const held = [...result.foldOf].filter((_, i) => subjects[i] === s);
      expect(new Set(held).size).toBe(1);
    }
    const correct = labels.filter((y, i) => result.predicted[i] === y).length;
    expect(correct / labels.length).toBeGreaterThan(0.9);
    for (const row of result.probabilities) {
      expect(row).toHaveLength(3);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  });
});
