import { assertSameLength } from './validate';

/** Options shared by the mask overlap metrics. */
export interface MaskMetricOptions {
  /** A pixel is foreground when its value is >= binarizeAt (default 0.5: fits 0/1, 0/255 and probability maps). */
  binarizeAt?: number;
}

/** Counts |A ∩ B|, |A| and |B| of two masks binarized at `binarizeAt`. */
export function maskOverlap(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  { binarizeAt = 0.5 }: MaskMetricOptions = {},
): { intersection: number; truthArea: number; predArea: number } {
  assertSameLength(truth, pred, 'truth mask', 'predicted mask');
  let intersection = 0;
  let truthArea = 0;
  let predArea = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] >= binarizeAt;
    const p = pred[i] >= binarizeAt;
    if (t) truthArea++;
    if (p) predArea++;
    if (t && p) intersection++;
  }
  return { intersection, truthArea, predArea };
}

/** Dice coefficient 2|A∩B| / (|A| + |B|) of two masks; 1 when both are empty (perfect agreement on "no lesion"). */
export function dice(truth: ArrayLike<number>, pred: ArrayLike<number>, options?: MaskMetricOptions): number {
  const { intersection, truthArea, predArea } = maskOverlap(truth, pred, options);
  return truthArea + predArea === 0 ? 1 : (2 * intersection) / (truthArea + predArea);
}
