// The PH2 split the lesion U-Net trains and is scored on: seeded and stratified by clinical
// diagnosis, 100 cases for training + validation and 40 the network never sees.
import { lesionDisjointSplit, type LesionSplit } from '@visioncad/dermoscopy';
import type { Ph2Case } from '@visioncad/dermoscopy/node';

/** 60 / 11.5 / 28.5 % of PH2's 140 cases: about 84 train, 16 validation, 40 test. */
export const PH2_UNET_FRACTIONS = { train: 0.6, val: 0.115, test: 0.285 };

/** Splits PH2 cases (one image per lesion, so disjoint by case id) with the given seed. */
export function splitPh2ForUnet(cases: readonly Ph2Case[], seed: number): LesionSplit<Ph2Case> {
  return lesionDisjointSplit(
    cases,
    (c) => c.id,
    (c) => c.clinicalDiagnosis,
    { seed, fractions: PH2_UNET_FRACTIONS },
  );
}
