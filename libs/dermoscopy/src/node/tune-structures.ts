import type { BinaryMask, RasterImage } from '@visioncad/vision-core/image';

import {
  DEFAULT_STRUCTURES,
  measureStructures,
  scoreStructures,
  structureResponses,
  structures,
  type StructureMeasures,
  type StructureOptions,
  type StructureResponseOptions,
} from '../abcd/structures';
import { presenceAgreement, type PresenceAgreement } from './agreement';

/** One case for tuning D: the image D is measured on, the lesion, its skin ring and the expert grades. */
export interface StructureTuningCase {
  image: RasterImage;
  mask: BinaryMask;
  /** Perilesional skin (the network's negative control), or null when too little skin is in frame. */
  skin: BinaryMask | null;
  dotsGlobules: boolean;
  streaks: boolean;
}

/** The tuned settings and the agreement they reach on the tuning cases themselves. */
export interface StructureTuning {
  options: Required<StructureOptions>;
  tune: {
    dotsOrGlobules: PresenceAgreement;
    streaks: PresenceAgreement;
    /** Lesions (positive: PH2 marks a network on all) vs their perilesional skin (negative). */
    networkLesionVsSkin: PresenceAgreement;
  };
}

export const FINE_RADII = [1, 2, 3];
export const COARSE_RADII = [4, 5, 7];
export const DETAIL_THRESHOLDS = [3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40];
const DOT_MAX_AREAS = [4, 6, 8, 12, 16, 24];
const GLOBULE_MAX_AREAS = [60, 100, 150, 250];
const MIN_COUNTS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150];
const STREAK_ELONGATIONS = [2, 2.5, 3, 4, 5];
const STREAK_RIMS = [0.3, 0.45, 0.6, 0.75];
const STREAK_RADIAL_COS = [0, 0.5, 0.7, 0.85];
const CELL_MAX_AREAS = [6, 10, 20, 30, 60];
const CELL_DENSITIES = Array.from({ length: 32 }, (_, k) => Math.round(0.05 * 1.25 ** k * 1000) / 1000);

/** Cohen's kappa, then balanced accuracy: how a candidate is ranked. */
type Key = [number, number];

function key(expert: boolean[], predicted: boolean[]): Key {
  const a = presenceAgreement(expert, predicted);
  return [a.kappa ?? -1, ((a.sensitivity ?? 0) + (a.specificity ?? 0)) / 2];
}

const better = (a: Key, b: Key) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/**
 * The best of `values` for "present when measure ≥ value"; among equally good values the middle
 * one, so the choice sits inside the plateau rather than on its edge.
 */
function sweep(
  values: readonly number[],
  expert: boolean[],
  predict: (value: number) => boolean[],
): { value: number; key: Key } {
  let best: Key = [-Infinity, -Infinity];
  let tied: number[] = [];
  for (const v of values) {
    const k = key(expert, predict(v));
    if (better(k, best)) {
      best = k;
      tied = [v];
    } else if (k[0] === best[0] && k[1] === best[1]) tied.push(v);
  }
  return { value: tied[(tied.length - 1) >> 1], key: best };
}

/** Measures of every case at every detail threshold, for one pair of black-hat radii. */
function measureAll(
  masks: { image: RasterImage; mask: BinaryMask }[],
  radii: StructureResponseOptions,
): Map<number, StructureMeasures>[] {
  return masks.map(({ image, mask }) => {
    const r = structureResponses(image, mask, radii);
    return new Map(DETAIL_THRESHOLDS.map((t) => [t, measureStructures(r, t)]));
  });
}

const at = (m: Map<number, StructureMeasures>) => (t: number) => {
  const found = m.get(t);
  if (!found) throw new RangeError(`no measures cached at threshold ${t}`);
  return found;
};

/**
 * Grid search of the D detector's settings on tuning cases, from measures computed once per
 * case, radius pair and threshold: dots-or-globules and streaks against the expert grades (Cohen's
 * kappa, balanced accuracy breaking ties), the network against perilesional skin. The fine and
 * coarse black-hat radii are the pair with the best mean kappa of dots-or-globules and streaks;
 * the network's radius is chosen on its own.
 */
export function tuneStructures(
  cases: StructureTuningCase[],
  onProgress: (done: string) => void = () => {},
): StructureTuning {
  const dg = cases.map((c) => c.dotsGlobules);
  const st = cases.map((c) => c.streaks);
  const withSkin = cases.filter((c) => c.skin);
  const networkExpert = [...cases.map(() => true), ...withSkin.map(() => false)];
  let best: { score: number; options: StructureOptions } | null = null;
  let network: { key: Key; options: StructureOptions } | null = null;

  for (const fineRadius of FINE_RADII) {
    for (const coarseRadius of COARSE_RADII) {
      const radii = { fineRadius, coarseRadius };
      const lesion = measureAll(cases, { ...radii, networkRadius: fineRadius }).map(at);
      // The network depends only on its own radius: measured with the first coarse radius.
      const tuneNetwork = coarseRadius === COARSE_RADII[0];
      const skin = tuneNetwork
        ? measureAll(
            withSkin.map((c) => ({ image: c.image, mask: c.skin as BinaryMask })),
            { ...radii, networkRadius: fineRadius },
          ).map(at)
        : [];

      let dgBest = { key: [-Infinity, -Infinity] as Key, options: {} as StructureOptions };
      let stBest = { key: [-Infinity, -Infinity] as Key, options: {} as StructureOptions };
      let netBest = { key: [-Infinity, -Infinity] as Key, options: {} as StructureOptions };
      for (const t of DETAIL_THRESHOLDS) {
        for (const dotMaxArea of DOT_MAX_AREAS) {
          for (const globuleMaxArea of GLOBULE_MAX_AREAS) {
            const base = { ...radii, detailThreshold: t, dotMaxArea, globuleMaxArea };
            const counts = lesion.map(
              (m) => scoreStructures(m, { ...base, streakThreshold: t, networkThreshold: t }).counts,
            );
            for (const minGlobules of MIN_COUNTS) {
              const s = sweep(MIN_COUNTS, dg, (minDots) =>
                counts.map((c) => c.dots >= minDots || c.globules >= minGlobules),
              );
              if (better(s.key, dgBest.key))
                dgBest = { key: s.key, options: { ...base, minDots: s.value, minGlobules } };
            }
          }
        }
        for (const streakElongation of STREAK_ELONGATIONS) {
          for (const streakRimFraction of STREAK_RIMS) {
            for (const streakRadialCos of STREAK_RADIAL_COS) {
              const o = { streakThreshold: t, streakElongation, streakRimFraction, streakRadialCos };
              const counts = lesion.map(
                (m) => scoreStructures(m, { ...o, detailThreshold: t, networkThreshold: t }).counts.streaks,
              );
              const s = sweep(MIN_COUNTS, st, (minStreaks) => counts.map((c) => c >= minStreaks));
              if (better(s.key, stBest.key)) stBest = { key: s.key, options: { ...o, minStreaks: s.value } };
            }
          }
        }
        for (const networkCellMaxArea of tuneNetwork ? CELL_MAX_AREAS : []) {
          const o = { networkThreshold: t, networkCellMaxArea };
          const density = [...lesion, ...skin].map(
            (m) =>
              scoreStructures(m, { ...o, detailThreshold: t, streakThreshold: t }).counts.networkCellDensity,
          );
          const s = sweep(CELL_DENSITIES, networkExpert, (d) => density.map((v) => v > 0 && v >= d));
          if (better(s.key, netBest.key)) {
            netBest = {
              key: s.key,
              options: { ...o, networkRadius: fineRadius, minNetworkCellDensity: s.value },
            };
          }
        }
      }
      if (tuneNetwork && (!network || better(netBest.key, network.key))) network = netBest;
      const score = (dgBest.key[0] + stBest.key[0]) / 2;
      onProgress(
        `radii ${fineRadius}/${coarseRadius}: tuning kappa dots/globules ${dgBest.key[0].toFixed(3)}, streaks ${stBest.key[0].toFixed(3)}${tuneNetwork ? `, network (radius ${fineRadius}) ${netBest.key[0].toFixed(3)}` : ''}`,
      );
      if (!best || score > best.score)
        best = { score, options: { ...radii, ...dgBest.options, ...stBest.options } };
    }
  }
  if (!best || !network) throw new RangeError('tuneStructures: no cases');
  const options: Required<StructureOptions> = { ...DEFAULT_STRUCTURES, ...best.options, ...network.options };
  // Agreement of the chosen settings on the tuning cases themselves.
  const lesion = cases.map((c) => structures(c.image, c.mask, options));
  const skinNetwork = withSkin.map((c) => structures(c.image, c.skin as BinaryMask, options).present.network);
  return {
    options,
    tune: {
      dotsOrGlobules: presenceAgreement(
        dg,
        lesion.map((r) => r.present.dots || r.present.globules),
      ),
      streaks: presenceAgreement(
        st,
        lesion.map((r) => r.present.streaks),
      ),
      networkLesionVsSkin: presenceAgreement(networkExpert, [
        ...lesion.map((r) => r.present.network),
        ...skinNetwork,
      ]),
    },
  };
}
