import { join } from 'node:path';

import type { RasterImage } from '@visioncad/vision-core/image';
import { decodeImageFile } from '@visioncad/vision-core/image-node';

import { DatasetError } from '../datasets/dataset-error';
import { listDirectory } from './list-directory';

const PHOTO_EXTENSIONS = /\.(jpe?g|png|webp|tiff?|bmp)$/i;

/** A decoded photo for inference. */
export interface Photo {
  path: string;
  image: RasterImage;
}

/** Image files (JPEG, PNG, WebP, TIFF, BMP) directly inside a folder, sorted by name. */
export async function listPhotos(dir: string): Promise<string[]> {
  const paths = (await listDirectory(dir, 'files'))
    .filter((n) => PHOTO_EXTENSIONS.test(n))
    .map((n) => join(dir, n));
  if (paths.length === 0)
    throw new DatasetError({ file: dir }, 'no JPEG, PNG, WebP, TIFF or BMP images in this folder');
  return paths;
}

/** Decodes the photos of a folder one at a time (colour kept; EXIF orientation applied). */
export async function* readPhotos(dir: string): AsyncGenerator<Photo> {
  for (const path of await listPhotos(dir)) yield { path, image: await decodeImageFile(path) };
}
