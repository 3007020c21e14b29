// Pairing the faces of one frame with those of another by overlap (intersection over union), the way
// multi-object trackers associate new detections with existing tracks.

/** An axis-aligned box in frame pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Intersection over union of two boxes (0 when disjoint, 1 when identical). */
export function boxIou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * Greedy one-to-one matching of `rows` items with `cols` items: the pair with the highest score first,
 * then the best among the still unpaired, down to `minScore`. Returns [row, col, score] triples.
 */
export function greedyMatch(
  rows: number,
  cols: number,
  score: (row: number, col: number) => number,
  minScore: number,
): [number, number, number][] {
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const s = score(i, j);
      if (s >= minScore) pairs.push([i, j, s]);
    }
  }
  pairs.sort((p, q) => q[2] - p[2]);
  const usedRows = new Set<number>();
  const usedCols = new Set<number>();
  return pairs.filter(([i, j]) => {
    if (usedRows.has(i) || usedCols.has(j)) return false;
    usedRows.add(i);
    usedCols.add(j);
    return true;
  });
}
