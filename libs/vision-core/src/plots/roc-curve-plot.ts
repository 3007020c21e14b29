// One-vs-rest ROC curves of every class in one panel, with the chance diagonal.
import type { RocCurve } from '../metrics/roc';
import { lineChart } from './line-chart';
import { svgDocument } from './svg';

/** A class's ROC curve and its AUC (null when the class had no positives). */
export interface LabelledRocCurve {
  label: string;
  curve: RocCurve | null;
  auc: number | null;
}

/** Renders ROC curves as an SVG document; classes without a curve are listed as "n/a". */
export function rocCurvesSvg(
  curves: readonly LabelledRocCurve[],
  title = 'ROC curves (one-vs-rest)',
): string {
  const series = curves
    .filter((c): c is LabelledRocCurve & { curve: RocCurve } => c.curve !== null)
    .map((c) => ({
      label: `${c.label} (AUC ${c.auc === null ? 'n/a' : c.auc.toFixed(3)})`,
      x: c.curve.fpr,
      y: c.curve.tpr,
    }));
  series.push({
    label: 'chance',
    x: [0, 1],
    y: [0, 1],
    colour: '#999999',
    dashed: true,
  } as (typeof series)[number]);
  return svgDocument(
    480,
    440,
    lineChart(series, {
      left: 60,
      top: 40,
      width: 390,
      height: 340,
      title,
      xLabel: 'false positive rate',
      yLabel: 'true positive rate',
      xDomain: [0, 1],
      yDomain: [0, 1],
    }),
  );
}
