import { seededRandom } from './seeded-random';

/**
 * The order in which an epoch visits n samples: a Fisher-Yates permutation seeded by (seed, epoch),
 * so every epoch is shuffled differently and a resumed run recomputes the same order.
 */
export function epochOrder(n: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rand = seededRandom(seed, 'shuffle', epoch);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
