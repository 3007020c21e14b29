// Seeded train / validation / test splits. FER2013 keeps its published test partition; CK+ and
// JAFFE are split by subject so nobody's face is on both sides.
import { groupKFold, groupShuffleSplit, kFold } from '@visioncad/vision-core/features';
import type { FerFace } from './fer-datasets';

/** The three sets of one training run. */
export interface FerSplit {
  train: FerFace[];
  validation: FerFace[];
  test: FerFace[];
  /** How the split was made, for the model card. */
  description: string;
}

const pick = (faces: readonly FerFace[], indices: readonly number[]): FerFace[] =>
  indices.map((i) => faces[i]);

/**
 * Carves a validation set off the training pool: stratified by label (one of round(1/fraction)
 * seeded folds), or by subject when every face has one.
 */
export function carveValidation(
  pool: readonly FerFace[],
  labels: readonly number[],
  fraction: number,
  seed: number,
): { train: FerFace[]; validation: FerFace[] } {
  if (!(fraction > 0 && fraction < 1))
    throw new Error(`--val-fraction must be between 0 and 1, got ${fraction}`);
  const bySubject = pool.every((f) => f.subject !== undefined);
  const fold = bySubject
    ? groupShuffleSplit(
        pool.map((f) => f.subject!),
        fraction,
        { seed },
      )
    : kFold(pool.length, Math.max(2, Math.round(1 / fraction)), { seed, stratify: labels })[0];
  return { train: pick(pool, fold.train), validation: pick(pool, fold.test) };
}

/**
 * The held-out test set: FER2013's PublicTest partition when the data has partitions, otherwise
 * `testFraction` of the subjects.
 */
export function splitTest(
  faces: readonly FerFace[],
  testFraction: number,
  seed: number,
): { pool: FerFace[]; test: FerFace[]; description: string } {
  if (faces.some((f) => f.usage !== undefined)) {
    return {
      pool: faces.filter((f) => f.usage === 'Training'),
      test: faces.filter((f) => f.usage === 'PublicTest'),
      description: 'FER2013 Training (validation carved from it, stratified), tested on PublicTest',
    };
  }
  if (!faces.every((f) => f.subject !== undefined)) {
    throw new Error('faces have neither a FER2013 partition nor a subject; cannot make a held-out test set');
  }
  const fold = groupShuffleSplit(
    faces.map((f) => f.subject!),
    testFraction,
    { seed },
  );
  return {
    pool: pick(faces, fold.train),
    test: pick(faces, fold.test),
    description: `subject-wise split: ${Math.round(testFraction * 100)}% of subjects held out for test (seed ${seed})`,
  };
}

/** Subject-wise k folds (CK+ protocol): every subject is tested exactly once. */
export function subjectFolds(
  faces: readonly FerFace[],
  k: number,
  seed: number,
): { pool: FerFace[]; test: FerFace[] }[] {
  if (!faces.every((f) => f.subject !== undefined)) {
    throw new Error('--folds needs a dataset with subjects (ckplus48 or jaffe)');
  }
  return groupKFold(
    faces.map((f) => f.subject!),
    k,
    { seed },
  ).map((fold) => ({ pool: pick(faces, fold.train), test: pick(faces, fold.test) }));
}
