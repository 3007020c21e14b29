import { createRasterImage, type RasterImage } from './raster-image';

/** Luma of an sRGB pixel with ITU-R BT.601 weights, the convention of OpenCV and tf.image. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** Converts to a 1-channel image (BT.601 luma; alpha is ignored). A grayscale input is copied. */
export function toGrayscale(image: RasterImage): RasterImage {
  const { width, height, channels, data } = image;
  if (channels === 1) return createRasterImage(width, height, 1, data.slice());
  const out = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < out.length; p++, i += channels) {
    out[p] = Math.round(luma(data[i], data[i + 1], data[i + 2]));
  }
  return createRasterImage(width, height, 1, out);
}

/** Converts to 3-channel RGB: gray is replicated, alpha is dropped. An RGB input is copied. */
export function toRgb(image: RasterImage): RasterImage {
  const { width, height, channels, data } = image;
  if (channels === 3) return createRasterImage(width, height, 3, data.slice());
  const out = new Uint8Array(width * height * 3);
  for (let p = 0, i = 0; p < width * height; p++, i += channels) {
    const o = p * 3;
    if (channels === 1) {
      out[o] = out[o + 1] = out[o + 2] = data[i];
    } else {
      out[o] = data[i];
      out[o + 1] = data[i + 1];
      out[o + 2] = data[i + 2];
    }
  }
  return createRasterImage(width, height, 3, out);
}
