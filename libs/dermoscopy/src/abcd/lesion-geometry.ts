import type { BinaryMask } from '@visioncad/vision-core/image';

/** Area, centroid and principal axes of a lesion mask (from its second central moments). */
export interface LesionGeometry {
  area: number;
  centroidX: number;
  centroidY: number;
  /** Angle of the major axis in radians, image coordinates (x right, y down). */
  majorAxisAngle: number;
  /** Lengths of the ellipse with the same second moments. */
  majorAxisLength: number;
  minorAxisLength: number;
}

/** Computes the lesion's moments; throws on an empty mask because nothing can be measured. */
export function lesionGeometry(mask: BinaryMask, what = 'lesion mask'): LesionGeometry {
  const { width, data } = mask;
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    const x = i % width;
    n++;
    sx += x;
    sy += (i - x) / width;
  }
  if (n === 0) throw new RangeError(`${what} is empty: there is no lesion to measure`);
  const cx = sx / n;
  const cy = sy / n;
  let mxx = 0;
  let myy = 0;
  let mxy = 0;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    const x = (i % width) - cx;
    const y = Math.floor(i / width) - cy;
    mxx += x * x;
    myy += y * y;
    mxy += x * y;
  }
  // A uniform pixel adds 1/12 variance per axis; it keeps one-pixel lines from having zero width.
  mxx = mxx / n + 1 / 12;
  myy = myy / n + 1 / 12;
  mxy /= n;
  const root = Math.sqrt(((mxx - myy) / 2) ** 2 + mxy * mxy);
  const major = (mxx + myy) / 2 + root;
  const minor = (mxx + myy) / 2 - root;
  return {
    area: n,
    centroidX: cx,
    centroidY: cy,
    majorAxisAngle: 0.5 * Math.atan2(2 * mxy, mxx - myy),
    majorAxisLength: 4 * Math.sqrt(major),
    minorAxisLength: 4 * Math.sqrt(Math.max(minor, 0)),
  };
}
