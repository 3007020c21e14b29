/** The statement every report carries: the models support a clinician's decision, they do not make it. */
export function ReportDisclaimer() {
  return (
    <aside
      role="note"
      data-testid="report-disclaimer"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 print:border-slate-400 print:bg-white"
    >
      <strong>Decision support, not a diagnosis.</strong> The segmentation, ABCD values, total dermoscopy
      score, diagnosis and emotion probabilities below were computed by software models. They can be wrong and
      are meant to support, never replace, the judgement of the responsible clinician, whose signed-off review
      is the clinical finding of record.
    </aside>
  );
}
