import {
  createBinaryMask,
  diskStructuringElement,
  fillHoles,
  labelConnectedComponents,
  toGrayscale,
  type BinaryMask,
  type RasterImage,
} from '@visioncad/vision-core/image';

import { blackHatFast, erodeMaskFast } from '../image/run-morphology';

import { lesionGeometry } from './lesion-geometry';

/** The five dermoscopic structures of the ABCD rule's D. */
export const DERMOSCOPIC_STRUCTURES = ['network', 'structureless', 'streaks', 'dots', 'globules'] as const;

/** One of the five structures. */
export type DermoscopicStructure = (typeof DERMOSCOPIC_STRUCTURES)[number];

/**
 * Heuristic settings. Sizes are pixels for ~380-770 px wide dermoscopy frames; PH2 grades only
 * some of these structures, so they are design choices checked on synthetic images, not tuned.
 */
export interface StructureOptions {
  /** Gray levels of black-hat response that make a pixel a dark detail. */
  detailThreshold?: number;
  /** Disk radius of the small black-hat (dots, network lines). */
  fineRadius?: number;
  /** Disk radius of the large black-hat (globules, streaks). */
  coarseRadius?: number;
  /** Dots: components of the fine response up to this area. */
  dotMaxArea?: number;
  /** Globules: round components of the coarse response with area in (dotMaxArea, globuleMaxArea]. */
  globuleMaxArea?: number;
  /** How many dots / globules / streaks make the structure present. */
  minCount?: number;
  /** Network: present when the fine detail mask encloses at least this many holes (meshes enclose holes). */
  minNetworkHoles?: number;
  /** Streaks: elongation (major/minor axis ratio) at least this. */
  streakElongation?: number;
  /** Streaks lie in the outer part of the lesion: centroid beyond this fraction of the lesion radius. */
  streakRimFraction?: number;
  /** Structureless: a pixel with no fine or coarse detail within `structurelessRadius` px... */
  structurelessRadius?: number;
  /** ...and the structure is present when such pixels cover at least this fraction of the lesion. */
  structurelessFraction?: number;
}

export const DEFAULT_STRUCTURES: Required<StructureOptions> = {
  detailThreshold: 10,
  fineRadius: 2,
  coarseRadius: 5,
  dotMaxArea: 12,
  globuleMaxArea: 150,
  minCount: 3,
  minNetworkHoles: 8,
  streakElongation: 3,
  streakRimFraction: 0.6,
  structurelessRadius: 6,
  structurelessFraction: 0.2,
};

/** The D of ABCD with counts behind it. */
export interface StructureResult {
  /** Number of structures present, 1-5 (a lesion shows at least one). */
  score: number;
  present: Record<DermoscopicStructure, boolean>;
  counts: {
    dots: number;
    globules: number;
    streaks: number;
    networkHoles: number;
    structurelessFraction: number;
  };
}

function detailMask(gray: RasterImage, lesion: BinaryMask, radius: number, threshold: number): BinaryMask {
  const bh = blackHatFast(gray, diskStructuringElement(radius));
  const out = createBinaryMask(gray.width, gray.height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = lesion.data[i] && bh.data[i] >= threshold ? 1 : 0;
  return out;
}

/**
 * The D of ABCD (1-5) by a documented heuristic on dark details inside the lesion (black-hat of the
 * gray image): dots = many tiny isolated details; globules = many round mid-sized details;
 * network = a mesh of fine lines enclosing many holes; streaks = elongated details in the outer rim
 * pointing outwards; structureless = a large share of the lesion without any detail nearby.
 */
export function structures(
  image: RasterImage,
  mask: BinaryMask,
  options: StructureOptions = {},
): StructureResult {
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new RangeError(
      `structures: image ${image.width}x${image.height} and mask ${mask.width}x${mask.height} differ`,
    );
  }
  const o = { ...DEFAULT_STRUCTURES, ...options };
  const g = lesionGeometry(mask);
  const radius = Math.sqrt(g.area / Math.PI);
  const gray = toGrayscale(image);
  // Ignore the lesion edge: the lesion/skin step itself would read as a dark detail.
  const inner = erodeMaskFast(mask, diskStructuringElement(2));
  const fine = detailMask(gray, inner, o.fineRadius, o.detailThreshold);
  const coarse = detailMask(gray, inner, o.coarseRadius, o.detailThreshold);

  const coarseLabels = labelConnectedComponents(coarse, 8);
  // A dot is a tiny detail on its own; fine responses along the rim of a globule are part of the globule.
  const inLargeCoarse = new Uint8Array(coarseLabels.components.length + 1);
  for (const c of coarseLabels.components) inLargeCoarse[c.label] = c.area > o.dotMaxArea ? 1 : 0;
  const fineLabels = labelConnectedComponents(fine, 8);
  const partOfGlobule = new Uint8Array(fineLabels.components.length + 1);
  for (let i = 0; i < fine.data.length; i++) {
    if (fineLabels.labels[i] && inLargeCoarse[coarseLabels.labels[i]])
      partOfGlobule[fineLabels.labels[i]] = 1;
  }
  const dots = fineLabels.components.filter(
    (c) => c.area >= 2 && c.area <= o.dotMaxArea && !partOfGlobule[c.label],
  ).length;

  const filled = fillHoles(fine);
  const holes = createBinaryMask(fine.width, fine.height);
  for (let i = 0; i < holes.data.length; i++) holes.data[i] = filled.data[i] && !fine.data[i] ? 1 : 0;
  const networkHoles = labelConnectedComponents(holes, 4).components.length;

  let globules = 0;
  let streaks = 0;
  for (const c of coarseLabels.components) {
    const w = c.maxX - c.minX + 1;
    const h = c.maxY - c.minY + 1;
    const elongation = Math.max(w, h) / Math.min(w, h);
    if (c.area > o.dotMaxArea && c.area <= o.globuleMaxArea && elongation < 2 && c.area >= 0.5 * w * h)
      globules++;
    const dx = c.centroidX - g.centroidX;
    const dy = c.centroidY - g.centroidY;
    const r = Math.hypot(dx, dy);
    if (elongation >= o.streakElongation && r >= o.streakRimFraction * radius) {
      // Radial: the component's long side points along the centroid direction.
      const radialIsHorizontal = Math.abs(dx) >= Math.abs(dy);
      if (w > h === radialIsHorizontal) streaks++;
    }
  }

  const anyDetail = createBinaryMask(fine.width, fine.height);
  for (let i = 0; i < anyDetail.data.length; i++) anyDetail.data[i] = fine.data[i] || coarse.data[i] ? 1 : 0;
  const near = dilateBox(anyDetail, o.structurelessRadius);
  let lesionPixels = 0;
  let bare = 0;
  for (let i = 0; i < inner.data.length; i++) {
    if (!inner.data[i]) continue;
    lesionPixels++;
    if (!near[i]) bare++;
  }
  const structurelessFraction = lesionPixels > 0 ? bare / lesionPixels : 0;

  const present: Record<DermoscopicStructure, boolean> = {
    network: networkHoles >= o.minNetworkHoles,
    structureless: structurelessFraction >= o.structurelessFraction,
    streaks: streaks >= o.minCount,
    dots: dots >= o.minCount,
    globules: globules >= o.minCount,
  };
  const count = DERMOSCOPIC_STRUCTURES.filter((s) => present[s]).length;
  return {
    score: Math.max(1, count),
    present,
    counts: { dots, globules, streaks, networkHoles, structurelessFraction },
  };
}

/** Square-window dilation by separable running maxima (fast for large radii). */
function dilateBox(mask: BinaryMask, radius: number): Uint8Array {
  const { width, height, data } = mask;
  const rows = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    let next = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (data[y * width + x]) next = x;
      rows[y * width + x] = next - x <= radius ? 1 : 0;
    }
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]) last = x;
      if (x - last <= radius) rows[y * width + x] = 1;
    }
  }
  const out = new Uint8Array(data.length);
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (rows[y * width + x]) last = y;
      if (y - last <= radius) out[y * width + x] = 1;
    }
    let next = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (rows[y * width + x]) next = y;
      if (next - y <= radius) out[y * width + x] = 1;
    }
  }
  return out;
}
