// Reliability diagram: accuracy against confidence per bin, with the perfect-calibration diagonal
// and bars for how many samples each bin holds.
import type { ReliabilityBin } from '../metrics/calibration';
import { lineChart } from './line-chart';
import { fmt, svgDocument, svgText } from './svg';

/** Renders reliability bins as an SVG document; `ece` (if given) goes into the title. */
export function reliabilityDiagramSvg(bins: readonly ReliabilityBin[], ece?: number): string {
  const filled = bins.filter((b) => b.count > 0);
  const left = 60;
  const top = 40;
  const width = 390;
  const height = 300;
  const title = ece === undefined ? 'Reliability diagram' : `Reliability diagram (ECE ${ece.toFixed(3)})`;
  const body = lineChart(
    [
      { label: 'model', x: filled.map((b) => b.confidence), y: filled.map((b) => b.accuracy) },
      { label: 'perfect calibration', x: [0, 1], y: [0, 1], colour: '#999999', dashed: true },
    ],
    {
      left,
      top,
      width,
      height,
      title,
      xLabel: 'confidence',
      yLabel: 'accuracy',
      xDomain: [0, 1],
      yDomain: [0, 1],
    },
  );
  // Sample counts as a strip under the chart, so sparse bins are not over-read.
  const maxCount = Math.max(...bins.map((b) => b.count), 1);
  const stripTop = top + height + 45;
  for (const b of bins) {
    const h = (b.count / maxCount) * 40;
    body.push(
      `<rect x="${fmt(left + b.lower * width)}" y="${fmt(stripTop + 40 - h)}" width="${fmt((b.upper - b.lower) * width - 1)}" height="${fmt(h)}" fill="#4e79a7"/>`,
    );
  }
  body.push(svgText(left - 6, stripTop + 40, 'n', { size: 10, anchor: 'end' }));
  return svgDocument(480, stripTop + 55, body);
}
