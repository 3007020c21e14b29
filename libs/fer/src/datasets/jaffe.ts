import type { Emotion } from '../label-space';
import { toEmotion } from '../label-space';
import { DatasetError } from './dataset-error';
import type { LabelledFaceFile } from './labelled-face';

/** What a JAFFE file name such as `KA.AN1.39.tiff` says. */
export interface JaffeImageId {
  /** Poser initials, e.g. "KA" (10 Japanese female posers). */
  subject: string;
  emotion: Emotion;
  /** The pose's repetition number within subject and expression. */
  repetition: number;
  /** The image's running number in the database. */
  id: number;
}

/** A JAFFE image file. */
export type JaffeImageFile = LabelledFaceFile & JaffeImageId;

const FILE_NAME = /^([A-Z]{2})\.([A-Z]{2})(\d+)\.(\d+)\.tiff?$/i;

/** Parses `<subject>.<EXPR><n>.<id>.tiff` (EXPR one of AN DI FE HA NE SA SU); `path` goes into errors. */
export function parseJaffeFileName(name: string, path: string): JaffeImageId {
  const m = FILE_NAME.exec(name);
  if (!m) {
    throw new DatasetError(
      { file: path },
      'not a JAFFE image name <subject>.<EXPR><n>.<id>.tiff (e.g. KA.AN1.39.tiff)',
    );
  }
  return {
    subject: m[1].toUpperCase(),
    emotion: toEmotion('jaffe', m[2], path),
    repetition: Number(m[3]),
    id: Number(m[4]),
  };
}
