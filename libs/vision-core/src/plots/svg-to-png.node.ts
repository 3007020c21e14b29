// Node-only: rasterises the SVG plots to PNG with sharp (librsvg), for reports and model cards.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';

/** Renders an SVG document to PNG bytes at `density` DPI (72 = the SVG's pixel size). */
export async function svgToPng(svg: string, density = 144): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density }).png().toBuffer();
}

/** Writes an SVG document as a PNG file, creating its folder. */
export async function writeSvgPng(svg: string, path: string, density = 144): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await sharp(Buffer.from(svg), { density }).png().toFile(path);
}
