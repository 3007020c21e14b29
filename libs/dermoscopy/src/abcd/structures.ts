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

/** Settings that change what is measured (the black-hat responses and the dark-detail masks). */
export interface StructureResponseOptions {
  /** Disk radius of the small black-hat (dots, network lines). */
  fineRadius?: number;
  /** Disk radius of the large black-hat (globules, streaks). */
  coarseRadius?: number;
  /** Disk radius of the black-hat whose dark lines make the network's mesh. */
  networkRadius?: number;
}

/** Settings of the detector. Sizes are pixels for ~380-770 px wide dermoscopy frames. */
export interface StructureOptions extends StructureResponseOptions {
  /** Gray levels of black-hat response that make a pixel a dark detail (dots, globules, structureless). */
  detailThreshold?: number;
  /** The same for streaks. */
  streakThreshold?: number;
  /** The same for network lines (fainter than dots: a lower level). */
  networkThreshold?: number;
  /** Dots: components of the fine response up to this area. */
  dotMaxArea?: number;
  /** Globules: round components of the coarse response with area in (dotMaxArea, globuleMaxArea]. */
  globuleMaxArea?: number;
  /** How many dots make dots present. */
  minDots?: number;
  /** How many globules make globules present. */
  minGlobules?: number;
  /** How many streaks make streaks present. */
  minStreaks?: number;
  /** Network: a mesh cell is a hole of the network detail mask up to this area (px). */
  networkCellMaxArea?: number;
  /** Network: present when there are at least this many mesh cells per 1000 px of lesion. */
  minNetworkCellDensity?: number;
  /** Streaks: elongation (major/minor axis ratio of the second moments) at least this. */
  streakElongation?: number;
  /** Streaks lie in the outer part of the lesion: centroid beyond this fraction of the lesion radius. */
  streakRimFraction?: number;
  /** Streaks point outwards: |cos| of the angle between the major axis and the radial direction. */
  streakRadialCos?: number;
  /** Structureless: a pixel with no fine or coarse detail within `structurelessRadius` px... */
  structurelessRadius?: number;
  /** ...and the structure is present when such pixels cover at least this fraction of the lesion. */
  structurelessFraction?: number;
}

/**
 * Defaults: everything but the structureless settings was tuned by grid search on PH2's tuning half
 * (70 of 140 cases, split seed 2026, stratified by diagnosis; `scripts/validate-abcd-ph2.ts`,
 * reports/abcd-ph2.json `structures.tunedOptions`) on the colour-corrected image (which beat the
 * hair-free, unsmoothed one there): dots/globules and streaks against the experts' columns (Cohen's
 * kappa), the network against perilesional skin (PH2 marks a network on every lesion). PH2 has no
 * structureless grade: those two settings are design choices. The held-out half is in the report.
 */
export const DEFAULT_STRUCTURES: Required<StructureOptions> = {
  fineRadius: 1,
  coarseRadius: 7,
  networkRadius: 3,
  detailThreshold: 7,
  streakThreshold: 7,
  networkThreshold: 5,
  dotMaxArea: 8,
  globuleMaxArea: 60,
  minDots: 3,
  minGlobules: 20,
  minStreaks: 5,
  networkCellMaxArea: 6,
  minNetworkCellDensity: 0.153,
  streakElongation: 3,
  streakRimFraction: 0.75,
  streakRadialCos: 0.7,
  structurelessRadius: 6,
  structurelessFraction: 0.2,
};

/** Longest detail distance kept in `StructureMeasures.detailDistance` (larger distances are pooled). */
export const MAX_DETAIL_DISTANCE = 32;

/** Black-hat responses of one image inside its lesion: computed once, thresholded many times. */
export interface StructureResponses {
  width: number;
  height: number;
  /** The lesion without its 2 px edge (the lesion/skin step would read as a dark detail). */
  inner: BinaryMask;
  innerPixels: number;
  fine: Uint8Array;
  coarse: Uint8Array;
  network: Uint8Array;
  centroidX: number;
  centroidY: number;
  /** Radius of the disk with the lesion's area. */
  radius: number;
}

/** A connected dark detail of the fine response. */
export interface FineDetail {
  area: number;
  /** Area of the largest coarse detail it touches (0 if none): dots inside a globule belong to it. */
  coarseArea: number;
}

/** A connected dark detail of the coarse response. */
export interface CoarseDetail {
  area: number;
  /** Area over its bounding-box area. */
  fill: number;
  /** Major/minor axis ratio from second moments. */
  elongation: number;
  /** Centroid distance from the lesion centroid over the lesion radius. */
  rim: number;
  /** |cos| of the angle between the major axis and the direction from the lesion centroid. */
  radialCos: number;
}

/** What the detector measures at one detail threshold; presence is decided by `scoreStructures`. */
export interface StructureMeasures {
  innerPixels: number;
  fine: FineDetail[];
  coarse: CoarseDetail[];
  /** Areas of the holes the network detail mask encloses (mesh cells of a network). */
  holeAreas: number[];
  /** detailDistance[d]: lesion pixels whose nearest dark detail is d px away (chessboard), d ≤ MAX_DETAIL_DISTANCE. */
  detailDistance: number[];
}

/** The D of ABCD with counts behind it. */
export interface StructureResult {
  /** Number of structures present, 1-5 (a lesion shows at least one). */
  score: number;
  present: Record<DermoscopicStructure, boolean>;
  counts: {
    dots: number;
    globules: number;
    streaks: number;
    networkCells: number;
    /** Mesh cells per 1000 px of lesion. */
    networkCellDensity: number;
    structurelessFraction: number;
  };
}

/** Fine and coarse black-hat of the gray image inside the lesion. */
export function structureResponses(
  image: RasterImage,
  mask: BinaryMask,
  options: StructureResponseOptions = {},
): StructureResponses {
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new RangeError(
      `structures: image ${image.width}x${image.height} and mask ${mask.width}x${mask.height} differ`,
    );
  }
  const o = { ...DEFAULT_STRUCTURES, ...options };
  const g = lesionGeometry(mask);
  const gray = toGrayscale(image);
  const inner = erodeMaskFast(mask, diskStructuringElement(2));
  let innerPixels = 0;
  for (let i = 0; i < inner.data.length; i++) innerPixels += inner.data[i];
  const fine = blackHatFast(gray, diskStructuringElement(o.fineRadius)).data;
  return {
    width: image.width,
    height: image.height,
    inner,
    innerPixels,
    fine,
    coarse: blackHatFast(gray, diskStructuringElement(o.coarseRadius)).data,
    network:
      o.networkRadius === o.fineRadius
        ? fine
        : blackHatFast(gray, diskStructuringElement(o.networkRadius)).data,
    centroidX: g.centroidX,
    centroidY: g.centroidY,
    radius: Math.sqrt(g.area / Math.PI),
  };
}

function detailMask(r: StructureResponses, response: Uint8Array, threshold: number): BinaryMask {
  const out = createBinaryMask(r.width, r.height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = r.inner.data[i] && response[i] >= threshold ? 1 : 0;
  return out;
}

/** Dark details at `detailThreshold`: their components, the holes they enclose, the bare distances. */
export function measureStructures(r: StructureResponses, detailThreshold: number): StructureMeasures {
  const fine = detailMask(r, r.fine, detailThreshold);
  const coarse = detailMask(r, r.coarse, detailThreshold);
  const w = r.width;

  const coarseLabels = labelConnectedComponents(coarse, 8);
  const n = coarseLabels.components.length + 1;
  // Second moments per coarse component, for elongation and orientation.
  const sxx = new Float64Array(n);
  const syy = new Float64Array(n);
  const sxy = new Float64Array(n);
  for (let i = 0; i < coarse.data.length; i++) {
    const l = coarseLabels.labels[i];
    if (!l) continue;
    const c = coarseLabels.components[l - 1];
    const dx = (i % w) - c.centroidX;
    const dy = Math.floor(i / w) - c.centroidY;
    sxx[l] += dx * dx;
    syy[l] += dy * dy;
    sxy[l] += dx * dy;
  }
  const coarseDetails: CoarseDetail[] = coarseLabels.components.map((c) => {
    const a = sxx[c.label] / c.area + 1 / 12;
    const b = syy[c.label] / c.area + 1 / 12;
    const h = sxy[c.label] / c.area;
    const root = Math.sqrt(((a - b) / 2) ** 2 + h * h);
    const major = (a + b) / 2 + root;
    const minor = (a + b) / 2 - root;
    const angle = 0.5 * Math.atan2(2 * h, a - b);
    const rx = c.centroidX - r.centroidX;
    const ry = c.centroidY - r.centroidY;
    const dist = Math.hypot(rx, ry);
    return {
      area: c.area,
      fill: c.area / ((c.maxX - c.minX + 1) * (c.maxY - c.minY + 1)),
      elongation: Math.sqrt(major / Math.max(minor, 1e-9)),
      rim: r.radius > 0 ? dist / r.radius : 0,
      radialCos: dist > 0 ? Math.abs((Math.cos(angle) * rx + Math.sin(angle) * ry) / dist) : 0,
    };
  });

  const fineLabels = labelConnectedComponents(fine, 8);
  const coarseArea = new Float64Array(fineLabels.components.length + 1);
  for (let i = 0; i < fine.data.length; i++) {
    const f = fineLabels.labels[i];
    const c = coarseLabels.labels[i];
    if (f && c) coarseArea[f] = Math.max(coarseArea[f], coarseLabels.components[c - 1].area);
  }
  const fineDetails: FineDetail[] = fineLabels.components.map((c) => ({
    area: c.area,
    coarseArea: coarseArea[c.label],
  }));

  const lines = r.network === r.fine ? fine : detailMask(r, r.network, detailThreshold);
  const filled = fillHoles(lines);
  const holes = createBinaryMask(r.width, r.height);
  for (let i = 0; i < holes.data.length; i++) holes.data[i] = filled.data[i] && !lines.data[i] ? 1 : 0;
  const holeAreas = labelConnectedComponents(holes, 4).components.map((c) => c.area);

  const anyDetail = new Uint8Array(fine.data.length);
  for (let i = 0; i < anyDetail.length; i++) anyDetail[i] = fine.data[i] || coarse.data[i] ? 1 : 0;
  const distance = chessboardDistance(anyDetail, r.width, r.height);
  const detailDistance = new Array<number>(MAX_DETAIL_DISTANCE + 2).fill(0);
  for (let i = 0; i < distance.length; i++) {
    if (r.inner.data[i]) detailDistance[Math.min(distance[i], MAX_DETAIL_DISTANCE + 1)]++;
  }
  return { innerPixels: r.innerPixels, fine: fineDetails, coarse: coarseDetails, holeAreas, detailDistance };
}

/**
 * Presence of each structure, and the D score, from the measures at the thresholds the options
 * name (`measuresAt(threshold)`; tuning passes cached measures).
 */
export function scoreStructures(
  measuresAt: (threshold: number) => StructureMeasures,
  options: StructureOptions = {},
): StructureResult {
  const o = { ...DEFAULT_STRUCTURES, ...options };
  const m = measuresAt(o.detailThreshold);
  if (o.structurelessRadius > MAX_DETAIL_DISTANCE) {
    throw new RangeError(
      `structures: structurelessRadius ${o.structurelessRadius} exceeds ${MAX_DETAIL_DISTANCE}`,
    );
  }
  // A dot is a tiny detail on its own; fine responses along the rim of a globule are part of the globule.
  const dots = m.fine.filter(
    (c) => c.area >= 2 && c.area <= o.dotMaxArea && c.coarseArea <= o.dotMaxArea,
  ).length;
  let globules = 0;
  let streaks = 0;
  for (const c of m.coarse) {
    if (c.area > o.dotMaxArea && c.area <= o.globuleMaxArea && c.elongation < 2 && c.fill >= 0.5) globules++;
  }
  for (const c of measuresAt(o.streakThreshold).coarse) {
    if (
      c.elongation >= o.streakElongation &&
      c.rim >= o.streakRimFraction &&
      c.radialCos >= o.streakRadialCos
    )
      streaks++;
  }
  const networkCells = measuresAt(o.networkThreshold).holeAreas.filter(
    (a) => a <= o.networkCellMaxArea,
  ).length;
  const networkCellDensity = m.innerPixels > 0 ? (1000 * networkCells) / m.innerPixels : 0;
  let bare = 0;
  for (let d = o.structurelessRadius + 1; d < m.detailDistance.length; d++) bare += m.detailDistance[d];
  const structurelessFraction = m.innerPixels > 0 ? bare / m.innerPixels : 0;

  const present: Record<DermoscopicStructure, boolean> = {
    network: networkCells > 0 && networkCellDensity >= o.minNetworkCellDensity,
    structureless: structurelessFraction >= o.structurelessFraction,
    streaks: streaks >= o.minStreaks,
    dots: dots >= o.minDots,
    globules: globules >= o.minGlobules,
  };
  const count = DERMOSCOPIC_STRUCTURES.filter((s) => present[s]).length;
  return {
    score: Math.max(1, count),
    present,
    counts: { dots, globules, streaks, networkCells, networkCellDensity, structurelessFraction },
  };
}

/**
 * The D of ABCD (1-5) by a documented heuristic on dark details inside the lesion (black-hat of the
 * gray of the colour-corrected image, as for A and C): dots = tiny isolated details; globules =
 * round mid-sized details; network = a mesh of fine lines enclosing many small cells per lesion area; streaks = elongated details in the
 * outer rim pointing outwards; structureless = a large share of the lesion without any detail nearby.
 */
export function structures(
  image: RasterImage,
  mask: BinaryMask,
  options: StructureOptions = {},
): StructureResult {
  const responses = structureResponses(image, mask, options);
  const measured = new Map<number, StructureMeasures>();
  const measuresAt = (t: number) => {
    let m = measured.get(t);
    if (!m) measured.set(t, (m = measureStructures(responses, t)));
    return m;
  };
  return scoreStructures(measuresAt, options);
}

/** Chessboard distance of every pixel to the nearest set pixel (two raster passes); width+height if none. */
function chessboardDistance(data: Uint8Array, width: number, height: number): Int32Array {
  const far = width + height;
  const d = new Int32Array(data.length);
  for (let i = 0; i < d.length; i++) d[i] = data[i] ? 0 : far;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let v = d[i];
      if (v === 0) continue;
      if (x > 0) v = Math.min(v, d[i - 1] + 1);
      if (y > 0) {
        v = Math.min(v, d[i - width] + 1);
        if (x > 0) v = Math.min(v, d[i - width - 1] + 1);
        if (x < width - 1) v = Math.min(v, d[i - width + 1] + 1);
      }
      d[i] = v;
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      let v = d[i];
      if (v === 0) continue;
      if (x < width - 1) v = Math.min(v, d[i + 1] + 1);
      if (y < height - 1) {
        v = Math.min(v, d[i + width] + 1);
        if (x < width - 1) v = Math.min(v, d[i + width + 1] + 1);
        if (x > 0) v = Math.min(v, d[i + width - 1] + 1);
      }
      d[i] = v;
    }
  }
  return d;
}
