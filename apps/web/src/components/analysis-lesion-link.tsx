import Link from 'next/link';

/** A lesion of the patient, as the link form offers it. */
export interface LesionOption {
  id: string;
  label: string;
  _count: { images: number };
}

/** Which lesion this dermoscopy image shows, to follow it across visits; links to the follow-up. */
export function AnalysisLesionLink({
  imageId,
  lesionId,
  lesions,
}: {
  imageId: string;
  lesionId: string | null;
  lesions: LesionOption[];
}) {
  const current = lesions.find((lesion) => lesion.id === lesionId);
  return (
    <div
      className="space-y-2 border-t border-slate-100 pt-3 text-xs text-slate-600"
      data-testid="lesion-link"
    >
      {current ? (
        <p>
          Lesion <span className="font-medium text-slate-900">{current.label}</span> ·{' '}
          <Link href={`/lesions/${current.id}`} className="font-medium text-brand-700 hover:underline">
            Follow-up across visits ({current._count.images} image{current._count.images === 1 ? '' : 's'})
          </Link>
        </p>
      ) : (
        <p>Not linked to a lesion yet: link it to follow the lesion across visits.</p>
      )}
      <form method="post" action={`/api/images/${imageId}/lesion`} className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`lesion-${imageId}`} className="block text-slate-600">
            Lesion
          </label>
          <select
            id={`lesion-${imageId}`}
            name="lesionId"
            defaultValue={current ? current.id : 'new'}
            className="mt-0.5 block rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
          >
            {lesions.map((lesion) => (
              <option key={lesion.id} value={lesion.id}>
                {lesion.label}
              </option>
            ))}
            <option value="new">New lesion…</option>
            {current ? <option value="none">Not linked</option> : null}
          </select>
        </div>
        <div>
          <label htmlFor={`new-lesion-${imageId}`} className="block text-slate-600">
            New lesion name
          </label>
          <input
            id={`new-lesion-${imageId}`}
            name="newLabel"
            maxLength={80}
            placeholder="e.g. mole left shoulder"
            className="mt-0.5 block w-44 rounded-md border border-slate-300 px-2 py-1 text-xs"
          />
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50"
        >
          Link
        </button>
      </form>
    </div>
  );
}
