import {
  createBinaryMask,
  fillHoles,
  labelConnectedComponents,
  type BinaryMask,
  type ConnectedComponent,
} from '@visioncad/vision-core/image';

import { thresholdProbabilityMap, type ProbabilityMap } from './probability-map';

/** How the main lesion is chosen among connected components. */
export interface MainLesionOptions {
  /**
   * Score multiplier for components touching the image border. Dark vignetted corners and
   * skin folds touch the border; lesions usually sit in the middle but large ones may fill the
   * frame, so the border is a penalty rather than an exclusion.
   */
  borderPenalty?: number;
  /** Width of the Gaussian centre preference, as a fraction of the half-diagonal. */
  centreSigma?: number;
}

export const DEFAULT_MAIN_LESION: Required<MainLesionOptions> = { borderPenalty: 0.3, centreSigma: 0.5 };

/** The score of a component: area x centre preference x border penalty. */
export function lesionCandidateScore(
  c: ConnectedComponent,
  width: number,
  height: number,
  options: MainLesionOptions = {},
): number {
  const o = { ...DEFAULT_MAIN_LESION, ...options };
  const halfDiagonal = Math.hypot(width, height) / 2;
  const d = Math.hypot(c.centroidX - (width - 1) / 2, c.centroidY - (height - 1) / 2) / halfDiagonal;
  return (
    c.area *
    Math.exp(-(d * d) / (2 * o.centreSigma * o.centreSigma)) *
    (c.touchesBorder ? o.borderPenalty : 1)
  );
}

/**
 * Keeps the one connected component most likely to be the lesion (largest, preferring components
 * near the centre and not touching the border) and fills its holes. An empty mask stays empty.
 */
export function selectMainLesion(mask: BinaryMask, options: MainLesionOptions = {}): BinaryMask {
  const labels = labelConnectedComponents(mask, 8);
  if (labels.components.length === 0) return createBinaryMask(mask.width, mask.height);
  let best = labels.components[0];
  let bestScore = -1;
  for (const c of labels.components) {
    const score = lesionCandidateScore(c, mask.width, mask.height, options);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = labels.labels[i] === best.label ? 1 : 0;
  return fillHoles(createBinaryMask(mask.width, mask.height, out));
}

/** Network output to lesion mask: threshold, keep the main lesion, fill holes. */
export function postprocessProbabilityMap(
  map: ProbabilityMap,
  threshold = 0.5,
  options: MainLesionOptions = {},
): BinaryMask {
  return selectMainLesion(thresholdProbabilityMap(map, threshold), options);
}
