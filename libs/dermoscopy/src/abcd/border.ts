import { luma, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';

import { lesionGeometry } from './lesion-geometry';

/**
 * Border settings. PH2 has no expert border score, so these are design choices, not tuned values:
 * an abrupt cut-off is one where most of the lesion-to-skin brightness change happens within a
 * short distance of the edge.
 */
export interface BorderOptions {
  /** Half-width of the "short" span across the edge, as a fraction of the lesion's equivalent radius. */
  nearFraction?: number;
  /** Half-width of the "long" span that measures the full lesion-to-skin change, same unit. */
  farFraction?: number;
  /** A sector is abrupt when the near change is at least this fraction of the far change (on average). */
  abruptRatio?: number;
}

export const DEFAULT_BORDER: Required<BorderOptions> = {
  nearFraction: 0.05,
  farFraction: 0.25,
  abruptRatio: 0.6,
};

/** One of the eight 45° sectors around the centroid. */
export interface BorderSector {
  /** Sector index 0-7; sector k spans [45k°, 45(k+1)°) counter-clockwise from the +x axis (y up). */
  index: number;
  /** Mean near/far brightness-change ratio of the sector's edge pixels (0 when it has none). */
  sharpness: number;
  /** Number of edge pixels sampled in the sector. */
  edgePixels: number;
  abrupt: boolean;
}

/** The B of ABCD with the per-sector measurements. */
export interface BorderResult {
  /** Number of sectors with an abrupt pigment cut-off, 0-8. */
  score: number;
  sectors: BorderSector[];
}

function sampleLuma(image: RasterImage, x: number, y: number): number {
  const xi = Math.min(Math.max(Math.round(x), 0), image.width - 1);
  const yi = Math.min(Math.max(Math.round(y), 0), image.height - 1);
  const i = (yi * image.width + xi) * image.channels;
  return image.channels === 1 ? image.data[i] : luma(image.data[i], image.data[i + 1], image.data[i + 2]);
}

/**
 * The B of ABCD (0-8): divides the lesion into eight 45° sectors around its centroid and counts
 * sectors whose edge shows an abrupt pigment cut-off, measured along the radial direction as the
 * brightness change over a short span divided by the change over a long span.
 */
export function border(image: RasterImage, mask: BinaryMask, options: BorderOptions = {}): BorderResult {
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new RangeError(
      `border: image ${image.width}x${image.height} and mask ${mask.width}x${mask.height} differ`,
    );
  }
  const o = { ...DEFAULT_BORDER, ...options };
  const g = lesionGeometry(mask);
  const radius = Math.sqrt(g.area / Math.PI);
  const near = Math.max(1, o.nearFraction * radius);
  const far = Math.max(near + 1, o.farFraction * radius);
  const { width, height, data } = mask;
  const sums = new Float64Array(8);
  const counts = new Uint32Array(8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!data[p]) continue;
      const edge =
        x === 0 ||
        y === 0 ||
        x === width - 1 ||
        y === height - 1 ||
        !data[p - 1] ||
        !data[p + 1] ||
        !data[p - width] ||
        !data[p + width];
      if (!edge) continue;
      const dx = x - g.centroidX;
      const dy = y - g.centroidY;
      const r = Math.hypot(dx, dy);
      if (r < 1) continue;
      const ux = dx / r;
      const uy = dy / r;
      const nearChange =
        sampleLuma(image, x + near * ux, y + near * uy) - sampleLuma(image, x - near * ux, y - near * uy);
      const farChange =
        sampleLuma(image, x + far * ux, y + far * uy) - sampleLuma(image, x - far * ux, y - far * uy);
      // Only edges where the skin is brighter than the lesion carry a pigment cut-off.
      const ratio = farChange > 1 ? Math.min(Math.max(nearChange / farChange, 0), 1) : 0;
      const angle = Math.atan2(-dy, dx);
      const sector = Math.floor(((angle + 2 * Math.PI) % (2 * Math.PI)) / (Math.PI / 4)) % 8;
      sums[sector] += ratio;
      counts[sector]++;
    }
  }
  const sectors: BorderSector[] = Array.from({ length: 8 }, (_, index) => {
    const sharpness = counts[index] > 0 ? sums[index] / counts[index] : 0;
    return {
      index,
      sharpness,
      edgePixels: counts[index],
      abrupt: counts[index] > 0 && sharpness >= o.abruptRatio,
    };
  });
  return { score: sectors.filter((s) => s.abrupt).length, sectors };
}
