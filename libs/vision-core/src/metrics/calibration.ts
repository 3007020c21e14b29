import { assertRows, type ProbabilityRows } from './probabilities';
import { assertClassLabels, assertSameLength } from './validate';

/** One bin of a reliability diagram over top-label confidence. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Fraction of the bin's samples whose top class is correct (0 for an empty bin). */
  accuracy: number;
  /** Mean top-class probability of the bin's samples (0 for an empty bin). */
  confidence: number;
}

/**
 * Reliability-diagram bins (Guo et al. 2017): samples are binned by their top-class probability
 * into nBins equal-width intervals (lower, upper], the first bin also taking 0.
 */
export function reliabilityDiagram(
  yTrue: ArrayLike<number>,
  probs: ProbabilityRows,
  nBins = 15,
): ReliabilityBin[] {
  if (!Number.isInteger(nBins) || nBins < 1)
    throw new Error(`nBins must be a positive integer, got ${nBins}`);
  assertSameLength(yTrue, probs, 'yTrue', 'probs');
  const numClasses = probs[0].length;
  assertRows(probs, numClasses, 'probs');
  assertClassLabels(yTrue, numClasses, 'yTrue');
  const count = new Array<number>(nBins).fill(0);
  const correct = new Array<number>(nBins).fill(0);
  const confSum = new Array<number>(nBins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const row = probs[i];
    let top = 0;
    for (let k = 1; k < numClasses; k++) if (row[k] > row[top]) top = k;
    // A softmax computed in floating point can overshoot 1 by a few ulps; that is rounding, not a bad row.
    if (row[top] < 0 || row[top] > 1 + 1e-9) {
      throw new Error(`probs[${i}] has a top probability ${row[top]} outside [0, 1]`);
    }
    const conf = Math.min(1, row[top]);
    const bin = Math.min(nBins - 1, Math.max(0, Math.ceil(conf * nBins) - 1));
    count[bin]++;
    confSum[bin] += conf;
    if (top === yTrue[i]) correct[bin]++;
  }
  return count.map((c, b) => ({
    lower: b / nBins,
    upper: (b + 1) / nBins,
    count: c,
    accuracy: c === 0 ? 0 : correct[b] / c,
    confidence: c === 0 ? 0 : confSum[b] / c,
  }));
}

/** Expected calibration error: the sample-weighted mean |accuracy - confidence| over reliability bins. */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  probs: ProbabilityRows,
  nBins = 15,
): number {
  const bins = reliabilityDiagram(yTrue, probs, nBins);
  const n = probs.length;
  return bins.reduce((s, b) => s + (b.count / n) * Math.abs(b.accuracy - b.confidence), 0);
}
