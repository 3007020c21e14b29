import { basename } from 'node:path';
import { maskFromRaster, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';
import { decodeImageFile } from '@visioncad/vision-core/image-node';

import { DatasetError } from '../datasets/dataset-error';
import { lesionDisjointSplit } from '../datasets/lesion-split';
import { preprocessDermoscopy, type PreprocessingResult } from '../preprocessing/pipeline';
import type { Ph2Case } from './datasets/ph2';

/** A PH2 case decoded and preprocessed, ready for measurement. */
export interface Ph2Analysis {
  case: Ph2Case;
  image: RasterImage;
  expertMask: BinaryMask;
  preprocessed: PreprocessingResult;
}

/** Decodes a PH2 case's image and expert mask (checking their sizes agree) and preprocesses the image. */
export async function analysePh2Case(ph2Case: Ph2Case): Promise<Ph2Analysis> {
  const image = await decodeImageFile(ph2Case.imagePath);
  const maskImage = await decodeImageFile(ph2Case.lesionMaskPath);
  if (maskImage.width !== image.width || maskImage.height !== image.height) {
    throw new DatasetError(
      { file: ph2Case.lesionMaskPath },
      `PH2 mask ${basename(ph2Case.lesionMaskPath)} is ${maskImage.width}x${maskImage.height} but the image is ${image.width}x${image.height}`,
    );
  }
  const expertMask = maskFromRaster(maskImage);
  if (!expertMask.data.includes(1)) {
    throw new DatasetError(
      { file: ph2Case.lesionMaskPath },
      `PH2 mask ${basename(ph2Case.lesionMaskPath)} is empty`,
    );
  }
  return { case: ph2Case, image, expertMask, preprocessed: preprocessDermoscopy(image) };
}

/** Seed of the PH2 tuning/held-out split used by the committed reports. */
export const PH2_SPLIT_SEED = 2026;

/**
 * Splits PH2 cases in half, stratified by clinical diagnosis: thresholds are tuned on `tune` and
 * agreement is reported on `heldOut`, which tuning never sees.
 */
export function splitPh2ForTuning<T extends { id: string; clinicalDiagnosis: string }>(
  cases: readonly T[],
  seed = PH2_SPLIT_SEED,
): { tune: T[]; heldOut: T[] } {
  const split = lesionDisjointSplit(
    cases,
    (c) => c.id,
    (c) => c.clinicalDiagnosis,
    { seed, fractions: { train: 0.5, val: 0, test: 0.5 } },
  );
  return { tune: split.train, heldOut: split.test };
}
