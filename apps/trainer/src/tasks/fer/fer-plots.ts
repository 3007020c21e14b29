// Node-only: the PNG plots written beside a FER metrics JSON (same stem): confusion matrix in
// counts and row-normalised, one-vs-rest ROC curves and a reliability diagram; and training curves.
import { expectedCalibrationError, reliabilityDiagram, rocOneVsRest } from '@visioncad/vision-core/metrics';
import {
  confusionMatrixSvg,
  reliabilityDiagramSvg,
  rocCurvesSvg,
  trainingCurvesSvg,
  type EpochMetrics,
} from '@visioncad/vision-core/plots';
import { writeSvgPng } from '@visioncad/vision-core/plots-node';
import type { FerScore } from './fer-evaluation';

/** `runs/x/metrics.json` → `runs/x/metrics.<suffix>.png`. */
export function plotPath(metricsPath: string, suffix: string): string {
  return `${metricsPath.replace(/\.json$/i, '')}.${suffix}.png`;
}

/** Writes the evaluation plots of a score beside its metrics JSON; returns their paths. */
export async function writeFerPlots(metricsPath: string, score: FerScore): Promise<string[]> {
  const { report, yTrue, probabilities } = score;
  const roc = rocOneVsRest(yTrue, probabilities, report.labels.length);
  const plots: [string, string][] = [
    ['confusion', confusionMatrixSvg(report.confusionMatrix, report.labels)],
    ['confusion-normalized', confusionMatrixSvg(report.confusionMatrix, report.labels, { normalized: true })],
    [
      'roc',
      rocCurvesSvg(report.labels.map((label, k) => ({ label, curve: roc.curves[k], auc: roc.aucs[k] }))),
    ],
    [
      'reliability',
      reliabilityDiagramSvg(
        reliabilityDiagram(yTrue, probabilities, 10),
        expectedCalibrationError(yTrue, probabilities, 10),
      ),
    ],
  ];
  const paths: string[] = [];
  for (const [suffix, svg] of plots) {
    const path = plotPath(metricsPath, suffix);
    await writeSvgPng(svg, path);
    paths.push(path);
  }
  return paths;
}

/** Writes loss/accuracy curves of a run's epoch log as a PNG. */
export async function writeTrainingCurves(path: string, history: readonly EpochMetrics[]): Promise<void> {
  await writeSvgPng(trainingCurvesSvg(history, 'FER'), path);
}
