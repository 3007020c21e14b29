// The HAM10000 split the lesion classifier trains, calibrates and is scored on: lesion-disjoint
// (images of one lesion never straddle parts), stratified by diagnosis, 70/15/15.
import { HAM10000_DIAGNOSES } from '@visioncad/dermoscopy';
import { loadHam10000, splitHam10000ByLesion, type Ham10000Record } from '@visioncad/dermoscopy/node';
import { seededRandom } from '@visioncad/vision-core/data';
import type { FittedOn } from '@visioncad/vision-core/models';
import {
  parseClinicalMetadata,
  type ClinicalMetadata,
} from '@visioncad/dermoscopy/clinical/clinical-metadata';

import type { LabelledImage } from './classification-evaluation';
import { ham10000FittedOn } from './held-out-data';

export const HAM_LABELS: readonly string[] = HAM10000_DIAGNOSES;

const toSample = (r: Ham10000Record): LabelledImage => ({
  path: r.imagePath,
  label: HAM_LABELS.indexOf(r.dx),
});

/** A HAM10000 image with its label and the clinical metadata of its row (age, sex, localization). */
export interface HamImageWithMetadata extends LabelledImage {
  metadata: ClinicalMetadata;
}

/** The clinical metadata of a HAM10000 row; 'unknown' fields are not recorded. */
export function ham10000ClinicalMetadata(r: Ham10000Record): ClinicalMetadata {
  return parseClinicalMetadata(
    { ageYears: r.age, sex: r.sex, site: r.localization },
    `HAM10000 image ${r.imageId}`,
  );
}

/** A HAM10000 row as a labelled image with its clinical metadata. */
export const ham10000ImageWithMetadata = (r: Ham10000Record): HamImageWithMetadata => ({
  ...toSample(r),
  metadata: ham10000ClinicalMetadata(r),
});

/** The uncapped split, each image with its clinical metadata; `fittedOn` lists the training and validation lesions. */
export async function ham10000SamplesWithMetadata(
  dir: string,
  seed: number,
): Promise<{
  train: HamImageWithMetadata[];
  val: HamImageWithMetadata[];
  test: HamImageWithMetadata[];
  fittedOn: FittedOn;
}> {
  const split = splitHam10000ByLesion(await loadHam10000(dir), { seed });
  return {
    train: split.train.map(ham10000ImageWithMetadata),
    val: split.val.map(ham10000ImageWithMetadata),
    test: split.test.map(ham10000ImageWithMetadata),
    fittedOn: ham10000FittedOn(split, dir, seed),
  };
}

/**
 * Train/validation/test samples; the training part keeps at most `maxPerClass` images of each
 * diagnosis. `fittedOn` lists every lesion of the training and validation parts (capped or not).
 */
export async function ham10000Samples(
  dir: string,
  seed: number,
  maxPerClass = Infinity,
): Promise<{
  train: LabelledImage[];
  val: LabelledImage[];
  test: LabelledImage[];
  trainBeforeCap: number;
  fittedOn: FittedOn;
}> {
  const split = splitHam10000ByLesion(await loadHam10000(dir), { seed });
  // nv is 72 % of HAM10000: capping it spends the scarce CPU time on the rare classes; balanced
  // class weights even out the imbalance that remains.
  const random = seededRandom(seed, 'nv-cap');
  const shuffled = split.train
    .map((r) => ({ r, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ r }) => r);
  const kept = new Map<string, number>();
  const train = shuffled.filter((r) => {
    const n = kept.get(r.dx) ?? 0;
    kept.set(r.dx, n + 1);
    return n < maxPerClass;
  });
  return {
    train: train.map(toSample),
    val: split.val.map(toSample),
    test: split.test.map(toSample),
    trainBeforeCap: split.train.length,
    fittedOn: ham10000FittedOn(split, dir, seed),
  };
}
