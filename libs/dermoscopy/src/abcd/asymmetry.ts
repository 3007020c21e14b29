import { srgbToLab, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';

import { lesionGeometry } from './lesion-geometry';

/**
 * Thresholds deciding when an axis is asymmetric. Their values were tuned on the seeded tuning half of
 * PH2 (seed 2026) by `scripts/validate-abcd-ph2.ts`, maximising quadratic weighted kappa against the
 * experts' asymmetry score; the held-out half is reported in reports/abcd-ph2.json.
 */
export interface AsymmetryThresholds {
  /** Fraction of lesion area not overlapping its mirror image above which the shape is asymmetric. */
  shape: number;
  /** Mean CIELAB ΔE76 between the two halves' mean colours above which the colour is asymmetric; Infinity = shape only. */
  colour: number;
}

export const DEFAULT_ASYMMETRY_THRESHOLDS: AsymmetryThresholds = { shape: 0.22, colour: 8 };

/** Measurements for one principal axis. */
export interface AxisAsymmetry {
  /** Axis direction in degrees (image coordinates, x right, y down). */
  angleDegrees: number;
  /** |L Δ mirror(L)| / |L|: 0 for a perfectly symmetric shape. */
  shape: number;
  /** ΔE76 between the mean CIELAB colours of the two halves (null without an image). */
  colour: number | null;
}

/** The A of ABCD with the measurements behind it. */
export interface AsymmetryResult {
  /** Number of asymmetric principal axes, 0-2. */
  score: 0 | 1 | 2;
  axes: [AxisAsymmetry, AxisAsymmetry];
}

function measureAxis(
  mask: BinaryMask,
  image: RasterImage | undefined,
  cx: number,
  cy: number,
  angle: number,
): AxisAsymmetry {
  const { width, height, data } = mask;
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  let area = 0;
  let unmatched = 0;
  const sums = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    area++;
    const x = i % width;
    const y = (i - x) / width;
    const dx = x - cx;
    const dy = y - cy;
    // Reflect across the line through the centroid with direction (ux, uy): p' = 2(p·u)u - p.
    const along = dx * ux + dy * uy;
    const mx = Math.round(cx + 2 * along * ux - dx);
    const my = Math.round(cy + 2 * along * uy - dy);
    if (mx < 0 || my < 0 || mx >= width || my >= height || !data[my * width + mx]) unmatched++;
    if (image) {
      const side = dx * -uy + dy * ux >= 0 ? 0 : 1;
      const c = image.channels;
      const [l, a, b] = srgbToLab(image.data[i * c], image.data[i * c + 1], image.data[i * c + 2]);
      sums[side][0] += l;
      sums[side][1] += a;
      sums[side][2] += b;
      sums[side][3]++;
    }
  }
  // Pixels of L without a mirror partner are |L \ mirror(L)|, which equals |mirror(L) \ L|, so the
  // symmetric difference is twice that.
  const shape = (2 * unmatched) / area;
  let colour: number | null = null;
  if (image) {
    const [s0, s1] = sums;
    colour =
      s0[3] > 0 && s1[3] > 0
        ? Math.hypot(
            s0[0] / s0[3] - s1[0] / s1[3],
            s0[1] / s0[3] - s1[1] / s1[3],
            s0[2] / s0[3] - s1[2] / s1[3],
          )
        : 0;
  }
  return { angleDegrees: (angle * 180) / Math.PI, shape, colour };
}

/** Measures shape (and, with an image, colour) asymmetry about the lesion's two principal axes. */
export function measureAsymmetry(mask: BinaryMask, image?: RasterImage): [AxisAsymmetry, AxisAsymmetry] {
  if (image && (image.width !== mask.width || image.height !== mask.height)) {
    throw new RangeError(
      `asymmetry: image ${image.width}x${image.height} and mask ${mask.width}x${mask.height} differ`,
    );
  }
  const g = lesionGeometry(mask);
  return [
    measureAxis(mask, image, g.centroidX, g.centroidY, g.majorAxisAngle),
    measureAxis(mask, image, g.centroidX, g.centroidY, g.majorAxisAngle + Math.PI / 2),
  ];
}

/** Scores measured axes: an axis counts when its shape or colour asymmetry exceeds the threshold. */
export function scoreAsymmetry(
  axes: readonly [AxisAsymmetry, AxisAsymmetry],
  thresholds: AsymmetryThresholds = DEFAULT_ASYMMETRY_THRESHOLDS,
): 0 | 1 | 2 {
  let score = 0;
  for (const axis of axes) {
    if (axis.shape > thresholds.shape || (axis.colour !== null && axis.colour > thresholds.colour)) score++;
  }
  return score as 0 | 1 | 2;
}

/** The A of ABCD (0-2): asymmetric principal axes of the lesion. */
export function asymmetry(
  mask: BinaryMask,
  image?: RasterImage,
  thresholds: AsymmetryThresholds = DEFAULT_ASYMMETRY_THRESHOLDS,
): AsymmetryResult {
  const axes = measureAsymmetry(mask, image);
  return { score: scoreAsymmetry(axes, thresholds), axes };
}
