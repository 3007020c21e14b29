import sharp from 'sharp';

import type { RasterImage } from '../raster-image';

/** Encodes a raster as a lossless PNG (gray, RGB or RGBA as the raster has). */
export async function encodePng(image: RasterImage): Promise<Buffer> {
  return (
    sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
      // Without this sharp writes a 1-channel raster as an RGB PNG.
      .toColourspace(image.channels === 1 ? 'b-w' : 'srgb')
      .png()
      .toBuffer()
  );
}
