'use client';

/** Opens the browser's print dialog (print or save as PDF); hidden on paper. */
export function ReportPrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800 print:hidden"
    >
      Print or save as PDF
    </button>
  );
}
