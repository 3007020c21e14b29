import seedrandom from 'seedrandom';

/** Fractions of images for each part; they must sum to 1. */
export interface SplitFractions {
  train: number;
  val: number;
  test: number;
}

/** Options for {@link lesionDisjointSplit}. */
export interface LesionSplitOptions {
  /** Seed of the shuffle: the same seed and records always give the same split. */
  seed: number | string;
  fractions?: SplitFractions;
}

/** The three parts of a split. */
export interface LesionSplit<T> {
  train: T[];
  val: T[];
  test: T[];
}

/** The usual 70/15/15 train/validation/test proportions. */
export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = { train: 0.7, val: 0.15, test: 0.15 };

/**
 * Splits records so that all images of one lesion land in the same part (images of one lesion are
 * near-duplicates: splitting by image leaks them into the test set), stratified by class: within
 * each class the lesions are shuffled with the seed and dealt out until each part holds about its
 * fraction of that class's images. A lesion's class must be the same for all its images.
 */
export function lesionDisjointSplit<T>(
  records: readonly T[],
  lesionOf: (record: T) => string,
  classOf: (record: T) => string,
  options: LesionSplitOptions,
): LesionSplit<T> {
  const fractions = options.fractions ?? DEFAULT_SPLIT_FRACTIONS;
  const { train, val, test } = fractions;
  if ([train, val, test].some((f) => !(f >= 0)) || Math.abs(train + val + test - 1) > 1e-9) {
    throw new RangeError(`split fractions must be >= 0 and sum to 1, got ${train}/${val}/${test}`);
  }
  const lesions = new Map<string, { cls: string; records: T[] }>();
  for (const record of records) {
    const id = lesionOf(record);
    const cls = classOf(record);
    const lesion = lesions.get(id);
    if (!lesion) lesions.set(id, { cls, records: [record] });
    else if (lesion.cls !== cls) {
      throw new RangeError(
        `lesion ${id} has images of two classes (${lesion.cls} and ${cls}); it cannot be stratified`,
      );
    } else lesion.records.push(record);
  }
  const byClass = new Map<string, string[]>();
  for (const [id, { cls }] of lesions) byClass.set(cls, [...(byClass.get(cls) ?? []), id]);
  const out: LesionSplit<T> = { train: [], val: [], test: [] };
  for (const cls of [...byClass.keys()].sort()) {
    // Sorting before the seeded shuffle makes the result independent of record order.
    const ids = byClass.get(cls)!.sort();
    const random = seedrandom(`${options.seed}|${cls}`);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    const total = ids.reduce((n, id) => n + lesions.get(id)!.records.length, 0);
    let seen = 0;
    for (const id of ids) {
      const lesion = lesions.get(id)!;
      // Place each lesion by where the middle of its images falls on the cumulative image count.
      const position = (seen + lesion.records.length / 2) / total;
      const part = position < train ? out.train : position < train + val ? out.val : out.test;
      part.push(...lesion.records);
      seen += lesion.records.length;
    }
  }
  return out;
}
