import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

import { decodeBmp } from './bmp';
import { ImageDecodeError } from '../image-decode-error';
import { createRasterImage, type RasterImage } from '../raster-image';

/**
 * Default ceiling on width x height: 64 megapixels, well above dermoscopy originals (ISIC's largest
 * are ~30 MP) but low enough that a decompression bomb cannot claim gigabytes.
 */
export const DEFAULT_MAX_PIXELS = 64_000_000;

/** Options for decoding. */
export interface DecodeOptions {
  /** Refuse images with more pixels than this (decompression-bomb guard). */
  maxPixels?: number;
}

type SharpFormat = 'jpeg' | 'png' | 'tiff' | 'webp';

function sniffFormat(buf: Uint8Array): SharpFormat | 'bmp' | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...buf.subarray(from, to));
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return 'bmp';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (buf.length >= 4 && (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*')) return 'tiff';
  if (buf.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

function classifySharpError(message: string): 'truncated' | 'too-many-pixels' | 'corrupt' {
  if (/pixel limit/i.test(message)) return 'too-many-pixels';
  if (
    /premature end|truncated|unexpected end|not enough data|short read|end of (file|stream)/i.test(message)
  ) {
    return 'truncated';
  }
  return 'corrupt';
}

async function decodeWithSharp(buf: Uint8Array, file: string, format: SharpFormat, maxPixels: number) {
  // failOn 'warning' turns libjpeg/libpng "premature end" warnings into errors instead of grey fill.
  const open = () => sharp(buf, { limitInputPixels: maxPixels, failOn: 'warning', autoOrient: true });
  try {
    const meta = await open().metadata();
    if (meta.width && meta.height && meta.width * meta.height > maxPixels) {
      throw new ImageDecodeError(
        file,
        'too-many-pixels',
        `${format.toUpperCase()} is ${meta.width}x${meta.height} = ${meta.width * meta.height} pixels, over the limit of ${maxPixels}`,
      );
    }
    // sharp converts to sRGB on output unless told otherwise; keep grayscale sources 1-channel.
    const gray = meta.space === 'b-w' || meta.space === 'grey16';
    const pipeline = gray ? open().toColourspace('b-w') : open();
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (info.channels === 2) return grayAlphaToRgba(info.width, info.height, pixels);
    if (info.channels !== 1 && info.channels !== 3 && info.channels !== 4) {
      throw new ImageDecodeError(
        file,
        'unsupported-format',
        `${format} with ${info.channels} channels is not supported`,
      );
    }
    return createRasterImage(info.width, info.height, info.channels, pixels);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const message = (error as Error).message;
    throw new ImageDecodeError(
      file,
      classifySharpError(message),
      `${format.toUpperCase()} decode failed: ${message}`,
    );
  }
}

function grayAlphaToRgba(width: number, height: number, ga: Uint8Array): RasterImage {
  const out = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    out[p * 4] = out[p * 4 + 1] = out[p * 4 + 2] = ga[p * 2];
    out[p * 4 + 3] = ga[p * 2 + 1];
  }
  return createRasterImage(width, height, 4, out);
}

/**
 * Decodes JPEG, PNG, TIFF, WebP (via sharp, EXIF orientation applied) or BMP bytes into a raster.
 * `nameForErrors` is the file name or id that every error message carries.
 */
export async function decodeImageBuffer(
  buf: Uint8Array,
  nameForErrors: string,
  options: DecodeOptions = {},
): Promise<RasterImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (buf.length === 0) throw new ImageDecodeError(nameForErrors, 'truncated', 'file is empty');
  const format = sniffFormat(buf);
  if (format === undefined) {
    const head = Array.from(buf.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ImageDecodeError(
      nameForErrors,
      'unsupported-format',
      `not a JPEG, PNG, TIFF, WebP or BMP file (starts with bytes ${head})`,
    );
  }
  if (format === 'bmp') return decodeBmp(buf, nameForErrors, maxPixels);
  return decodeWithSharp(buf, nameForErrors, format, maxPixels);
}

/** Reads and decodes an image file; errors name the path. */
export async function decodeImageFile(path: string, options: DecodeOptions = {}): Promise<RasterImage> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (error) {
    throw new ImageDecodeError(path, 'unreadable', `cannot read image file: ${(error as Error).message}`);
  }
  return decodeImageBuffer(buf, path, options);
}
