import {
  MAX_AGE_YEARS as MAX_PATIENT_AGE,
  PATIENT_SEXES,
  type PatientSex,
} from '@visioncad/dermoscopy/clinical/clinical-metadata';
import { ServiceError } from './service-error';

/** Where on the body a lesion or photo was taken; the case form offers exactly these. */
export const BODY_SITES = [
  'scalp',
  'face',
  'neck',
  'chest',
  'abdomen',
  'upper back',
  'lower back',
  'left upper arm',
  'right upper arm',
  'left forearm',
  'right forearm',
  'left hand',
  'right hand',
  'left thigh',
  'right thigh',
  'left lower leg',
  'right lower leg',
  'left foot',
  'right foot',
  'genital area',
  'other',
] as const;

export type BodySite = (typeof BODY_SITES)[number];

/** Whether a string is one of the fixed body sites. */
export function isBodySite(value: string): value is BodySite {
  return (BODY_SITES as readonly string[]).includes(value);
}

/**
 * The sexes the case form offers (not recording it is also allowed) and the oldest age accepted:
 * the lesion diagnosis's clinical-metadata vocabulary, which the case feeds.
 */
export {
  MAX_AGE_YEARS as MAX_PATIENT_AGE,
  PATIENT_SEXES,
  type PatientSex,
} from '@visioncad/dermoscopy/clinical/clinical-metadata';

/** The longest clinical note accepted, in characters. */
export const MAX_NOTES_LENGTH = 4000;

// Letters, digits and single hyphens, with at least one digit: a study or clinic code such as
// "PT-000123" or "DERM-2026-0042". Names ("Jane Doe") have spaces or no digits and are refused.
const REFERENCE_PATTERN = /^(?=.*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const REFERENCE_LENGTH = { min: 4, max: 32 };

/** A case's clinical details: what the case form records besides the patient, and what can be edited later. */
export interface CaseDetailsInput {
  bodySite: BodySite;
  clinicalNotes: string | null;
  /** Whole years on the visit day; null: not recorded. */
  patientAgeYears: number | null;
  patientSex: PatientSex | null;
  /** Midnight UTC of the visit day. */
  visitDate: Date;
}

/** A validated new case. */
export interface NewCaseInput extends CaseDetailsInput {
  patientReference: string;
}

/** The details fields in the order the form shows them (and audit entries list changes). */
export const CASE_DETAIL_FIELDS = [
  'bodySite',
  'patientAgeYears',
  'patientSex',
  'visitDate',
  'clinicalNotes',
] as const satisfies readonly (keyof CaseDetailsInput)[];

function text(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** Checks a pseudonymous patient reference and returns it upper-cased. */
export function parsePatientReference(value: string): string {
  const reference = value.trim().toUpperCase();
  if (reference === '') {
    throw new ServiceError(
      400,
      'patientReference is required: enter the pseudonymous patient code.',
      'patientReference',
    );
  }
  if (
    reference.length < REFERENCE_LENGTH.min ||
    reference.length > REFERENCE_LENGTH.max ||
    !REFERENCE_PATTERN.test(reference)
  ) {
    throw new ServiceError(
      400,
      `patientReference "${value.trim()}" is not a pseudonymous code: use ${REFERENCE_LENGTH.min}-${REFERENCE_LENGTH.max} letters, digits and hyphens with at least one digit (e.g. PT-000123), never a name.`,
      'patientReference',
    );
  }
  return reference;
}

/** Parses a YYYY-MM-DD calendar day into midnight UTC; `field` names it in errors. */
export function parseDay(value: string, field: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value) {
    throw new ServiceError(400, `${field} must be a calendar date as YYYY-MM-DD, got "${value}".`, field);
  }
  return date;
}

/** Validates the body of a create-case request (JSON or form fields) into typed values. */
export function parseNewCase(raw: Record<string, unknown>, now: Date = new Date()): NewCaseInput {
  const patientReference = parsePatientReference(text(raw, 'patientReference'));
  return { patientReference, ...parseCaseDetails(raw, now) };
}

/**
 * Validates a case's details (JSON or form fields): body site, visit date, optional age, sex and
 * notes. Creating and editing a case both go through here, so both refuse the same values.
 */
export function parseCaseDetails(raw: Record<string, unknown>, now: Date = new Date()): CaseDetailsInput {
  const bodySite = text(raw, 'bodySite');
  if (!isBodySite(bodySite)) {
    throw new ServiceError(
      400,
      bodySite === ''
        ? 'bodySite is required: choose where on the body the lesion is.'
        : `bodySite "${bodySite}" is not one of the listed sites (${BODY_SITES.join(', ')}).`,
      'bodySite',
    );
  }

  const notes = text(raw, 'clinicalNotes');
  if (notes.length > MAX_NOTES_LENGTH) {
    throw new ServiceError(
      400,
      `clinicalNotes is ${notes.length} characters long; keep it to ${MAX_NOTES_LENGTH}.`,
      'clinicalNotes',
    );
  }

  const rawDate = text(raw, 'visitDate');
  if (rawDate === '') throw new ServiceError(400, 'visitDate is required (YYYY-MM-DD).', 'visitDate');
  const visitDate = parseDay(rawDate, 'visitDate');
  // One day of slack: the clinician's local date may already be tomorrow in UTC.
  if (visitDate.getTime() > now.getTime() + 24 * 3600 * 1000) {
    throw new ServiceError(400, `visitDate ${rawDate} is in the future.`, 'visitDate');
  }
  if (visitDate.getUTCFullYear() < 1900) {
    throw new ServiceError(400, `visitDate ${rawDate} is before 1900.`, 'visitDate');
  }

  // JSON bodies may send the age as a number, forms as a string.
  const rawAge =
    typeof raw.patientAgeYears === 'number' ? String(raw.patientAgeYears) : text(raw, 'patientAgeYears');
  let patientAgeYears: number | null = null;
  if (rawAge !== '') {
    const age = Number(rawAge);
    if (!/^\d+$/.test(rawAge) || age > MAX_PATIENT_AGE) {
      throw new ServiceError(
        400,
        `patientAgeYears "${rawAge}" is not an age: give whole years from 0 to ${MAX_PATIENT_AGE}, or leave it empty.`,
        'patientAgeYears',
      );
    }
    patientAgeYears = age;
  }
  const rawSex = text(raw, 'patientSex');
  if (rawSex !== '' && !(PATIENT_SEXES as readonly string[]).includes(rawSex)) {
    throw new ServiceError(
      400,
      `patientSex "${rawSex}" is not one of ${PATIENT_SEXES.join(', ')}; leave it empty when not recorded.`,
      'patientSex',
    );
  }

  return {
    bodySite,
    clinicalNotes: notes === '' ? null : notes,
    patientAgeYears,
    patientSex: rawSex === '' ? null : (rawSex as PatientSex),
    visitDate,
  };
}
