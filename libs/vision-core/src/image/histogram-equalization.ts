import { histogram256 } from './histogram';
import { createRasterImage, type RasterImage } from './raster-image';

/**
 * Global histogram equalisation of a grayscale image (the OpenCV equalizeHist mapping:
 * the lowest occupied level goes to 0, the highest to 255). A constant image is returned unchanged.
 */
export function equalizeHistogram(image: RasterImage): RasterImage {
  const hist = histogram256(image);
  const total = image.data.length;
  let cdfMin = 0;
  for (let v = 0; v < 256; v++) {
    if (hist[v]) {
      cdfMin = hist[v];
      break;
    }
  }
  const out = new Uint8Array(total);
  if (cdfMin === total) {
    out.set(image.data);
    return createRasterImage(image.width, image.height, 1, out);
  }
  const lut = new Uint8Array(256);
  let cdf = 0;
  for (let v = 0; v < 256; v++) {
    cdf += hist[v];
    lut[v] = Math.round((Math.max(cdf - cdfMin, 0) / (total - cdfMin)) * 255);
  }
  for (let i = 0; i < total; i++) out[i] = lut[image.data[i]];
  return createRasterImage(image.width, image.height, 1, out);
}
