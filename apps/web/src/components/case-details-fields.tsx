import { FIELD_CLASS, LABEL_CLASS } from './form-message';
import { BODY_SITES, MAX_NOTES_LENGTH, MAX_PATIENT_AGE, PATIENT_SEXES } from '../server/case-fields';

/** The values a case form starts with (empty for a new case, the stored ones when editing). */
export interface CaseDetailsDefaults {
  bodySite: string;
  patientAgeYears: number | null;
  patientSex: string | null;
  /** YYYY-MM-DD. */
  visitDate: string;
  clinicalNotes: string | null;
}

/** The fields of a case's details, shared by the new-case and edit-case forms. */
export function CaseDetailsFields({ defaults }: { defaults: CaseDetailsDefaults }) {
  return (
    <>
      <div>
        <label htmlFor="bodySite" className={LABEL_CLASS}>
          Body site
        </label>
        <select
          id="bodySite"
          name="bodySite"
          required
          defaultValue={defaults.bodySite}
          className={FIELD_CLASS}
        >
          <option value="" disabled>
            Choose a site
          </option>
          {BODY_SITES.map((site) => (
            <option key={site} value={site}>
              {site}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <div>
          <label htmlFor="patientAgeYears" className={LABEL_CLASS}>
            Patient age (years)
          </label>
          <input
            id="patientAgeYears"
            name="patientAgeYears"
            type="number"
            min={0}
            max={MAX_PATIENT_AGE}
            step={1}
            placeholder="not recorded"
            defaultValue={defaults.patientAgeYears ?? ''}
            className={FIELD_CLASS}
          />
        </div>
        <div>
          <label htmlFor="patientSex" className={LABEL_CLASS}>
            Patient sex
          </label>
          <select
            id="patientSex"
            name="patientSex"
            defaultValue={defaults.patientSex ?? ''}
            className={FIELD_CLASS}
          >
            <option value="">not recorded</option>
            {PATIENT_SEXES.map((sex) => (
              <option key={sex} value={sex}>
                {sex}
              </option>
            ))}
          </select>
        </div>
        <p className="col-span-2 -mt-2 text-xs text-slate-500">
          Optional. With the body site, they refine the lesion diagnosis (the model learnt how diagnoses vary
          with age, sex and site).
        </p>
      </div>
      <div>
        <label htmlFor="visitDate" className={LABEL_CLASS}>
          Visit date
        </label>
        <input
          id="visitDate"
          name="visitDate"
          type="date"
          required
          defaultValue={defaults.visitDate}
          className={FIELD_CLASS}
        />
      </div>
      <div>
        <label htmlFor="clinicalNotes" className={LABEL_CLASS}>
          Clinical notes
        </label>
        <textarea
          id="clinicalNotes"
          name="clinicalNotes"
          rows={4}
          maxLength={MAX_NOTES_LENGTH}
          defaultValue={defaults.clinicalNotes ?? ''}
          className={FIELD_CLASS}
        />
      </div>
    </>
  );
}
