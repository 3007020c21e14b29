import { reliabilityDiagram, type ReliabilityBin } from './calibration';
import { downsampleCurve } from './curve-downsampling';
import type { ProbabilityRows } from './probabilities';
import { rocOneVsRest } from './roc';

/** A class's one-vs-rest ROC curve, downsampled for storage; `auc` is the full curve's. */
export interface StoredRocCurve {
  fpr: number[];
  tpr: number[];
  auc: number;
}

/** The curve data an evaluation stores so a reader can draw its ROC curves and reliability diagram. */
export interface EvaluationCurves {
  /** Per label, one-vs-rest; a label with no positives or no negatives in yTrue has no curve. */
  rocCurves: Record<string, StoredRocCurve>;
  /** The bins the ECE is computed over (top-label confidence, equal width). */
  reliabilityBins: ReliabilityBin[];
}

// Four decimals are far below a plotted pixel and keep the JSON compact.
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * One-vs-rest ROC curves downsampled to at most `maxPoints` points each (their AUC from the full
 * curve) and the reliability bins of the top-label confidence, as `expectedCalibrationError` bins them.
 */
export function evaluationCurves(
  yTrue: ArrayLike<number>,
  probs: ProbabilityRows,
  labels: readonly string[],
  { maxPoints = 100, nBins = 15 }: { maxPoints?: number; nBins?: number } = {},
): EvaluationCurves {
  const roc = rocOneVsRest(yTrue, probs, labels.length);
  const rocCurves: Record<string, StoredRocCurve> = {};
  labels.forEach((label, k) => {
    const curve = roc.curves[k];
    const area = roc.aucs[k];
    if (curve === null || area === null) return;
    const { x, y } = downsampleCurve(curve.fpr, curve.tpr, maxPoints);
    rocCurves[label] = { fpr: x.map(round), tpr: y.map(round), auc: area };
  });
  const reliabilityBins = reliabilityDiagram(yTrue, probs, nBins).map((bin) => ({
    ...bin,
    lower: round(bin.lower),
    upper: round(bin.upper),
  }));
  return { rocCurves, reliabilityBins };
}
