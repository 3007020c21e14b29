const FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const DATE_ONLY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A timestamp shown in UTC (the server renders it, so the viewer's zone is unknown). */
export function DateTime({ value, dateOnly = false }: { value: Date; dateOnly?: boolean }) {
  return (
    <time dateTime={value.toISOString()}>
      {dateOnly ? DATE_ONLY.format(value) : `${FORMAT.format(value)} UTC`}
    </time>
  );
}
