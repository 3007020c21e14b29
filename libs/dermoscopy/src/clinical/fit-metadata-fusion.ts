// Fits the fusion weight w and temperature T of a clinical-metadata fusion (./metadata-fusion) on
// held-out images: for each w on a grid, the fused logits log p(image) + w · log q(metadata) get
// their own temperature (minimum NLL), and the w whose calibrated fused probabilities have the
// lowest class-balanced NLL wins. w = 0 is on the grid, so metadata that does not help on
// validation is given no weight. Browser-safe.
import { applyTemperature, balancedNll, fitTemperature } from '@visioncad/vision-core/metrics';

import { fusedLogitRow } from './metadata-fusion';

/** The default grid of w. */
export const FUSION_WEIGHT_GRID: readonly number[] = [
  0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 2,
];

export interface FusionWeightFit {
  metadataWeight: number;
  temperature: number;
  /** Balanced NLL on the held-out images of every w tried (with its temperature). */
  grid: { metadataWeight: number; temperature: number; balancedNll: number }[];
}

/** log p + w · log q, row by row. */
export function fusedLogits(
  imageProbabilities: readonly (readonly number[])[],
  metadataLogProbabilities: readonly (readonly number[])[],
  metadataWeight: number,
): number[][] {
  return imageProbabilities.map((row, i) => fusedLogitRow(row, metadataLogProbabilities[i], metadataWeight));
}

/**
 * Picks w (and its temperature) on held-out images: `imageProbabilities` are the classifier's
 * calibrated probabilities, `metadataLogProbabilities` the metadata regression's, `y` the diagnoses.
 */
export function fitFusionWeight(
  imageProbabilities: readonly (readonly number[])[],
  metadataLogProbabilities: readonly (readonly number[])[],
  y: readonly number[],
  grid: readonly number[] = FUSION_WEIGHT_GRID,
): FusionWeightFit {
  if (imageProbabilities.length !== y.length || metadataLogProbabilities.length !== y.length) {
    throw new RangeError(
      `need one row per label: ${imageProbabilities.length} image rows, ${metadataLogProbabilities.length} metadata rows, ${y.length} labels`,
    );
  }
  if (grid.length === 0 || grid.some((w) => !(w >= 0)))
    throw new RangeError('the weight grid must be numbers >= 0');
  const tried = grid.map((metadataWeight) => {
    const logits = fusedLogits(imageProbabilities, metadataLogProbabilities, metadataWeight);
    const { temperature } = fitTemperature(logits, y);
    return {
      metadataWeight,
      temperature,
      balancedNll: balancedNll(applyTemperature(logits, temperature), y),
    };
  });
  const best = tried.reduce((a, b) => (b.balancedNll < a.balancedNll ? b : a));
  return { metadataWeight: best.metadataWeight, temperature: best.temperature, grid: tried };
}
