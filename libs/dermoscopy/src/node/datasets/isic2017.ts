import { readFile } from 'node:fs/promises';

import { flagCell, parseCsvTable, requiredCell } from '../../datasets/csv-table';
import { DatasetError } from '../../datasets/dataset-error';
import { describeMissing, listImagesByStem } from './image-files';

/** ISIC 2017 Part 3 diagnosis: melanoma, seborrheic keratosis, or neither (a benign nevus). */
export type Isic2017Diagnosis = 'melanoma' | 'seborrheic_keratosis' | 'nevus';

/** One ISIC 2017 image with its labels. */
export interface Isic2017Record {
  imageId: string;
  melanoma: boolean;
  /** null when the labels file has only the melanoma column (the `*_Classes.csv` layout). */
  seborrheicKeratosis: boolean | null;
  /** null when seborrheic keratosis is not labelled, because "not melanoma" is then all we know. */
  diagnosis: Isic2017Diagnosis | null;
  imagePath: string;
  /** The `<id>_segmentation.png` lesion mask when a masks folder was given. */
  maskPath: string | null;
}

/** Where the ISIC 2017 files are. */
export interface Isic2017Paths {
  /** `*_Classes.csv` (image_id,melanoma) or the official Part 3 ground truth (image_id,melanoma,seborrheic_keratosis). */
  labels: string;
  /** Folder of `<image_id>.jpg` images (the `*_superpixels.png` files of the official release are ignored). */
  images: string;
  /** Optional folder of Part 1 `<image_id>_segmentation.png` masks. */
  masks?: string;
}

/** Loads ISIC 2017 labels and pairs each row with its image (and mask), validating every row. */
export async function loadIsic2017(paths: Isic2017Paths): Promise<Isic2017Record[]> {
  let text: string;
  try {
    text = await readFile(paths.labels, 'utf8');
  } catch (error) {
    throw new DatasetError(
      { file: paths.labels },
      `cannot read the ISIC 2017 labels: ${(error as Error).message}`,
    );
  }
  const rows = parseCsvTable(text, paths.labels, ['image_id', 'melanoma']);
  const hasSk = rows.length > 0 && 'seborrheic_keratosis' in rows[0].values;
  const images = await listImagesByStem(paths.images);
  const masks = paths.masks ? await listImagesByStem(paths.masks) : undefined;
  const seen = new Map<string, number>();
  const missingImages: string[] = [];
  const missingMasks: string[] = [];
  const records = rows.map((row): Isic2017Record => {
    const imageId = requiredCell(row, 'image_id', paths.labels);
    const previous = seen.get(imageId);
    if (previous !== undefined) {
      throw new DatasetError(
        { file: paths.labels, line: row.line, field: 'image_id' },
        `${imageId} is listed twice (also line ${previous})`,
      );
    }
    seen.set(imageId, row.line);
    const melanoma = flagCell(row, 'melanoma', paths.labels);
    const seborrheicKeratosis = hasSk ? flagCell(row, 'seborrheic_keratosis', paths.labels) : null;
    if (melanoma && seborrheicKeratosis) {
      throw new DatasetError(
        { file: paths.labels, line: row.line, field: 'seborrheic_keratosis' },
        `${imageId} is labelled both melanoma and seborrheic keratosis; ISIC 2017 classes are exclusive`,
      );
    }
    const imagePath = images.get(imageId);
    if (!imagePath) missingImages.push(imageId);
    const maskPath = masks?.get(`${imageId}_segmentation`) ?? null;
    if (masks && !maskPath) missingMasks.push(imageId);
    const diagnosis: Isic2017Diagnosis | null = melanoma
      ? 'melanoma'
      : seborrheicKeratosis === null
        ? null
        : seborrheicKeratosis
          ? 'seborrheic_keratosis'
          : 'nevus';
    return { imageId, melanoma, seborrheicKeratosis, diagnosis, imagePath: imagePath ?? '', maskPath };
  });
  if (missingImages.length > 0) {
    throw new DatasetError(
      { file: paths.images },
      `images listed in the labels are not on disk (${describeMissing(missingImages)})`,
    );
  }
  if (paths.masks && missingMasks.length > 0) {
    throw new DatasetError(
      { file: paths.masks },
      `no <id>_segmentation mask for some labelled images (${describeMissing(missingMasks)})`,
    );
  }
  return records;
}
