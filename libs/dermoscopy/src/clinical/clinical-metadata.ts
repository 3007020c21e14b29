// The clinical context of a dermoscopy image that a diagnosis model may use next to the pixels: the
// patient's age and sex and the anatomic site of the lesion, in HAM10000's vocabulary (its
// `age`, `sex` and `localization` columns). Every field may be absent. Browser-safe.

/** HAM10000's anatomic sites (`localization`), 'unknown' excluded: an unknown site is `null`. */
export const ANATOMIC_SITES = [
  'abdomen',
  'acral',
  'back',
  'chest',
  'ear',
  'face',
  'foot',
  'genital',
  'hand',
  'lower extremity',
  'neck',
  'scalp',
  'trunk',
  'upper extremity',
] as const;
export type AnatomicSite = (typeof ANATOMIC_SITES)[number];

export const PATIENT_SEXES = ['female', 'male'] as const;
export type PatientSex = (typeof PATIENT_SEXES)[number];

/** The oldest age accepted, in years. */
export const MAX_AGE_YEARS = 120;

/** What is known about the patient and the lesion; null: not recorded. */
export interface ClinicalMetadata {
  ageYears: number | null;
  sex: PatientSex | null;
  site: AnatomicSite | null;
}

export const NO_CLINICAL_METADATA: ClinicalMetadata = { ageYears: null, sex: null, site: null };

/** Whether any field is recorded. */
export function hasClinicalMetadata(metadata: ClinicalMetadata): boolean {
  return metadata.ageYears !== null || metadata.sex !== null || metadata.site !== null;
}

/**
 * Checks clinical metadata from an untrusted source (a JSON body, a CSV row); `where` names the
 * source in errors, which also name the field. Absent, null, '' and 'unknown' mean not recorded.
 */
export function parseClinicalMetadata(raw: Record<string, unknown>, where: string): ClinicalMetadata {
  const blank = (v: unknown) => v === undefined || v === null || v === '' || v === 'unknown';
  const age = raw.ageYears;
  let ageYears: number | null = null;
  if (!blank(age)) {
    const n = typeof age === 'string' ? Number(age.trim()) : age;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_AGE_YEARS) {
      throw new RangeError(
        `${where}: ageYears must be a number of years from 0 to ${MAX_AGE_YEARS}, got ${JSON.stringify(age)}`,
      );
    }
    ageYears = n;
  }
  const sex = raw.sex;
  if (!blank(sex) && !(PATIENT_SEXES as readonly unknown[]).includes(sex)) {
    throw new RangeError(
      `${where}: sex must be one of ${PATIENT_SEXES.join(', ')} or unknown, got ${JSON.stringify(sex)}`,
    );
  }
  const site = raw.site;
  if (!blank(site) && !(ANATOMIC_SITES as readonly unknown[]).includes(site)) {
    throw new RangeError(
      `${where}: site must be one of ${ANATOMIC_SITES.join(', ')} or unknown, got ${JSON.stringify(site)}`,
    );
  }
  return {
    ageYears,
    sex: blank(sex) ? null : (sex as PatientSex),
    site: blank(site) ? null : (site as AnatomicSite),
  };
}

/** Age bands of the encoding: decades, the last open-ended (0-9, 10-19, ..., 80+). */
const AGE_BANDS = 9;

/** Length of {@link clinicalFeatures}' vector. */
export const CLINICAL_FEATURE_COUNT = AGE_BANDS + 2 + PATIENT_SEXES.length + 1 + ANATOMIC_SITES.length + 1;

/** Names of the features, in order (for model cards and people reading a fitted model). */
export const CLINICAL_FEATURE_NAMES: readonly string[] = [
  ...Array.from({ length: AGE_BANDS }, (_, b) =>
    b < AGE_BANDS - 1 ? `age ${b * 10}-${b * 10 + 9}` : `age ${b * 10}+`,
  ),
  'age/100',
  'age not recorded',
  ...PATIENT_SEXES.map((s) => `sex ${s}`),
  'sex not recorded',
  ...ANATOMIC_SITES.map((s) => `site ${s}`),
  'site not recorded',
];

/**
 * The metadata as a fixed-length vector: one-hot age decade plus age/100 (a trend inside the
 * bands), one-hot sex and one-hot site, each with its own "not recorded" indicator.
 */
export function clinicalFeatures(metadata: ClinicalMetadata): number[] {
  const f = new Array<number>(CLINICAL_FEATURE_COUNT).fill(0);
  const { ageYears, sex, site } = metadata;
  if (ageYears === null) f[AGE_BANDS + 1] = 1;
  else {
    f[Math.min(Math.floor(ageYears / 10), AGE_BANDS - 1)] = 1;
    f[AGE_BANDS] = ageYears / 100;
  }
  let at = AGE_BANDS + 2;
  f[at + (sex === null ? PATIENT_SEXES.length : PATIENT_SEXES.indexOf(sex))] = 1;
  at += PATIENT_SEXES.length + 1;
  f[at + (site === null ? ANATOMIC_SITES.length : ANATOMIC_SITES.indexOf(site))] = 1;
  return f;
}
