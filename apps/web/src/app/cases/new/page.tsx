import type { Metadata } from 'next';
import Link from 'next/link';
import { BUTTON_CLASS, FIELD_CLASS, FormMessage, LABEL_CLASS } from '../../../components/form-message';
import { PageHeader } from '../../../components/page-header';
import { BODY_SITES, MAX_NOTES_LENGTH, MAX_PATIENT_AGE, PATIENT_SEXES } from '../../../server/case-fields';
import { requirePageAccess } from '../../../server/page-access';

export const metadata: Metadata = { title: 'New case' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The form that opens a case for one visit; it posts to `POST /api/cases`. */
export default async function NewCasePage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageAccess('cases', '/cases/new');
  const { error } = await searchParams;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader title="New case">
        One case per visit. Identify the patient only by their pseudonymous reference, never by name.
      </PageHeader>
      <div className="max-w-xl">
        <FormMessage error={typeof error === 'string' ? error : null} />
        <form
          method="post"
          action="/api/cases"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        >
          <div>
            <label htmlFor="patientReference" className={LABEL_CLASS}>
              Patient reference
            </label>
            <input
              id="patientReference"
              name="patientReference"
              required
              maxLength={32}
              placeholder="PT-000123"
              autoComplete="off"
              className={`${FIELD_CLASS} font-mono uppercase`}
            />
            <p className="mt-1 text-xs text-slate-500">
              Letters, digits and hyphens with at least one digit.
            </p>
          </div>
          <div>
            <label htmlFor="bodySite" className={LABEL_CLASS}>
              Body site
            </label>
            <select id="bodySite" name="bodySite" required defaultValue="" className={FIELD_CLASS}>
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
                className={FIELD_CLASS}
              />
            </div>
            <div>
              <label htmlFor="patientSex" className={LABEL_CLASS}>
                Patient sex
              </label>
              <select id="patientSex" name="patientSex" defaultValue="" className={FIELD_CLASS}>
                <option value="">not recorded</option>
                {PATIENT_SEXES.map((sex) => (
                  <option key={sex} value={sex}>
                    {sex}
                  </option>
                ))}
              </select>
            </div>
            <p className="col-span-2 -mt-2 text-xs text-slate-500">
              Optional. With the body site, they refine the lesion diagnosis (the model learnt how diagnoses
              vary with age, sex and site).
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
              defaultValue={today}
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
              className={FIELD_CLASS}
            />
          </div>
          <div className="flex items-center gap-4">
            <button type="submit" className={BUTTON_CLASS}>
              Create case
            </button>
            <Link href="/cases" className="text-sm text-slate-600 hover:underline">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </>
  );
}
