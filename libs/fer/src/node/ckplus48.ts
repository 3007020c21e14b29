import { join } from 'node:path';

import type { RasterImage } from '@visioncad/vision-core/image';

import { parseCkplusFileName, type CkplusFrameFile } from '../datasets/ckplus';
import { DatasetError } from '../datasets/dataset-error';
import { toEmotion } from '../label-space';
import { decodeGrayImages } from './decode-gray-images';
import { listDirectory } from './list-directory';

/** A decoded CK+48 frame. */
export type CkplusFrame = CkplusFrameFile & { image: RasterImage; source: string };

/**
 * Lists CK+48 (`<emotion>/S<subject>_<sequence>_<frame>.png`, emotion folders anger, contempt, disgust,
 * fear, happy, sadness, surprise). Unknown folders and misnamed files are errors naming the path.
 */
export async function listCkplus48(root: string): Promise<CkplusFrameFile[]> {
  const folders = await listDirectory(root, 'directories');
  if (folders.length === 0) {
    throw new DatasetError(
      { file: root },
      'no emotion folders; expected CK+48/<emotion>/S<subject>_<seq>_<frame>.png',
    );
  }
  const files: CkplusFrameFile[] = [];
  for (const folder of folders) {
    const emotion = toEmotion('ckplus', folder, join(root, folder));
    for (const name of await listDirectory(join(root, folder), 'files')) {
      const path = join(root, folder, name);
      files.push({ path, emotion, ...parseCkplusFileName(name, path) });
    }
  }
  return files;
}

/** Lists and decodes CK+48; every image must be 48x48. */
export async function loadCkplus48(root: string): Promise<CkplusFrame[]> {
  const files = await listCkplus48(root);
  const images = await decodeGrayImages(
    files.map((f) => f.path),
    { size: { width: 48, height: 48 } },
  );
  return files.map((f, i) => ({ ...f, image: images[i], source: f.path }));
}
