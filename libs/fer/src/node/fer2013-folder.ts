import { join } from 'node:path';

import { DatasetError } from '../datasets/dataset-error';
import {
  FER2013_FOLDER_USAGES,
  FER2013_IMAGE_SIZE,
  fer2013UsageFromFileName,
  type Fer2013ImageFile,
  type Fer2013Sample,
} from '../datasets/fer2013';
import { toEmotion } from '../label-space';
import type { Fer2013ReadOptions } from './fer2013-csv';
import { decodeGrayImages } from './decode-gray-images';
import { listDirectory } from './list-directory';

const IMAGE_EXTENSIONS = /\.(jpe?g|png)$/i;

/**
 * Lists the image-folder release of FER2013 (`train|test/<emotion>/<Usage>_<n>.jpg`), checking every
 * folder and file name: an unknown emotion folder, a non-image file or a file whose prefix does not
 * belong to its top folder (a PublicTest_ image under train/) is an error naming the path.
 */
export async function listFer2013Folder(
  root: string,
  options: Fer2013ReadOptions = {},
): Promise<Fer2013ImageFile[]> {
  const tops = await listDirectory(root, 'directories');
  const unknown = tops.filter((t) => !(t in FER2013_FOLDER_USAGES));
  if (unknown.length > 0 || tops.length === 0) {
    throw new DatasetError(
      { file: root },
      `expected only the folders train/ and test/ of the FER2013 image release, found ${tops.join(', ') || 'none'}`,
    );
  }
  const files: Fer2013ImageFile[] = [];
  for (const top of tops) {
    for (const folder of await listDirectory(join(root, top), 'directories')) {
      const emotion = toEmotion('fer2013', folder, join(root, top, folder));
      for (const name of await listDirectory(join(root, top, folder), 'files')) {
        const path = join(root, top, folder, name);
        if (!IMAGE_EXTENSIONS.test(name)) throw new DatasetError({ file: path }, 'not a .jpg or .png image');
        const usage = fer2013UsageFromFileName(name, path);
        if (!FER2013_FOLDER_USAGES[top].includes(usage)) {
          throw new DatasetError({ file: path }, `a ${usage} image does not belong in ${top}/`);
        }
        if (!options.usages || options.usages.includes(usage)) files.push({ path, emotion, usage });
      }
    }
  }
  return files;
}

/** Lists and decodes the image-folder release (each file must be 48x48). */
export async function loadFer2013Folder(
  root: string,
  options: Fer2013ReadOptions = {},
): Promise<Fer2013Sample[]> {
  const files = await listFer2013Folder(root, options);
  const size = { width: FER2013_IMAGE_SIZE, height: FER2013_IMAGE_SIZE };
  const images = await decodeGrayImages(
    files.map((f) => f.path),
    { size },
  );
  return files.map((f, i) => ({ image: images[i], emotion: f.emotion, usage: f.usage, source: f.path }));
}
