/**
 * Dates as the reader writes them. Core speaks ISO 8601 (timestamps such as
 * `2026-12-04T19:47:44.123Z`, calendar dates such as `2026-12-04`); the page
 * shows them in the browser's locale and keeps the exact value in `dateTime`
 * and a tooltip, so nothing is lost by the friendlier form.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date is a day, not an instant: it is read and written in UTC so
 * that no time zone moves it to the day before or after.
 */
function calendarDay(value: string): Date | null {
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-13-45 over into 2027: only a day that exists is a date.
  const exists = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;

  return exists ? date : null;
}

/** The value in the reader's locale; the value itself when it is not a date. */
export function formatLocalDate(
  value: string,
  options: { readonly withTime?: boolean; readonly locale?: string } = {},
): string {
  if (CALENDAR_DATE.test(value)) {
    const day = calendarDay(value);
    if (day === null) return value;
    return new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      day,
    );
  }

  const instant = new Date(value);
  if (value === '' || Number.isNaN(instant.getTime())) return value;

  return new Intl.DateTimeFormat(
    options.locale,
    options.withTime === true
      ? { dateStyle: 'medium', timeStyle: 'short' }
      : { dateStyle: 'medium' },
  ).format(instant);
}

/** A date or timestamp from core, shown in the reader's locale with the ISO value kept. */
export function LocalTime({
  value,
  withTime = false,
}: {
  readonly value: string;
  /** Show the time of day too (when it matters: backups, signing, exports). */
  readonly withTime?: boolean;
}) {
  return (
    <time dateTime={value} title={value}>
      {formatLocalDate(value, { withTime })}
    </time>
  );
}

const DATE_IN_TEXT = /\b\d{4}-\d{2}-\d{2}\b/g;

/** A sentence from core with each calendar date in it shown in the reader's locale. */
export function TextWithDates({ text }: { readonly text: string }) {
  const parts: (string | { readonly date: string })[] = [];
  let cursor = 0;
  for (const match of text.matchAll(DATE_IN_TEXT)) {
    if (calendarDay(match[0]) === null) continue;
    parts.push(text.slice(cursor, match.index), { date: match[0] });
    cursor = match.index + match[0].length;
  }
  parts.push(text.slice(cursor));

  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? part : <LocalTime key={index} value={part.date} />,
      )}
    </>
  );
}
