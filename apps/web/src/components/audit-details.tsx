import type { AuditEntry } from '@visioncad/db';

/** A recorded change of one field (case.update): its old and new value. */
function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && Object.keys(value).sort().join() === 'from,to';
}

function show(value: unknown): string {
  if (isChange(value))
    return `${value.from === null ? '—' : show(value.from)} → ${value.to === null ? '—' : show(value.to)}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An audit entry's details: one "key: value" line per field, or the raw JSON when not an object. */
export function AuditDetails({ details }: { details: AuditEntry['details'] }) {
  if (details === null) return <span className="text-slate-400">—</span>;
  if (typeof details !== 'object' || Array.isArray(details)) {
    return <code className="text-xs text-slate-600">{JSON.stringify(details)}</code>;
  }
  return (
    <dl className="space-y-0.5 text-xs">
      {Object.entries(details).map(([key, value]) => (
        // Long values (user agents) are cut to one line; the full text is in the tooltip.
        <div key={key} className="max-w-64 truncate" title={`${key}: ${show(value)}`}>
          <dt className="inline font-medium text-slate-500">{key}: </dt>
          <dd className="inline text-slate-700">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
