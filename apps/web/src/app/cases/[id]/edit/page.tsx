import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CaseDetailsFields } from '../../../../components/case-details-fields';
import { BUTTON_CLASS, FormMessage } from '../../../../components/form-message';
import { PageHeader } from '../../../../components/page-header';
import { readCase, type CaseDetail } from '../../../../server/case-records';
import { pageActor } from '../../../../server/page-actor';
import { requirePageAccess } from '../../../../server/page-access';
import { ServiceError } from '../../../../server/service-error';

export const metadata: Metadata = { title: 'Edit case details' };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Corrects a case's details (not its patient); it posts to `POST /api/cases/{id}`. */
export default async function EditCasePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const user = await requirePageAccess('cases', `/cases/${id}/edit`);
  const { error } = await searchParams;
  let found: CaseDetail;
  try {
    found = await readCase(id, await pageActor(user));
  } catch (caught) {
    if (caught instanceof ServiceError && caught.status === 404) notFound();
    throw caught;
  }
  const signedOff = found.reviews.find((review) => review.signedOffAt !== null);
  const hasAnalyses = found.images.some((image) => image.analyses.length > 0);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/cases/${found.id}`} className="text-brand-700 hover:underline">
          ← Case {found.patient.reference}
        </Link>
      </p>
      <PageHeader title="Edit case details">
        Patient <span className="font-mono">{found.patient.reference}</span>. Every change is recorded in the
        audit log with its old and new value.
      </PageHeader>
      <div className="max-w-xl">
        <FormMessage error={typeof error === 'string' ? error : null} />
        {signedOff ? (
          <p
            role="status"
            className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
          >
            This case was signed off, so its details are part of the signed record and cannot be edited.
            Record a correction in a new review on the case page.
          </p>
        ) : (
          <form
            method="post"
            action={`/api/cases/${found.id}`}
            className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
          >
            <CaseDetailsFields
              defaults={{
                bodySite: found.bodySite ?? '',
                patientAgeYears: found.patientAgeYears,
                patientSex: found.patientSex,
                visitDate: found.visitDate.toISOString().slice(0, 10),
                clinicalNotes: found.clinicalNotes,
              }}
            />
            {hasAnalyses ? (
              <p className="text-xs text-slate-500">
                Analyses already run keep the details they were run with (each result says which); analyse an
                image again to use the corrected ones.
              </p>
            ) : null}
            <div className="flex items-center gap-4">
              <button type="submit" className={BUTTON_CLASS}>
                Save details
              </button>
              <Link href={`/cases/${found.id}`} className="text-sm text-slate-600 hover:underline">
                Cancel
              </Link>
            </div>
          </form>
        )}
      </div>
    </>
  );
}
