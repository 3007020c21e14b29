import seedrandom from 'seedrandom';

/** A uniform [0, 1) random stream. */
export type Random = () => number;

/**
 * A reproducible uniform stream keyed by a seed and coordinates such as (purpose, epoch, index).
 * Keying streams by position instead of drawing from one shared generator is what makes shuffling
 * and augmentation independent of decode order, prefetch depth and where a resumed run starts:
 * the "RNG state" is just (seed, epoch, step).
 */
export function seededRandom(seed: number, ...key: (string | number)[]): Random {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  return seedrandom.alea([seed, ...key].join('|'));
}

/** One standard-normal draw (Box-Muller) from a uniform stream. */
export function normalRandom(rand: Random): number {
  // 1 - rand() is in (0, 1], keeping log() finite.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Uniform draw in [low, high). */
export function uniform(rand: Random, low: number, high: number): number {
  return low + (high - low) * rand();
}
