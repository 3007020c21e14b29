import { seededRandom } from '../data/seeded-random';

/** One cross-validation fold: indices into the sample list. */
export interface Fold {
  train: number[];
  test: number[];
}

/** Options shared by the fold builders. */
export interface FoldOptions {
  /** Seed of the shuffle; the same seed gives the same folds. */
  seed?: number;
}

function shuffled<T>(items: readonly T[], seed: number, ...key: (string | number)[]): T[] {
  const random = seededRandom(seed, 'fold', ...key);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function indicesByKey<K>(keys: ArrayLike<K>): Map<K, number[]> {
  const map = new Map<K, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const list = map.get(keys[i]);
    if (list) list.push(i);
    else map.set(keys[i], [i]);
  }
  return map;
}

function foldsFromAssignment(assignment: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, f) => {
    const fold: Fold = { train: [], test: [] };
    assignment.forEach((a, i) => (a === f ? fold.test : fold.train).push(i));
    return fold;
  });
}

function assertK(k: number, available: number, what: string): void {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k-fold needs an integer k >= 2, got ${k}`);
  if (k > available) throw new RangeError(`cannot make ${k} folds from ${available} ${what}`);
}

/**
 * Shuffled k-fold split of `n` samples. With `stratify` (a class per sample) every fold gets each
 * class in about the same proportion, which keeps rare classes (FER2013 disgust) in every test fold.
 */
export function kFold(
  n: number,
  k: number,
  options: FoldOptions & { stratify?: ArrayLike<number> } = {},
): Fold[] {
  assertK(k, n, 'samples');
  const seed = options.seed ?? 0;
  const assignment = new Int32Array(n);
  if (options.stratify) {
    if (options.stratify.length !== n) {
      throw new RangeError(`kFold: stratify has ${options.stratify.length} labels for ${n} samples`);
    }
    const byClass = indicesByKey(options.stratify);
    // Dealing continues where the previous class stopped so fold sizes stay within one of each other.
    let next = 0;
    for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
      for (const i of shuffled(byClass.get(c)!, seed, 'class', c)) assignment[i] = next++ % k;
    }
  } else {
    shuffled(
      Array.from({ length: n }, (_, i) => i),
      seed,
    ).forEach((i, position) => (assignment[i] = position % k));
  }
  return foldsFromAssignment(assignment, k);
}

/**
 * k-fold split where all samples of a group (a subject, a lesion) land in the same fold, so no group
 * is ever in both train and test. Groups are shuffled with the seed, then each is placed, largest
 * first, in the fold with the fewest samples so far (balanced fold sizes).
 */
export function groupKFold(groups: ArrayLike<string | number>, k: number, options: FoldOptions = {}): Fold[] {
  const members = indicesByKey(groups);
  assertK(k, members.size, 'groups');
  const order = shuffled([...members.keys()], options.seed ?? 0);
  // A stable sort keeps the seeded order among groups of equal size.
  order.sort((a, b) => members.get(b)!.length - members.get(a)!.length);
  const sizes = new Array<number>(k).fill(0);
  const assignment = new Int32Array(groups.length);
  for (const g of order) {
    const f = sizes.indexOf(Math.min(...sizes));
    for (const i of members.get(g)!) assignment[i] = f;
    sizes[f] += members.get(g)!.length;
  }
  return foldsFromAssignment(assignment, k);
}

/**
 * One seeded train/test split by group: about `testFraction` of the groups (at least one, never all)
 * go to test with all their samples.
 */
export function groupShuffleSplit(
  groups: ArrayLike<string | number>,
  testFraction: number,
  options: FoldOptions = {},
): Fold {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be between 0 and 1, got ${testFraction}`);
  }
  const members = indicesByKey(groups);
  if (members.size < 2) throw new RangeError(`cannot split ${members.size} group(s) into train and test`);
  const order = shuffled([...members.keys()], options.seed ?? 0, 'split');
  const nTest = Math.min(Math.max(Math.round(order.length * testFraction), 1), order.length - 1);
  const testGroups = new Set(order.slice(0, nTest));
  const fold: Fold = { train: [], test: [] };
  for (let i = 0; i < groups.length; i++) (testGroups.has(groups[i]) ? fold.test : fold.train).push(i);
  return fold;
}

/**
 * A seeded class-stratified sample of `size` indices: each class contributes in proportion to its
 * frequency (largest remainders decide the rounding), so rare classes keep their share.
 */
export function stratifiedSample(
  labels: ArrayLike<number>,
  size: number,
  options: FoldOptions = {},
): number[] {
  if (!Number.isInteger(size) || size < 1 || size > labels.length) {
    throw new RangeError(`sample size must be an integer in 1..${labels.length}, got ${size}`);
  }
  const byClass = [...indicesByKey(labels).entries()].sort(([a], [b]) => a - b);
  const exact = byClass.map(([, members]) => (members.length * size) / labels.length);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((e, c) => [e - Math.floor(e), c]).sort((a, b) => b[0] - a[0]);
  const missing = size - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) counts[byRemainder[k][1]]++;
  return byClass
    .flatMap(([c, members], k) => shuffled(members, options.seed ?? 0, 'sample', c).slice(0, counts[k]))
    .sort((a, b) => a - b);
}
