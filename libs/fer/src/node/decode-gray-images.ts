import { toGrayscale, type RasterImage } from '@visioncad/vision-core/image';
import { decodeImageFile } from '@visioncad/vision-core/image-node';

import { DatasetError } from '../datasets/dataset-error';

/** Options of {@link decodeGrayImages}. */
export interface DecodeGrayOptions {
  /** Refuse images of any other size (a FER2013 or CK+48 file that is not 48x48 is not from the dataset). */
  size?: { width: number; height: number };
  /** Files decoded at once (sharp decodes on libuv's thread pool). */
  concurrency?: number;
}

/** Decodes one image file to a 1-channel raster; errors name the path. */
export async function decodeGrayImage(path: string, options: DecodeGrayOptions = {}): Promise<RasterImage> {
  const decoded = await decodeImageFile(path);
  const image = decoded.channels === 1 ? decoded : toGrayscale(decoded);
  const { size } = options;
  if (size && (image.width !== size.width || image.height !== size.height)) {
    throw new DatasetError(
      { file: path },
      `image is ${image.width}x${image.height}, expected ${size.width}x${size.height}`,
    );
  }
  return image;
}

/** Decodes image files to 1-channel rasters, in order, a few at a time. */
export async function decodeGrayImages(
  paths: readonly string[],
  options: DecodeGrayOptions = {},
): Promise<RasterImage[]> {
  const out = new Array<RasterImage>(paths.length);
  const concurrency = options.concurrency ?? 8;
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      out[i] = await decodeGrayImage(paths[i], options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return out;
}
