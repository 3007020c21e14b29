import { decode as decodeBmpPixels } from 'bmp-ts';

import { ImageDecodeError } from '../image-decode-error';
import { createRasterImage, type RasterImage } from '../raster-image';

const FILE_HEADER_BYTES = 14;
// BITMAPINFOHEADER and its V2-V5 extensions; the 12-byte OS/2 core header is not handled by bmp-ts.
const INFO_HEADER_SIZES = new Set([40, 52, 56, 108, 124]);
const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHA_BITFIELDS = 6;

/**
 * Decodes an uncompressed Windows BMP (1, 4, 8, 16, 24 or 32 bits per pixel, bottom-up or top-down).
 * The header is validated here first because bmp-ts reads past the end of truncated files and
 * mis-decodes RLE; paletted images whose palette is all gray come back as 1 channel (PH2's 1-bit
 * masks become 0/255), 32-bit images with an alpha mask as RGBA, everything else as RGB.
 */
export function decodeBmp(buffer: Uint8Array, file: string, maxPixels: number): RasterImage {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.length < FILE_HEADER_BYTES + 4) {
    throw new ImageDecodeError(
      file,
      'truncated',
      `BMP is only ${bytes.length} bytes, shorter than its header`,
    );
  }
  const pixelOffset = bytes.readUInt32LE(10);
  const headerSize = bytes.readUInt32LE(14);
  if (!INFO_HEADER_SIZES.has(headerSize)) {
    throw new ImageDecodeError(
      file,
      'unsupported-format',
      `BMP info header of ${headerSize} bytes is not supported (only BITMAPINFOHEADER and V2-V5)`,
    );
  }
  if (bytes.length < FILE_HEADER_BYTES + headerSize) {
    throw new ImageDecodeError(file, 'truncated', `BMP ends inside its ${headerSize}-byte info header`);
  }
  const width = bytes.readInt32LE(18);
  const signedHeight = bytes.readInt32LE(22);
  const height = Math.abs(signedHeight);
  const bitsPerPixel = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  const paletteColours = bytes.readUInt32LE(46);
  if (width <= 0 || height === 0) {
    throw new ImageDecodeError(
      file,
      'corrupt',
      `BMP header gives an impossible size ${width}x${signedHeight}`,
    );
  }
  if (width * height > maxPixels) {
    throw new ImageDecodeError(
      file,
      'too-many-pixels',
      `BMP is ${width}x${height} = ${width * height} pixels, over the limit of ${maxPixels}`,
    );
  }
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) {
    throw new ImageDecodeError(
      file,
      'unsupported-format',
      `BMP with ${bitsPerPixel} bits per pixel is not supported`,
    );
  }
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHA_BITFIELDS) {
    throw new ImageDecodeError(
      file,
      'unsupported-format',
      `BMP compression ${compression} (RLE/JPEG/PNG) is not supported; only uncompressed BMP is`,
    );
  }
  if (bitsPerPixel <= 8 && paletteColours > 1 << bitsPerPixel) {
    throw new ImageDecodeError(
      file,
      'corrupt',
      `BMP declares ${paletteColours} palette colours for ${bitsPerPixel} bits per pixel`,
    );
  }
  const rowBytes = Math.ceil((width * bitsPerPixel) / 32) * 4;
  const needed = pixelOffset + rowBytes * height;
  if (bytes.length < needed) {
    throw new ImageDecodeError(
      file,
      'truncated',
      `BMP pixel data needs ${needed} bytes for ${width}x${height} at ${bitsPerPixel} bpp but the file has ${bytes.length}`,
    );
  }
  let decoded;
  try {
    decoded = decodeBmpPixels(bytes);
  } catch (error) {
    throw new ImageDecodeError(file, 'corrupt', `BMP could not be decoded: ${(error as Error).message}`);
  }
  // bmp-ts writes ABGR byte order (its toRGBA option mis-writes 1- and 8-bit pixels).
  const abgr = decoded.data;
  const pixels = width * height;
  const palette = decoded.palette;
  const grayPalette = bitsPerPixel <= 8 && palette.every((c) => c.red === c.green && c.green === c.blue);
  // The alpha mask sits at byte 66 in V3+ headers and after a 40-byte header with BI_ALPHA_BITFIELDS.
  const alphaMaskStored = headerSize >= 56 || compression === BI_ALPHA_BITFIELDS;
  const hasAlpha = bitsPerPixel === 32 && alphaMaskStored && bytes.readUInt32LE(66) !== 0;
  const channels = grayPalette ? 1 : hasAlpha ? 4 : 3;
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const i = p * 4;
    if (channels === 1) {
      out[p] = abgr[i + 3];
    } else {
      const o = p * channels;
      out[o] = abgr[i + 3];
      out[o + 1] = abgr[i + 2];
      out[o + 2] = abgr[i + 1];
      if (channels === 4) out[o + 3] = abgr[i];
    }
  }
  return createRasterImage(width, height, channels, out);
}
