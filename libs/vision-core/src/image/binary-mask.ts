import { luma } from './grayscale';
import { createRasterImage, type RasterImage } from './raster-image';

/** A binary mask, row-major, one byte per pixel holding 0 (background) or 1 (foreground). */
export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Creates a mask (all background unless `data` is given), checking sizes. */
export function createBinaryMask(width: number, height: number, data?: Uint8Array): BinaryMask {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`Mask size must be positive integers, got ${width}x${height}`);
  }
  if (data && data.length !== width * height) {
    throw new RangeError(
      `Mask ${width}x${height} needs ${width * height} bytes but the data has ${data.length}`,
    );
  }
  return { width, height, data: data ?? new Uint8Array(width * height) };
}

/**
 * Binarises a mask image: foreground where the pixel's gray level (luma for colour) is >= `threshold`.
 * Alpha is ignored. Works for 0/255 masks, 0/1 masks (use threshold 1) and anti-aliased edges.
 */
export function maskFromRaster(image: RasterImage, threshold = 128): BinaryMask {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < out.length; p++, i += channels) {
    const v = channels === 1 ? data[i] : luma(data[i], data[i + 1], data[i + 2]);
    out[p] = v >= threshold ? 1 : 0;
  }
  return createBinaryMask(width, height, out);
}

/** Renders a mask as a 1-channel 0/255 raster (for PNG output and overlays). */
export function maskToRaster(mask: BinaryMask): RasterImage {
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i] ? 255 : 0;
  return createRasterImage(mask.width, mask.height, 1, out);
}

/** Number of foreground pixels. */
export function maskArea(mask: BinaryMask): number {
  let area = 0;
  for (let i = 0; i < mask.data.length; i++) area += mask.data[i];
  return area;
}
