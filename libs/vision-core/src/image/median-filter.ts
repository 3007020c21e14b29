import { createRasterImage, type RasterImage } from './raster-image';

/**
 * Median filter over a (2r+1)x(2r+1) window, each channel separately, edges replicated.
 * Uses Huang's sliding histogram, so the cost per pixel grows with r rather than r².
 */
export function medianFilter(image: RasterImage, radius: number): RasterImage {
  if (!Number.isInteger(radius) || radius < 0) {
    throw new RangeError(`medianFilter radius must be a non-negative integer, got ${radius}`);
  }
  const { width, height, channels: c, data } = image;
  const out = new Uint8Array(data.length);
  const window = (2 * radius + 1) ** 2;
  const half = window >> 1;
  const hist = new Uint32Array(256);
  const clampX = (x: number) => (x < 0 ? 0 : x >= width ? width - 1 : x);
  const clampY = (y: number) => (y < 0 ? 0 : y >= height ? height - 1 : y);
  for (let k = 0; k < c; k++) {
    for (let y = 0; y < height; y++) {
      hist.fill(0);
      for (let dy = -radius; dy <= radius; dy++) {
        const row = clampY(y + dy) * width;
        for (let dx = -radius; dx <= radius; dx++) hist[data[(row + clampX(dx)) * c + k]]++;
      }
      for (let x = 0; x < width; x++) {
        if (x > 0) {
          const xOut = clampX(x - radius - 1);
          const xIn = clampX(x + radius);
          for (let dy = -radius; dy <= radius; dy++) {
            const row = clampY(y + dy) * width;
            hist[data[(row + xOut) * c + k]]--;
            hist[data[(row + xIn) * c + k]]++;
          }
        }
        let seen = 0;
        let v = 0;
        while ((seen += hist[v]) <= half) v++;
        out[(y * width + x) * c + k] = v;
      }
    }
  }
  return createRasterImage(width, height, c, out);
}
