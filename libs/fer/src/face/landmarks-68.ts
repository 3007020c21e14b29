/** A 2-D point in image pixels. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Index ranges [start, end) of the iBUG 300-W 68-point markup (dlib, face-api.js). "Right" is the
 * subject's right, which appears on the image's left.
 */
export const LANDMARKS_68 = {
  jaw: [0, 17],
  rightBrow: [17, 22],
  leftBrow: [22, 27],
  noseBridge: [27, 31],
  nostrils: [31, 36],
  rightEye: [36, 42],
  leftEye: [42, 48],
  outerLips: [48, 60],
  innerLips: [60, 68],
} as const satisfies Record<string, readonly [number, number]>;

/** Throws unless there are exactly 68 finite points. */
export function assertLandmarks68(points: readonly Point[], where = 'landmarks'): void {
  if (points.length !== 68) throw new RangeError(`${where}: expected 68 points, got ${points.length}`);
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y))
      throw new RangeError(`${where}: point ${i} is not finite`);
  });
}

/** Mean of the points in an index range. */
export function centroid(points: readonly Point[], [start, end]: readonly [number, number]): Point {
  let x = 0;
  let y = 0;
  for (let i = start; i < end; i++) {
    x += points[i].x;
    y += points[i].y;
  }
  return { x: x / (end - start), y: y / (end - start) };
}

/** Eye centres: `imageLeft` is the subject's right eye (points 36-41). */
export function eyeCentres(points: readonly Point[]): { imageLeft: Point; imageRight: Point } {
  return {
    imageLeft: centroid(points, LANDMARKS_68.rightEye),
    imageRight: centroid(points, LANDMARKS_68.leftEye),
  };
}

/** Euclidean distance. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
