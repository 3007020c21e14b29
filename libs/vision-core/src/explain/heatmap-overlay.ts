// Blends an explanation map over the image as a colour heat map, for display and reports.
import { createRasterImage, type RasterImage } from '../image/raster-image';
import type { ExplanationMap } from './saliency-map';

/** The "jet" colour of a value in [0, 1]: blue (low) through green to red (high). */
export function jetColour(value: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, value));
  const channel = (offset: number) =>
    Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - offset))));
  return [channel(3), channel(2), channel(1)];
}

/**
 * RGB image of `map` over `image` (same size; 1, 3 or 4 channels): each pixel is
 * (1 - alpha * m) * image + alpha * m * jet(m), so unimportant regions keep the photo.
 */
export function heatmapOverlay(image: RasterImage, map: ExplanationMap, alpha = 0.6): RasterImage {
  if (image.width !== map.width || image.height !== map.height) {
    throw new Error(`heat map is ${map.width}x${map.height} but the image is ${image.width}x${image.height}`);
  }
  const out = createRasterImage(image.width, image.height, 3);
  for (let p = 0; p < image.width * image.height; p++) {
    const m = map.data[p];
    const colour = jetColour(m);
    const w = alpha * m;
    for (let c = 0; c < 3; c++) {
      const source = image.data[p * image.channels + (image.channels === 1 ? 0 : c)];
      out.data[p * 3 + c] = Math.round((1 - w) * source + w * colour[c]);
    }
  }
  return out;
}
