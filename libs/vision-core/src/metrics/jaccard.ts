import { maskOverlap, type MaskMetricOptions } from './dice';

/** Jaccard index (IoU) |A∩B| / |A∪B| of two masks; 1 when both are empty. */
export function jaccard(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  options?: MaskMetricOptions,
): number {
  const { intersection, truthArea, predArea } = maskOverlap(truth, pred, options);
  const union = truthArea + predArea - intersection;
  return union === 0 ? 1 : intersection / union;
}

/**
 * ISIC 2018 thresholded Jaccard: the Jaccard index, scored 0 when it is below `threshold` (0.65),
 * because such a segmentation counts as a failure. Average it over images for the challenge score.
 */
export function thresholdedJaccard(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  { threshold = 0.65, ...options }: MaskMetricOptions & { threshold?: number } = {},
): number {
  const j = jaccard(truth, pred, options);
  return j < threshold ? 0 : j;
}
