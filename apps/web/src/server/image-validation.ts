// Upload validation by content, never by the file name or the browser's claimed type: magic bytes,
// then the header's dimensions (so a decompression bomb is refused before any pixel is decoded),
// then a real decode of the whole file (truncated and corrupt files fail here).
import sharp from 'sharp';
import { decodeImageBuffer, ImageDecodeError } from '@visioncad/vision-core/image-node';
import { ServiceError } from './service-error';

/** The largest upload accepted, in bytes (25 MiB). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** The most pixels an uploaded image may have (40 megapixels; dermoscopy originals stay under 30). */
export const MAX_UPLOAD_PIXELS = 40_000_000;

export type UploadFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';

export const UPLOAD_MIME_TYPES: Record<UploadFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
};

/** What validation learnt about an accepted image. */
export interface ValidatedImage {
  format: UploadFormat;
  mimeType: string;
  width: number;
  height: number;
}

/** The format the bytes are, by their magic number, or null. */
export function sniffUploadFormat(bytes: Uint8Array): UploadFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47 &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  ) {
    return 'png';
  }
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp';
  if (
    bytes.length >= 4 &&
    ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0x00) ||
      (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0x00 && bytes[3] === 0x2a))
  ) {
    return 'tiff';
  }
  return null;
}

const truncated = (file: string, format: UploadFormat) =>
  new ServiceError(
    400,
    `${file} is a truncated ${format.toUpperCase()}: the header is incomplete. Upload the whole file again.`,
    'file',
  );

// BMP: BITMAPFILEHEADER (14 bytes), then the DIB header with width and height as int32 at 18/22
// (negative height means top-down rows).
function bmpDimensions(bytes: Uint8Array, file: string): { width: number; height: number } {
  if (bytes.length < 26) throw truncated(file, 'bmp');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dibSize = view.getUint32(14, true);
  if (dibSize === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

// PNG: the IHDR chunk must come first; width and height are big-endian uint32 at 16 and 20.
function pngDimensions(bytes: Uint8Array, file: string): { width: number; height: number } {
  if (bytes.length < 24) throw truncated(file, 'png');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (chunk !== 'IHDR') {
    throw new ServiceError(
      400,
      `${file} is not a valid PNG: its first chunk is "${chunk}", not IHDR.`,
      'file',
    );
  }
  return { width: view.getUint32(16, false), height: view.getUint32(20, false) };
}

// JPEG and TIFF: libvips reads only the header for metadata.
async function headerDimensions(bytes: Uint8Array, file: string, format: UploadFormat) {
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions in the header');
    return { width: meta.width, height: meta.height };
  } catch (error) {
    throw new ServiceError(
      400,
      `${file} is not a readable ${format.toUpperCase()}: ${(error as Error).message}. The file may be truncated or damaged.`,
      'file',
    );
  }
}

async function dimensionsOf(bytes: Uint8Array, file: string, format: UploadFormat) {
  if (format === 'png') return pngDimensions(bytes, file);
  if (format === 'bmp') return bmpDimensions(bytes, file);
  return headerDimensions(bytes, file, format);
}

const PNG_END = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

// libpng and libjpeg report a cut-off file as a generic read error; a file that fails to decode and
// lacks its format's end marker (PNG's IEND chunk, JPEG's EOI) was cut off.
function lacksEndMarker(bytes: Uint8Array, format: UploadFormat): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 8));
  if (format === 'png') return tail.length < 8 || PNG_END.some((byte, index) => tail[index] !== byte);
  if (format === 'jpeg') return !(bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9);
  return false;
}

function decodeFailure(
  error: ImageDecodeError,
  bytes: Uint8Array,
  file: string,
  format: UploadFormat,
): ServiceError {
  const kind = format.toUpperCase();
  const detail = error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message;
  const problem = error.problem === 'corrupt' && lacksEndMarker(bytes, format) ? 'truncated' : error.problem;
  switch (problem) {
    case 'truncated':
      return new ServiceError(
        400,
        `${file} is a truncated ${kind}: the image data ends early (${detail}). Upload the whole file again.`,
        'file',
      );
    case 'too-many-pixels':
      return new ServiceError(413, `${file} has too many pixels: ${detail}.`, 'file');
    default:
      return new ServiceError(400, `${file} could not be decoded as ${kind}: ${detail}.`, 'file');
  }
}

/**
 * Accepts a JPEG, PNG, BMP or TIFF image, or throws a ServiceError naming the file and the problem:
 * empty, over the byte limit, not an image, dimensions over the pixel limit, truncated or corrupt.
 */
export async function validateImageUpload(bytes: Uint8Array, file: string): Promise<ValidatedImage> {
  if (bytes.length === 0) throw new ServiceError(400, `${file} is empty (0 bytes).`, 'file');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new ServiceError(
      413,
      `${file} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
      'file',
    );
  }
  const format = sniffUploadFormat(bytes);
  if (format === null) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ServiceError(
      415,
      `${file} is not a JPEG, PNG, BMP or TIFF image (its content starts with bytes ${head}), whatever its name says.`,
      'file',
    );
  }

  const { width, height } = await dimensionsOf(bytes, file, format);
  if (width === 0 || height === 0) {
    throw new ServiceError(400, `${file} declares an empty ${width}x${height} image.`, 'file');
  }
  if (width * height > MAX_UPLOAD_PIXELS) {
    throw new ServiceError(
      413,
      `${file} declares ${width}x${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); the limit is ${MAX_UPLOAD_PIXELS / 1e6} megapixels.`,
      'file',
    );
  }

  try {
    const raster = await decodeImageBuffer(bytes, file, { maxPixels: MAX_UPLOAD_PIXELS });
    return { format, mimeType: UPLOAD_MIME_TYPES[format], width: raster.width, height: raster.height };
  } catch (error) {
    if (error instanceof ImageDecodeError) throw decodeFailure(error, bytes, file, format);
    throw error;
  }
}
