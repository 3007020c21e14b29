// Browser-safe SVG plots for evaluation reports: confusion matrices, ROC curves, reliability
// diagrams and training curves. PNG rasterisation (Node, sharp) is in ./plots-node.
export { confusionMatrixSvg, type ConfusionMatrixPlotOptions } from './plots/confusion-matrix-plot';
export { rocCurvesSvg, type LabelledRocCurve } from './plots/roc-curve-plot';
export { reliabilityDiagramSvg } from './plots/reliability-diagram-plot';
export { trainingCurvesSvg, type EpochMetrics } from './plots/training-curves-plot';
export { lineChart, niceTicks, type LineChartOptions, type Series } from './plots/line-chart';
export { blues, escapeXml, svgDocument } from './plots/svg';
