import type { Emotion } from '@visioncad/fer';
import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import type { FerFace } from './fer-datasets';
import { carveValidation, splitTest, subjectFolds } from './fer-splits';

const EMOTIONS: Emotion[] = ['angry', 'happy', 'sad'];
const face = (i: number, extra: Partial<FerFace>): FerFace => ({
  source: `f${i}`,
  image: createRasterImage(1, 1, 1),
  emotion: EMOTIONS[i % 3],
  ...extra,
});

describe('FER splits', () => {
  it('keeps FER2013 PublicTest as the test set and carves a stratified, seeded validation set', () => {
    const faces = [
      ...Array.from({ length: 60 }, (_, i) => face(i, { usage: 'Training' })),
      ...Array.from({ length: 9 }, (_, i) => face(100 + i, { usage: 'PublicTest' })),
      face(200, { usage: 'PrivateTest' }),
    ];
    const { pool, test } = splitTest(faces, 0.2, 0);
    expect(test.map((f) => f.source)).toEqual(faces.slice(60, 69).map((f) => f.source));
    expect(pool).toHaveLength(60);
    const labels = pool.map((f) => EMOTIONS.indexOf(f.emotion));
    const a = carveValidation(pool, labels, 0.1, 7);
    expect(a.validation).toHaveLength(6);
    expect(EMOTIONS.map((e) => a.validation.filter((f) => f.emotion === e).length)).toEqual([2, 2, 2]);
    expect(carveValidation(pool, labels, 0.1, 7).validation).toEqual(a.validation);
    expect(carveValidation(pool, labels, 0.1, 8).validation).not.toEqual(a.validation);
  });

  it('never puts a subject on both sides', () => {
    const faces = Array.from({ length: 40 }, (_, i) => face(i, { subject: `S${i % 10}` }));
    const { pool, test } = splitTest(faces, 0.2, 1);
    const trainSubjects = new Set(pool.map((f) => f.subject));
    expect(test.length).toBeGreaterThan(0);
    expect(test.every((f) => !trainSubjects.has(f.subject))).toBe(true);
    const folds = subjectFolds(faces, 5, 0);
    expect(folds.flatMap((f) => f.test.map((t) => t.source)).sort()).toEqual(
      faces.map((f) => f.source).sort(),
    );
    for (const fold of folds) {
      const inPool = new Set(fold.pool.map((f) => f.subject));
      expect(fold.test.some((f) => inPool.has(f.subject))).toBe(false);
    }
  });

  it('refuses k-fold on data without subjects', () => {
    expect(() => subjectFolds([face(0, {}), face(1, {})], 2, 0)).toThrow(/needs a dataset with subjects/);
  });
});
