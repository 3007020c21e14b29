import { createRasterImage, type RasterImage } from './raster-image';

/**
 * Resizes with bilinear interpolation using half-pixel centres (OpenCV INTER_LINEAR and
 * tf.image.resizeBilinear with halfPixelCenters), so a 2x downscale averages 2x2 blocks.
 */
export function resizeBilinear(image: RasterImage, width: number, height: number): RasterImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`resizeBilinear target must be positive integers, got ${width}x${height}`);
  }
  const { width: sw, height: sh, channels: c, data } = image;
  const out = new Uint8Array(width * height * c);
  const sx = sw / width;
  const sy = sh / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = fx - x0;
      const i00 = (y0 * sw + x0) * c;
      const i01 = (y0 * sw + x1) * c;
      const i10 = (y1 * sw + x0) * c;
      const i11 = (y1 * sw + x1) * c;
      const o = (y * width + x) * c;
      for (let k = 0; k < c; k++) {
        const top = data[i00 + k] + (data[i01 + k] - data[i00 + k]) * wx;
        const bottom = data[i10 + k] + (data[i11 + k] - data[i10 + k]) * wx;
        out[o + k] = Math.round(top + (bottom - top) * wy);
      }
    }
  }
  return createRasterImage(width, height, c, out);
}
