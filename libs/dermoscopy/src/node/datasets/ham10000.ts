import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseCsvTable, enumCell, requiredCell } from '../../datasets/csv-table';
import { DatasetError } from '../../datasets/dataset-error';
import { HAM10000_DIAGNOSES, type Ham10000Diagnosis } from '../../datasets/dermoscopic-vocabulary';
import { lesionDisjointSplit, type LesionSplit, type LesionSplitOptions } from '../../datasets/lesion-split';
import { describeMissing, listImagesByStem } from './image-files';

/** One image of HAM10000 (Tschandl et al. 2018) with its metadata. */
export interface Ham10000Record {
  lesionId: string;
  imageId: string;
  dx: Ham10000Diagnosis;
  /** How the diagnosis was confirmed: histo, follow_up, consensus, confocal. */
  dxType: string;
  age: number | null;
  sex: string;
  localization: string;
  /** Source collection (vidir_modern, rosendahl, ...), when the column exists. */
  dataset: string | null;
  imagePath: string;
}

export const HAM10000_METADATA_FILE = 'HAM10000_metadata.csv';
// The Kaggle/Harvard Dataverse release splits the images over two folders; our copy uses images/.
const IMAGE_FOLDERS = ['images', 'HAM10000_images_part_1', 'HAM10000_images_part_2'];
const REQUIRED_COLUMNS = ['lesion_id', 'image_id', 'dx', 'dx_type', 'age', 'sex', 'localization'];

/**
 * Loads HAM10000 from `dir` (HAM10000_metadata.csv + images/ISIC_*.jpg), validating every row:
 * known dx, numeric age, unique image ids, one diagnosis per lesion and an image file per row.
 */
export async function loadHam10000(dir: string): Promise<Ham10000Record[]> {
  const csvPath = join(dir, HAM10000_METADATA_FILE);
  let text: string;
  try {
    text = await readFile(csvPath, 'utf8');
  } catch (error) {
    throw new DatasetError(
      { file: csvPath },
      `cannot read the HAM10000 metadata: ${(error as Error).message}`,
    );
  }
  const rows = parseCsvTable(text, csvPath, REQUIRED_COLUMNS);
  const images = new Map<string, string>();
  let foundFolder = false;
  for (const folder of IMAGE_FOLDERS) {
    const listed = await listImagesByStem(join(dir, folder)).catch(() => undefined);
    if (!listed) continue;
    foundFolder = true;
    for (const [stem, path] of listed) images.set(stem, path);
  }
  if (!foundFolder) {
    throw new DatasetError({ file: dir }, `no image folder found (looked for ${IMAGE_FOLDERS.join(', ')})`);
  }
  const seenImages = new Map<string, number>();
  const lesionDx = new Map<string, { dx: string; line: number }>();
  const missing: string[] = [];
  const records = rows.map((row): Ham10000Record => {
    const lesionId = requiredCell(row, 'lesion_id', csvPath);
    const imageId = requiredCell(row, 'image_id', csvPath);
    const dx = enumCell(row, 'dx', csvPath, HAM10000_DIAGNOSES);
    const previousLine = seenImages.get(imageId);
    if (previousLine !== undefined) {
      throw new DatasetError(
        { file: csvPath, line: row.line, field: 'image_id' },
        `${imageId} is listed twice (also line ${previousLine})`,
      );
    }
    seenImages.set(imageId, row.line);
    const lesion = lesionDx.get(lesionId);
    if (lesion && lesion.dx !== dx) {
      throw new DatasetError(
        { file: csvPath, line: row.line, field: 'dx' },
        `lesion ${lesionId} is ${dx} here but ${lesion.dx} on line ${lesion.line}`,
      );
    }
    lesionDx.set(lesionId, { dx, line: row.line });
    const ageText = row.values.age ?? '';
    const age = ageText === '' ? null : Number(ageText);
    if (age !== null && !(Number.isFinite(age) && age >= 0 && age <= 120)) {
      throw new DatasetError(
        { file: csvPath, line: row.line, field: 'age' },
        `'${ageText}' is not an age in years`,
      );
    }
    const imagePath = images.get(imageId);
    if (!imagePath) missing.push(imageId);
    return {
      lesionId,
      imageId,
      dx,
      dxType: requiredCell(row, 'dx_type', csvPath),
      age,
      sex: row.values.sex ?? '',
      localization: row.values.localization ?? '',
      dataset: row.values.dataset || null,
      imagePath: imagePath ?? '',
    };
  });
  if (missing.length > 0) {
    throw new DatasetError(
      { file: dir },
      `images listed in ${HAM10000_METADATA_FILE} are not on disk (${describeMissing(missing)})`,
    );
  }
  return records;
}

/** Seeded, dx-stratified train/val/test split of HAM10000 in which no lesion spans two parts. */
export function splitHam10000ByLesion(
  records: readonly Ham10000Record[],
  options: LesionSplitOptions,
): LesionSplit<Ham10000Record> {
  return lesionDisjointSplit(
    records,
    (r) => r.lesionId,
    (r) => r.dx,
    options,
  );
}
