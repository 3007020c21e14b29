/** A form's outcome, passed back in the query string by the route the form posted to. */
export function FormMessage({ error, notice }: { error?: string | null; notice?: string | null }) {
  if (error) {
    return (
      <p
        role="alert"
        data-testid="form-error"
        className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      >
        {error}
      </p>
    );
  }
  if (notice) {
    return (
      <p
        role="status"
        className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
      >
        {notice}
      </p>
    );
  }
  return null;
}

/** The shared look of text inputs, selects and textareas. */
export const FIELD_CLASS =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

/** The shared look of a form's main button. */
export const BUTTON_CLASS =
  'rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

/** The shared look of a field label. */
export const LABEL_CLASS = 'block text-sm font-medium text-slate-700';
