// The clinical metadata a case gives the lesion diagnosis (@visioncad/dermoscopy clinical/): the
// patient's age and sex as recorded on the case, and its body site in HAM10000's coarser site
// vocabulary, which the metadata fusion was fitted on.
import type { AnatomicSite, ClinicalMetadata } from '@visioncad/dermoscopy/clinical/clinical-metadata';
import { isBodySite, PATIENT_SEXES, type BodySite, type PatientSex } from './case-fields';

/** Each case-form body site as HAM10000's localization; 'other' is not a site the fusion knows. */
export const HAM10000_SITE_OF: Record<BodySite, AnatomicSite | null> = {
  scalp: 'scalp',
  face: 'face',
  neck: 'neck',
  chest: 'chest',
  abdomen: 'abdomen',
  'upper back': 'back',
  'lower back': 'back',
  'left upper arm': 'upper extremity',
  'right upper arm': 'upper extremity',
  'left forearm': 'upper extremity',
  'right forearm': 'upper extremity',
  'left hand': 'hand',
  'right hand': 'hand',
  'left thigh': 'lower extremity',
  'right thigh': 'lower extremity',
  'left lower leg': 'lower extremity',
  'right lower leg': 'lower extremity',
  'left foot': 'foot',
  'right foot': 'foot',
  'genital area': 'genital',
  other: null,
};

/** The case's clinical metadata; a field the case does not record (or an unknown value) is null. */
export function caseClinicalMetadata(c: {
  bodySite: string | null;
  patientAgeYears: number | null;
  patientSex: string | null;
}): ClinicalMetadata {
  return {
    ageYears: c.patientAgeYears,
    sex: (PATIENT_SEXES as readonly string[]).includes(c.patientSex ?? '')
      ? (c.patientSex as PatientSex)
      : null,
    site: c.bodySite && isBodySite(c.bodySite) ? HAM10000_SITE_OF[c.bodySite] : null,
  };
}
