import { createRasterImage, type RasterImage } from './raster-image';

/** Mirrors the image left-right. */
export function flipHorizontal(image: RasterImage): RasterImage {
  const { width, height, channels: c, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const from = (row + x) * c;
      const to = (row + width - 1 - x) * c;
      for (let k = 0; k < c; k++) out[to + k] = data[from + k];
    }
  }
  return createRasterImage(width, height, c, out);
}
