import type { BinaryMask } from '@visioncad/vision-core/image';

/** Lesion size. */
export interface LesionDiameter {
  /** Largest distance between two points of the lesion (maximum Feret diameter), in pixels. */
  maxFeretPx: number;
  /** Diameter of the circle with the lesion's area, in pixels. */
  equivalentDiameterPx: number;
  /** maxFeretPx in millimetres when a scale was given, else null. */
  maxFeretMm: number | null;
}

function cross(o: [number, number], a: [number, number], b: [number, number]): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * Maximum Feret diameter from the convex hull of the lesion's pixel corners (so a single pixel is
 * 1.41 px across), plus the equivalent-circle diameter. `pxPerMm` converts to millimetres; the
 * clinical "D > 6 mm" cue needs it because dermoscopes differ in magnification.
 */
export function lesionDiameter(mask: BinaryMask, pxPerMm?: number): LesionDiameter {
  if (pxPerMm !== undefined && !(pxPerMm > 0)) throw new RangeError(`pxPerMm must be > 0, got ${pxPerMm}`);
  const { width, height, data } = mask;
  const points: Array<[number, number]> = [];
  let area = 0;
  for (let y = 0; y < height; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (!data[y * width + x]) continue;
      area++;
      if (first < 0) first = x;
      last = x;
    }
    // Only each row's extreme pixels can be on the hull.
    if (first >= 0) points.push([first, y], [first, y + 1], [last + 1, y], [last + 1, y + 1]);
  }
  if (area === 0) throw new RangeError('diameter: the lesion mask is empty');
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const hull: Array<[number, number]> = [];
  for (const pass of [points, [...points].reverse()]) {
    const start = hull.length;
    for (const p of pass) {
      while (hull.length >= start + 2 && cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0)
        hull.pop();
      hull.push(p);
    }
    hull.pop();
  }
  let max = 0;
  for (let i = 0; i < hull.length; i++) {
    for (let j = i + 1; j < hull.length; j++) {
      max = Math.max(max, Math.hypot(hull[i][0] - hull[j][0], hull[i][1] - hull[j][1]));
    }
  }
  return {
    maxFeretPx: max,
    equivalentDiameterPx: 2 * Math.sqrt(area / Math.PI),
    maxFeretMm: pxPerMm === undefined ? null : max / pxPerMm,
  };
}
