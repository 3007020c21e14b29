import type { Metadata } from 'next';
import Link from 'next/link';
import { CaseDetailsFields } from '../../../components/case-details-fields';
import { BUTTON_CLASS, FIELD_CLASS, FormMessage, LABEL_CLASS } from '../../../components/form-message';
import { PageHeader } from '../../../components/page-header';
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
          <CaseDetailsFields
            defaults={{
              bodySite: '',
              patientAgeYears: null,
              patientSex: null,
              visitDate: today,
              clinicalNotes: null,
            }}
          />
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
