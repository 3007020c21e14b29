import { describe, expect, it } from 'vitest';

import {
  CLINICAL_FEATURE_COUNT,
  CLINICAL_FEATURE_NAMES,
  clinicalFeatures,
  hasClinicalMetadata,
  NO_CLINICAL_METADATA,
  parseClinicalMetadata,
} from './clinical-metadata';

describe('parseClinicalMetadata', () => {
  it('reads numbers given as strings and treats blank and unknown as not recorded', () => {
    expect(parseClinicalMetadata({ ageYears: '45', sex: 'male', site: 'back' }, 'row 2')).toEqual({
      ageYears: 45,
      sex: 'male',
      site: 'back',
    });
    expect(parseClinicalMetadata({ ageYears: '', sex: 'unknown', site: null }, 'row 3')).toEqual(
      NO_CLINICAL_METADATA,
    );
    expect(parseClinicalMetadata({}, 'row 4')).toEqual(NO_CLINICAL_METADATA);
  });

  it('names the source and the field of a bad value', () => {
    expect(() => parseClinicalMetadata({ ageYears: 'forty' }, 'case 7')).toThrow(
      /case 7: ageYears .* "forty"/,
    );
    expect(() => parseClinicalMetadata({ ageYears: 130 }, 'case 7')).toThrow(/ageYears must be .* 0 to 120/);
    expect(() => parseClinicalMetadata({ sex: 'F' }, 'case 7')).toThrow(
      /case 7: sex must be one of female, male/,
    );
    expect(() => parseClinicalMetadata({ site: 'elbow' }, 'case 7')).toThrow(
      /case 7: site must be one of abdomen/,
    );
  });
});

describe('clinicalFeatures', () => {
  it('one-hot encodes each field with its own not-recorded indicator', () => {
    const f = clinicalFeatures({ ageYears: 85, sex: 'female', site: 'face' });
    expect(f).toHaveLength(CLINICAL_FEATURE_COUNT);
    expect(CLINICAL_FEATURE_NAMES).toHaveLength(CLINICAL_FEATURE_COUNT);
    const on = CLINICAL_FEATURE_NAMES.filter((_, i) => f[i] !== 0);
    expect(on).toEqual(['age 80+', 'age/100', 'sex female', 'site face']);
    expect(f[CLINICAL_FEATURE_NAMES.indexOf('age/100')]).toBeCloseTo(0.85);
    const blank = clinicalFeatures(NO_CLINICAL_METADATA);
    expect(CLINICAL_FEATURE_NAMES.filter((_, i) => blank[i] !== 0)).toEqual([
      'age not recorded',
      'sex not recorded',
      'site not recorded',
    ]);
    expect(
      CLINICAL_FEATURE_NAMES.filter(
        (_, i) => clinicalFeatures({ ...NO_CLINICAL_METADATA, ageYears: 9 })[i] === 1,
      ),
    ).toContain('age 0-9');
  });

  it('tells whether anything is recorded', () => {
    expect(hasClinicalMetadata(NO_CLINICAL_METADATA)).toBe(false);
    expect(hasClinicalMetadata({ ...NO_CLINICAL_METADATA, site: 'scalp' })).toBe(true);
  });
});
