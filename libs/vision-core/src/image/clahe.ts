import { assertChannels, createRasterImage, type RasterImage } from './raster-image';

/** Contrast-limited adaptive histogram equalisation settings. */
export interface ClaheOptions {
  /** Tiles across and down (default 8x8, as OpenCV). */
  tilesX?: number;
  tilesY?: number;
  /** Histogram clip as a multiple of the mean bin count (default 2, a common OpenCV choice). */
  clipLimit?: number;
}

function tileEdges(size: number, tiles: number): number[] {
  return Array.from({ length: tiles + 1 }, (_, i) => Math.round((i * size) / tiles));
}

/**
 * CLAHE (Zuiderveld 1994) of a grayscale image: per-tile equalisation with clipped histograms,
 * blended bilinearly between tile centres so tile borders do not show.
 */
export function clahe(image: RasterImage, options: ClaheOptions = {}): RasterImage {
  assertChannels(image, 1, 'clahe');
  const { width, height, data } = image;
  const tilesX = Math.min(options.tilesX ?? 8, width);
  const tilesY = Math.min(options.tilesY ?? 8, height);
  const clipLimit = options.clipLimit ?? 2;
  if (!(clipLimit > 0)) throw new RangeError(`clahe clipLimit must be > 0, got ${clipLimit}`);
  const xs = tileEdges(width, tilesX);
  const ys = tileEdges(height, tilesY);
  const luts: Uint8Array[] = [];
  const hist = new Float64Array(256);
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      hist.fill(0);
      for (let y = ys[ty]; y < ys[ty + 1]; y++) {
        for (let x = xs[tx]; x < xs[tx + 1]; x++) hist[data[y * width + x]]++;
      }
      const area = (xs[tx + 1] - xs[tx]) * (ys[ty + 1] - ys[ty]);
      const limit = Math.max(1, (clipLimit * area) / 256);
      let excess = 0;
      for (let v = 0; v < 256; v++) {
        if (hist[v] > limit) {
          excess += hist[v] - limit;
          hist[v] = limit;
        }
      }
      const lut = new Uint8Array(256);
      let cdf = 0;
      for (let v = 0; v < 256; v++) {
        cdf += hist[v] + excess / 256;
        lut[v] = Math.min(255, Math.round((cdf * 255) / area));
      }
      luts.push(lut);
    }
  }
  const centresX = Array.from({ length: tilesX }, (_, i) => (xs[i] + xs[i + 1] - 1) / 2);
  const centresY = Array.from({ length: tilesY }, (_, i) => (ys[i] + ys[i + 1] - 1) / 2);
  const locate = (v: number, centres: number[]): [number, number, number] => {
    if (v <= centres[0]) return [0, 0, 0];
    const last = centres.length - 1;
    if (v >= centres[last]) return [last, last, 0];
    let i = 0;
    while (centres[i + 1] < v) i++;
    return [i, i + 1, (v - centres[i]) / (centres[i + 1] - centres[i])];
  };
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const [y0, y1, wy] = locate(y, centresY);
    for (let x = 0; x < width; x++) {
      const [x0, x1, wx] = locate(x, centresX);
      const v = data[y * width + x];
      const top = luts[y0 * tilesX + x0][v] * (1 - wx) + luts[y0 * tilesX + x1][v] * wx;
      const bottom = luts[y1 * tilesX + x0][v] * (1 - wx) + luts[y1 * tilesX + x1][v] * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return createRasterImage(width, height, 1, out);
}
