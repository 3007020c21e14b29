import { describe, expect, it } from 'vitest';

import { caseClinicalMetadata, HAM10000_SITE_OF } from './case-clinical-metadata';
import { BODY_SITES, parseNewCase } from './case-fields';

const now = new Date('2026-11-25T12:00:00Z');
const base = { patientReference: 'pt-0042', bodySite: 'left forearm', visitDate: '2026-11-24' };

describe('parseNewCase', () => {
  it('reads the optional age and sex, from a form (strings) or JSON (a number)', () => {
    expect(parseNewCase({ ...base, patientAgeYears: '67', patientSex: 'female' }, now)).toMatchObject({
      patientReference: 'PT-0042',
      patientAgeYears: 67,
      patientSex: 'female',
    });
    expect(parseNewCase({ ...base, patientAgeYears: 0 }, now)).toMatchObject({
      patientAgeYears: 0,
      patientSex: null,
    });
    expect(parseNewCase({ ...base, patientAgeYears: '', patientSex: '' }, now)).toMatchObject({
      patientAgeYears: null,
      patientSex: null,
    });
  });

  it('names the field of a bad age or sex', () => {
    for (const age of ['-3', '45.5', 'forty', '121']) {
      expect(() => parseNewCase({ ...base, patientAgeYears: age }, now)).toThrow(
        expect.objectContaining({ status: 400, field: 'patientAgeYears' }),
      );
    }
    expect(() => parseNewCase({ ...base, patientAgeYears: 'forty' }, now)).toThrow(
      /patientAgeYears "forty" is not an age/,
    );
    expect(() => parseNewCase({ ...base, patientSex: 'F' }, now)).toThrow(
      expect.objectContaining({ status: 400, field: 'patientSex' }),
    );
  });
});

describe('caseClinicalMetadata', () => {
  it('maps every body site of the case form, and keeps what the case does not record as null', () => {
    expect(Object.keys(HAM10000_SITE_OF).sort()).toEqual([...BODY_SITES].sort());
    expect(
      caseClinicalMetadata({ bodySite: 'left forearm', patientAgeYears: 67, patientSex: 'female' }),
    ).toEqual({
      ageYears: 67,
      sex: 'female',
      site: 'upper extremity',
    });
    expect(caseClinicalMetadata({ bodySite: 'other', patientAgeYears: null, patientSex: null })).toEqual({
      ageYears: null,
      sex: null,
      site: null,
    });
    expect(
      caseClinicalMetadata({ bodySite: 'elbow', patientAgeYears: null, patientSex: 'x' }).site,
    ).toBeNull();
  });
});
