import { join } from 'node:path';

import type { RasterImage } from '@visioncad/vision-core/image';

import { DatasetError } from '../datasets/dataset-error';
import { parseJaffeFileName, type JaffeImageFile } from '../datasets/jaffe';
import { decodeGrayImages } from './decode-gray-images';
import { listDirectory } from './list-directory';

/** A decoded JAFFE image (256x256 grayscale photo, face not cropped). */
export type JaffeImage = JaffeImageFile & { image: RasterImage; source: string };

/**
 * Lists the JAFFE folder: every `.tif`/`.tiff` file must be named `<subject>.<EXPR><n>.<id>.tiff`;
 * other files (the release's README) are ignored.
 */
export async function listJaffe(dir: string): Promise<JaffeImageFile[]> {
  const files = (await listDirectory(dir, 'files'))
    .filter((name) => /\.tiff?$/i.test(name))
    .map((name) => {
      const path = join(dir, name);
      return { path, ...parseJaffeFileName(name, path) };
    });
  if (files.length === 0)
    throw new DatasetError({ file: dir }, 'no .tiff images; expected JAFFE files such as KA.AN1.39.tiff');
  return files;
}

/** Lists and decodes JAFFE to grayscale (palette-encoded TIFFs included). */
export async function loadJaffe(dir: string): Promise<JaffeImage[]> {
  const files = await listJaffe(dir);
  const images = await decodeGrayImages(files.map((f) => f.path));
  return files.map((f, i) => ({ ...f, image: images[i], source: f.path }));
}
