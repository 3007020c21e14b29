import {
  assertLandmarks68,
  centroid,
  distance,
  eyeCentres,
  LANDMARKS_68,
  type Point,
} from '../face/landmarks-68';

/** Names of the geometric measures appended after the 136 normalised coordinates. */
export const LANDMARK_MEASURES = [
  'rightEyeAspectRatio',
  'leftEyeAspectRatio',
  'mouthAspectRatio',
  'mouthWidth',
  'mouthCornerLift',
  'rightBrowRaise',
  'leftBrowRaise',
  'innerBrowGap',
  'jawDrop',
] as const;

/** Length of {@link landmarkGeometry}'s vector: 68 (x, y) pairs plus the named measures. */
export const LANDMARK_FEATURE_LENGTH = 136 + LANDMARK_MEASURES.length;

/** Eye aspect ratio of six eye points p1..p6 (Soukupova & Cech 2016): low when the eye closes. */
function eyeAspectRatio(p: readonly Point[], start: number): number {
  const [p1, p2, p3, p4, p5, p6] = p.slice(start, start + 6);
  return (distance(p2, p6) + distance(p3, p5)) / (2 * distance(p1, p4));
}

/**
 * Geometric features of 68 landmarks (seed 003's landmark features), invariant to where the face is,
 * its size and its roll: points are expressed relative to the eye midpoint, rotated so the eye line is
 * horizontal and divided by the inter-ocular distance; then nine expression measures follow (eye and
 * mouth opening, mouth width and corner lift, brow raise and gap, jaw drop), all in inter-ocular units.
 */
export function landmarkGeometry(landmarks: readonly Point[]): Float32Array {
  assertLandmarks68(landmarks);
  const { imageLeft, imageRight } = eyeCentres(landmarks);
  const iod = distance(imageLeft, imageRight);
  if (!(iod > 0)) throw new RangeError('landmarks: the two eye centres coincide');
  const origin = { x: (imageLeft.x + imageRight.x) / 2, y: (imageLeft.y + imageRight.y) / 2 };
  const angle = Math.atan2(imageRight.y - imageLeft.y, imageRight.x - imageLeft.x);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const p = landmarks.map(({ x, y }) => {
    const dx = (x - origin.x) / iod;
    const dy = (y - origin.y) / iod;
    return { x: dx * cos - dy * sin, y: dx * sin + dy * cos };
  });
  const out = new Float32Array(LANDMARK_FEATURE_LENGTH);
  p.forEach(({ x, y }, i) => {
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  const [innerStart] = LANDMARKS_68.innerLips;
  const mouthCentreY = (p[51].y + p[57].y) / 2;
  const measures: Record<(typeof LANDMARK_MEASURES)[number], number> = {
    rightEyeAspectRatio: eyeAspectRatio(p, LANDMARKS_68.rightEye[0]),
    leftEyeAspectRatio: eyeAspectRatio(p, LANDMARKS_68.leftEye[0]),
    mouthAspectRatio:
      (distance(p[innerStart + 1], p[innerStart + 7]) +
        distance(p[innerStart + 2], p[innerStart + 6]) +
        distance(p[innerStart + 3], p[innerStart + 5])) /
      (3 * distance(p[innerStart], p[innerStart + 4])),
    mouthWidth: distance(p[48], p[54]),
    // Image y grows downwards: positive when the corners sit above the lips' centre (a smile).
    mouthCornerLift: mouthCentreY - (p[48].y + p[54].y) / 2,
    rightBrowRaise: distance(centroid(p, LANDMARKS_68.rightBrow), centroid(p, LANDMARKS_68.rightEye)),
    leftBrowRaise: distance(centroid(p, LANDMARKS_68.leftBrow), centroid(p, LANDMARKS_68.leftEye)),
    innerBrowGap: distance(p[21], p[22]),
    jawDrop: distance(p[33], p[8]),
  };
  LANDMARK_MEASURES.forEach((name, i) => (out[136 + i] = measures[name]));
  return out;
}
