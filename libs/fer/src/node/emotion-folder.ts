import { join } from 'node:path';

import type { RasterImage } from '@visioncad/vision-core/image';

import { DatasetError } from '../datasets/dataset-error';
import { EMOTIONS, type Emotion } from '../label-space';
import { decodeGrayImages } from './decode-gray-images';
import { listDirectory } from './list-directory';

/** A listed face of an emotion folder. */
export interface EmotionFolderFile {
  path: string;
  emotion: Emotion;
  /** The file name up to its first "_": splits keep one person's faces on one side. */
  subject: string;
}

/** A decoded face of an emotion folder (gray, at the size it was stored). */
export type EmotionFolderFace = EmotionFolderFile & { image: RasterImage; source: string };

/**
 * Lists a labelled folder of face crops, `<emotion>/<subject>_<name>.<png|jpg|...>`, with the
 * emotion folders named as the canonical emotions (angry, disgust, fear, happy, sad, surprise,
 * neutral, contempt). The portal's export of clinician-reviewed faces writes this layout (in-app
 * data for fine-tuning); any collection of one's own faces can follow it. Errors name the path.
 */
export async function listEmotionFolder(root: string): Promise<EmotionFolderFile[]> {
  const folders = await listDirectory(root, 'directories');
  if (folders.length === 0) {
    throw new DatasetError({ file: root }, 'no emotion folders; expected <emotion>/<subject>_<name>.png');
  }
  const files: EmotionFolderFile[] = [];
  for (const folder of folders) {
    if (!(EMOTIONS as readonly string[]).includes(folder)) {
      throw new DatasetError(
        { file: join(root, folder) },
        `"${folder}" is not an emotion; expected folders named ${EMOTIONS.join(', ')}`,
      );
    }
    for (const name of await listDirectory(join(root, folder), 'files')) {
      const path = join(root, folder, name);
      const underscore = name.indexOf('_');
      if (underscore <= 0) {
        throw new DatasetError(
          { file: path },
          'expected <subject>_<name>: the subject (a pseudonymous person id) keeps their faces on one side of a split',
        );
      }
      files.push({ path, emotion: folder as Emotion, subject: name.slice(0, underscore) });
    }
  }
  if (files.length === 0) throw new DatasetError({ file: root }, 'the emotion folders hold no faces');
  return files;
}

/** Lists and decodes an emotion folder to gray rasters; an undecodable file is an error naming it. */
export async function loadEmotionFolder(root: string): Promise<EmotionFolderFace[]> {
  const files = await listEmotionFolder(root);
  const images = await decodeGrayImages(files.map((f) => f.path));
  return files.map((f, i) => ({ ...f, image: images[i], source: f.path }));
}
