// Small SVG building blocks shared by the plots. Plain strings: no DOM, so the same code renders in
// a browser, in Node and in tests.

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Wraps plot elements in a standalone SVG document with a white background. */
export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** A text element; `anchor` is SVG's text-anchor. */
export function svgText(
  x: number,
  y: number,
  text: string,
  options: {
    size?: number;
    anchor?: 'start' | 'middle' | 'end';
    fill?: string;
    rotate?: number;
    weight?: string;
  } = {},
): string {
  const { size = 12, anchor = 'middle', fill = '#222222', rotate, weight } = options;
  const transform = rotate === undefined ? '' : ` transform="rotate(${rotate} ${fmt(x)} ${fmt(y)})"`;
  const bold = weight ? ` font-weight="${weight}"` : '';
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-size="${size}" text-anchor="${anchor}" fill="${fill}"${bold}${transform}>${escapeXml(text)}</text>`;
}

/** Rounds coordinates so documents stay small and stable. */
export function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Colour of a value in [0, 1] on a white-to-blue ramp (matplotlib's "Blues" end points). */
export function blues(value: number): string {
  const t = Math.min(1, Math.max(0, value));
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Distinct line colours (Tableau 10), cycled. */
export const SERIES_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
