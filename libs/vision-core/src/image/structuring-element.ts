/** A flat structuring element as a list of (dx, dy) offsets from its origin. */
export interface StructuringElement {
  readonly dx: Int32Array;
  readonly dy: Int32Array;
}

function fromOffsets(points: Array<[number, number]>): StructuringElement {
  const unique = [...new Map(points.map(([x, y]) => [`${x},${y}`, [x, y] as const])).values()];
  return { dx: Int32Array.from(unique, (p) => p[0]), dy: Int32Array.from(unique, (p) => p[1]) };
}

/**
 * A one-pixel-wide line of about `length` pixels centred on the origin at `angleDegrees`
 * (0 = horizontal, 90 = vertical, counter-clockwise with y pointing up), sampled at unit steps.
 */
export function lineStructuringElement(length: number, angleDegrees: number): StructuringElement {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`line structuring element length must be a positive integer, got ${length}`);
  }
  const rad = (angleDegrees * Math.PI) / 180;
  const half = (length - 1) / 2;
  // Mirrored points and the origin are always included: a symmetric element containing its origin
  // makes closing >= image, so the black-hat never underflows.
  const points: Array<[number, number]> = [[0, 0]];
  for (let t = 0; t < length; t++) {
    const s = t - half;
    const x = Math.round(s * Math.cos(rad));
    const y = -Math.round(s * Math.sin(rad));
    points.push([x, y], [-x, -y]);
  }
  return fromOffsets(points);
}

/** A filled disk of the given radius (Euclidean distance <= radius). */
export function diskStructuringElement(radius: number): StructuringElement {
  if (!Number.isInteger(radius) || radius < 0) {
    throw new RangeError(`disk structuring element radius must be a non-negative integer, got ${radius}`);
  }
  const points: Array<[number, number]> = [];
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) if (x * x + y * y <= radius * radius + 0.5) points.push([x, y]);
  }
  return fromOffsets(points);
}
