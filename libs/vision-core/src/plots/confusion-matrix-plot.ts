// Confusion matrix heat map: counts or row-normalised rates, rows = true class.
import { normalizeConfusionMatrix } from '../metrics/confusion-matrix';
import { blues, fmt, svgDocument, svgText } from './svg';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixPlotOptions {
  /** Show each row divided by its total (recall on the diagonal) instead of counts. */
  normalized?: boolean;
  title?: string;
  /** Side of one cell in pixels. Default 56. */
  cellSize?: number;
}

/** Renders a k x k confusion matrix (rows = true class, columns = predicted) as an SVG document. */
export function confusionMatrixSvg(
  matrix: readonly (readonly number[])[],
  labels: readonly string[],
  options: ConfusionMatrixPlotOptions = {},
): string {
  const k = labels.length;
  if (matrix.length !== k || matrix.some((row) => row.length !== k)) {
    throw new Error(`confusion matrix must be ${k}x${k} for ${k} labels, got ${matrix.length} rows`);
  }
  const normalized = options.normalized ?? false;
  const values = normalized ? normalizeConfusionMatrix(matrix) : matrix.map((r) => [...r]);
  const max = Math.max(...values.flat(), 1e-12);
  const cell = options.cellSize ?? 56;
  const left = 110;
  const top = 60;
  const width = left + k * cell + 30;
  const height = top + k * cell + 70;
  const body: string[] = [
    svgText(
      left + (k * cell) / 2,
      28,
      options.title ?? (normalized ? 'Confusion matrix (row-normalised)' : 'Confusion matrix (counts)'),
      {
        size: 15,
        weight: 'bold',
      },
    ),
  ];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      const x = left + j * cell;
      const y = top + i * cell;
      const shade = v / max;
      body.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${blues(shade)}" stroke="#ffffff"/>`,
      );
      const text = normalized ? (Number.isFinite(v) ? v.toFixed(2) : '-') : String(v);
      body.push(
        svgText(x + cell / 2, y + cell / 2 + 4, text, {
          size: 12,
          fill: shade > 0.5 ? '#ffffff' : '#222222',
        }),
      );
    }),
  );
  labels.forEach((label, i) => {
    body.push(svgText(left - 8, top + i * cell + cell / 2 + 4, label, { size: 12, anchor: 'end' }));
    const cx = left + i * cell + cell / 2;
    const cy = top + k * cell + 12;
    body.push(svgText(cx, cy, label, { size: 12, anchor: 'end', rotate: -35 }));
  });
  body.push(svgText(left + (k * cell) / 2, height - 8, 'predicted', { size: 13 }));
  body.push(svgText(18, top + (k * cell) / 2, 'true', { size: 13, rotate: -90 }));
  body.push(
    `<rect x="${left}" y="${top}" width="${fmt(k * cell)}" height="${fmt(k * cell)}" fill="none" stroke="#444444"/>`,
  );
  return svgDocument(width, height, body);
}
