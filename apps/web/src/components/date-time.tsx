const MINUTES = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const SECONDS = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});
const DAYS = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

const FORMATS = { day: DAYS, minute: MINUTES, second: SECONDS } as const;

/** A timestamp shown in UTC (the server renders it, so the viewer's zone is unknown). */
export function DateTime({ value, precision = 'minute' }: { value: Date; precision?: keyof typeof FORMATS }) {
  const text = FORMATS[precision].format(value);
  return <time dateTime={value.toISOString()}>{precision === 'day' ? text : `${text} UTC`}</time>;
}
