import { assertSameLength } from './validate';

/** A polyline's points as parallel coordinate arrays (e.g. a ROC curve's fpr and tpr). */
export interface CurvePoints {
  x: number[];
  y: number[];
}

// Twice the area of the triangle (a, b, c): the area under the polyline changes by half of it
// when b is removed, so a collinear b (zero) changes nothing.
function doubleTriangleArea(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  a: number,
  b: number,
  c: number,
): number {
  return Math.abs((x[b] - x[a]) * (y[c] - y[a]) - (x[c] - x[a]) * (y[b] - y[a]));
}

/**
 * Downsamples a polyline to at most `maxPoints` points keeping its shape, by Visvalingam-Whyatt
 * simplification: the interior point whose removal changes the area under the curve least goes
 * first, so collinear points (a ROC curve's steps along one axis) go before any corner, and the
 * trapezoid area changes by at most the sum of the removed triangles. The end points always stay.
 * Written here rather than taken from a library: the simplifiers on npm (simplify-js) take a
 * distance tolerance, not a point budget. O(n * removed), fine for evaluation-sized curves.
 */
export function downsampleCurve(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 100): CurvePoints {
  assertSameLength(x, y, 'x', 'y');
  if (!Number.isInteger(maxPoints) || maxPoints < 2)
    throw new Error(`maxPoints must be an integer of at least 2, got ${maxPoints}`);
  const n = x.length;
  const prev = Array.from({ length: n }, (_, i) => i - 1);
  const next = Array.from({ length: n }, (_, i) => i + 1);
  const alive = new Array<boolean>(n).fill(true);
  let remaining = n;
  const remove = (i: number) => {
    alive[i] = false;
    next[prev[i]] = next[i];
    prev[next[i]] = prev[i];
    remaining--;
  };
  // Collinear interior points first: removing them leaves the curve exactly as it was.
  for (let i = 1; i < n - 1; i++) {
    if (doubleTriangleArea(x, y, prev[i], i, next[i]) === 0) remove(i);
  }
  while (remaining > maxPoints) {
    let best = -1;
    let bestArea = Infinity;
    for (let i = next[0]; i < n - 1; i = next[i]) {
      const area = doubleTriangleArea(x, y, prev[i], i, next[i]);
      if (area < bestArea) {
        bestArea = area;
        best = i;
      }
    }
    remove(best);
  }
  const keep = alive.flatMap((a, i) => (a ? [i] : []));
  return { x: keep.map((i) => x[i]), y: keep.map((i) => y[i]) };
}
