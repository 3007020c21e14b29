import { createRasterImage } from '@visioncad/vision-core/image';

import { FER2013_CLASSES } from '../label-space';
import { DatasetError } from './dataset-error';
import type { LabelledFace, LabelledFaceFile } from './labelled-face';

/** FER2013's three partitions: Training (28,709), PublicTest (3,589, validation) and PrivateTest (3,589). */
export const FER2013_USAGES = ['Training', 'PublicTest', 'PrivateTest'] as const;

/** One FER2013 partition. */
export type Fer2013Usage = (typeof FER2013_USAGES)[number];

/** FER2013 images are 48x48 grayscale face crops. */
export const FER2013_IMAGE_SIZE = 48;

const PIXELS = FER2013_IMAGE_SIZE * FER2013_IMAGE_SIZE;

/** A decoded FER2013 image with its partition. */
export interface Fer2013Sample extends LabelledFace {
  usage: Fer2013Usage;
}

/** A FER2013 image file of the image-folder release. */
export interface Fer2013ImageFile extends LabelledFaceFile {
  usage: Fer2013Usage;
}

/** The three columns of fer2013.csv, as text. */
export interface Fer2013CsvRecord {
  emotion: string;
  pixels: string;
  Usage: string;
}

/** Parses and validates one fer2013.csv row; errors name the file, line and field. */
export function parseFer2013Record(record: Fer2013CsvRecord, file: string, line: number): Fer2013Sample {
  const code = Number(record.emotion);
  if (record.emotion.trim() === '' || !Number.isInteger(code) || code < 0 || code >= FER2013_CLASSES.length) {
    throw new DatasetError(
      { file, line, field: 'emotion' },
      `"${record.emotion}" is not an emotion code 0-6 (0=angry 1=disgust 2=fear 3=happy 4=sad 5=surprise 6=neutral)`,
    );
  }
  const usage = record.Usage.trim();
  if (!(FER2013_USAGES as readonly string[]).includes(usage)) {
    throw new DatasetError(
      { file, line, field: 'Usage' },
      `"${record.Usage}" is not one of ${FER2013_USAGES.join(', ')}`,
    );
  }
  const values = record.pixels.trim().split(/\s+/);
  if (values.length !== PIXELS) {
    throw new DatasetError(
      { file, line, field: 'pixels' },
      `has ${values[0] === '' ? 0 : values.length} values, expected ${PIXELS} (48x48)`,
    );
  }
  const data = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const v = Number(values[i]);
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new DatasetError(
        { file, line, field: 'pixels' },
        `value ${i + 1} is "${values[i]}", not an integer 0-255`,
      );
    }
    data[i] = v;
  }
  return {
    image: createRasterImage(FER2013_IMAGE_SIZE, FER2013_IMAGE_SIZE, 1, data),
    emotion: FER2013_CLASSES[code],
    usage: usage as Fer2013Usage,
    source: `${file}:${line}`,
  };
}

/**
 * The partition of an image-folder release file from its name prefix (`Training_123.jpg`,
 * `PublicTest_456.jpg`, `PrivateTest_789.jpg`).
 */
export function fer2013UsageFromFileName(fileName: string, path: string): Fer2013Usage {
  const prefix = fileName.slice(0, fileName.indexOf('_'));
  if (!(FER2013_USAGES as readonly string[]).includes(prefix)) {
    throw new DatasetError(
      { file: path },
      `cannot tell the FER2013 partition: the file name should start with Training_, PublicTest_ or PrivateTest_`,
    );
  }
  return prefix as Fer2013Usage;
}

/** The usages each top-level folder of the image-folder release may hold. */
export const FER2013_FOLDER_USAGES: Readonly<Record<string, readonly Fer2013Usage[]>> = {
  train: ['Training'],
  test: ['PublicTest', 'PrivateTest'],
};
