import {
  createBinaryMask,
  diskStructuringElement,
  toGrayscale,
  type BinaryMask,
  type RasterImage,
} from '@visioncad/vision-core/image';

import { dilateMaskFast } from '../image/run-morphology';

/** Where the skin ring around a lesion lies. Pixels of a ~380x290 PH2 frame. */
export interface PerilesionalSkinOptions {
  /** The ring starts this far outside the lesion edge (clear of the lesion/skin step)... */
  gap?: number;
  /** ...and ends this far out. */
  outer?: number;
  /** Pixels this close to the frame edge are left out. */
  frameMargin?: number;
  /** Pixels darker than this fraction of the ring's median gray (the dermoscope's dark corners) are left out. */
  minRelativeGray?: number;
}

export const DEFAULT_PERILESIONAL_SKIN: Required<PerilesionalSkinOptions> = {
  gap: 8,
  outer: 30,
  frameMargin: 8,
  minRelativeGray: 0.7,
};

/**
 * A ring of skin around the lesion: the negative control for the pigment-network detector, since
 * PH2's experts mark a network on every lesion (normal skin shows none at this magnification).
 */
export function perilesionalSkin(
  image: RasterImage,
  mask: BinaryMask,
  options: PerilesionalSkinOptions = {},
): BinaryMask {
  const o = { ...DEFAULT_PERILESIONAL_SKIN, ...options };
  const outer = dilateMaskFast(mask, diskStructuringElement(o.outer));
  const near = dilateMaskFast(mask, diskStructuringElement(o.gap));
  const gray = toGrayscale(image);
  const { width, height } = mask;
  const ring = createBinaryMask(width, height);
  const values: number[] = [];
  for (let i = 0; i < ring.data.length; i++) {
    const x = i % width;
    const y = (i - x) / width;
    const inFrame =
      x >= o.frameMargin && y >= o.frameMargin && x < width - o.frameMargin && y < height - o.frameMargin;
    if (outer.data[i] && !near.data[i] && inFrame) {
      ring.data[i] = 1;
      values.push(gray.data[i]);
    }
  }
  values.sort((a, b) => a - b);
  const floor = o.minRelativeGray * (values[values.length >> 1] ?? 0);
  for (let i = 0; i < ring.data.length; i++) if (ring.data[i] && gray.data[i] < floor) ring.data[i] = 0;
  return ring;
}
