// One panel of x/y series with axes, ticks, a legend and optional reference lines: the frame the
// ROC, reliability and training-curve plots are drawn in.
import { fmt, SERIES_COLOURS, svgText } from './svg';

/** One line of a chart. */
export interface Series {
  label: string;
  x: readonly number[];
  y: readonly number[];
  colour?: string;
  dashed?: boolean;
}

/** Placement and scales of a panel. */
export interface LineChartOptions {
  left: number;
  top: number;
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  /** Axis ranges; default: the data's range. */
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/** Round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function domain(values: number[], fallback: [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return fallback;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** SVG elements of a line chart panel. Non-finite points are skipped (the line breaks there). */
export function lineChart(series: readonly Series[], o: LineChartOptions): string[] {
  const [x0, x1] =
    o.xDomain ??
    domain(
      series.flatMap((s) => [...s.x]),
      [0, 1],
    );
  const [y0, y1] =
    o.yDomain ??
    domain(
      series.flatMap((s) => [...s.y]),
      [0, 1],
    );
  const sx = (x: number) => o.left + ((x - x0) / (x1 - x0)) * o.width;
  const sy = (y: number) => o.top + o.height - ((y - y0) / (y1 - y0)) * o.height;
  const out: string[] = [
    svgText(o.left + o.width / 2, o.top - 10, o.title, { size: 14, weight: 'bold' }),
    `<rect x="${fmt(o.left)}" y="${fmt(o.top)}" width="${fmt(o.width)}" height="${fmt(o.height)}" fill="none" stroke="#444444"/>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    out.push(
      `<line x1="${fmt(sx(t))}" y1="${fmt(o.top)}" x2="${fmt(sx(t))}" y2="${fmt(o.top + o.height)}" stroke="#e5e5e5"/>`,
    );
    out.push(svgText(sx(t), o.top + o.height + 15, String(t), { size: 10 }));
  }
  for (const t of niceTicks(y0, y1)) {
    out.push(
      `<line x1="${fmt(o.left)}" y1="${fmt(sy(t))}" x2="${fmt(o.left + o.width)}" y2="${fmt(sy(t))}" stroke="#e5e5e5"/>`,
    );
    out.push(svgText(o.left - 6, sy(t) + 3, String(t), { size: 10, anchor: 'end' }));
  }
  out.push(svgText(o.left + o.width / 2, o.top + o.height + 32, o.xLabel, { size: 12 }));
  out.push(svgText(o.left - 38, o.top + o.height / 2, o.yLabel, { size: 12, rotate: -90 }));
  series.forEach((s, i) => {
    const colour = s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length];
    const segments: string[][] = [[]];
    s.x.forEach((x, j) => {
      const y = s.y[j];
      if (Number.isFinite(x) && Number.isFinite(y))
        segments[segments.length - 1].push(`${fmt(sx(x))},${fmt(sy(y))}`);
      else if (segments[segments.length - 1].length > 0) segments.push([]);
    });
    const dash = s.dashed ? ' stroke-dasharray="5,4"' : '';
    for (const points of segments.filter((p) => p.length > 0)) {
      if (points.length === 1) {
        const [cx, cy] = points[0].split(',');
        out.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${colour}"/>`);
      } else {
        out.push(
          `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.8"${dash}/>`,
        );
      }
    }
    const ly = o.top + 14 + i * 15;
    out.push(
      `<line x1="${fmt(o.left + o.width - 150)}" y1="${fmt(ly - 4)}" x2="${fmt(o.left + o.width - 130)}" y2="${fmt(ly - 4)}" stroke="${colour}" stroke-width="2"${dash}/>`,
    );
    out.push(svgText(o.left + o.width - 125, ly, s.label, { size: 10, anchor: 'start' }));
  });
  return out;
}
