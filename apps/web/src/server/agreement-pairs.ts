// From signed-off reviews to (clinician label, model label) pairs: one reading per review chain
// (the latest signed-off amendment wins) and the top label of the analysis the clinician saw.

/** A signed-off review as the agreement view needs it. */
export interface SignedOffReading {
  id: string;
  amendsId: string | null;
  signedOffAt: Date;
  label: string;
  agreement: 'AGREE' | 'PARTIAL' | 'DISAGREE' | null;
}

/**
 * The reading that stands for each review chain: a review amended by a later signed-off review
 * is superseded; of several amendments of one chain the last signed off wins.
 */
export function currentReadings<T extends SignedOffReading>(reviews: readonly T[]): T[] {
  const byId = new Map(reviews.map((review) => [review.id, review]));
  const rootOf = (review: T): string => {
    const seen = new Set<string>();
    let current = review;
    while (current.amendsId !== null && byId.has(current.amendsId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.amendsId) as T;
    }
    return current.id;
  };
  const latest = new Map<string, T>();
  for (const review of reviews) {
    const root = rootOf(review);
    const held = latest.get(root);
    const later =
      !held ||
      review.signedOffAt.getTime() > held.signedOffAt.getTime() ||
      (review.signedOffAt.getTime() === held.signedOffAt.getTime() && review.amendsId === held.id);
    if (later) latest.set(root, review);
  }
  return [...latest.values()];
}

/** Why a reading has no model label to compare with. */
export type NoModelLabel = 'no-analysis' | 'no-label' | 'no-face' | 'several-faces';

/**
 * The model's top label in an analysis' outputs: dermoscopy `topLabel`, or the one face's
 * `topLabel` of a face image. A face image with several faces is ambiguous (the review does not
 * say which face it reads), so it is left out rather than guessed.
 */
export function modelTopLabel(outputs: unknown): { label: string } | { missing: NoModelLabel } {
  if (typeof outputs !== 'object' || outputs === null) return { missing: 'no-label' };
  const record = outputs as { topLabel?: unknown; faces?: unknown };
  if (typeof record.topLabel === 'string') return { label: record.topLabel };
  if (Array.isArray(record.faces)) {
    if (record.faces.length === 0) return { missing: 'no-face' };
    if (record.faces.length > 1) return { missing: 'several-faces' };
    const face = record.faces[0] as { topLabel?: unknown } | null;
    if (typeof face?.topLabel === 'string') return { label: face.topLabel };
  }
  return { missing: 'no-label' };
}
