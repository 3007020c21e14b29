/** A metric value as cards print it: scores to three decimals, larger figures to the unit. */
export function formatMetric(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return Math.abs(value) < 10 ? value.toFixed(3) : value.toFixed(1);
}

/** The headline figures above a chart: one tile per named value. */
export function HeadlineFigures({
  figures,
  label,
}: {
  figures: { label: string; value: string; detail?: string }[];
  label: string;
}) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {figures.map((figure) => (
        <div key={figure.label} className="rounded-lg border border-slate-200 bg-white px-3 py-2.5">
          <dt className="text-xs text-slate-500">{figure.label}</dt>
          <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900">{figure.value}</dd>
          {figure.detail ? <dd className="text-xs text-slate-500">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
