import { z } from 'zod';

/**
 * A day in the calendar, written `YYYY-MM-DD`, with no time and no zone.
 *
 * SAQ dates (completion, target date for compliance, listing expiry, scan
 * dates) are calendar days. Holding them as a `Date` at UTC midnight shows the
 * previous day to anyone west of Greenwich, so the domain keeps them as
 * strings and does its arithmetic on year, month and day numbers.
 */
export type CalendarDate = string & { readonly __calendarDate: true };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const length = lengths[month - 1];
  if (length === undefined) throw new RangeError(`month out of range: ${month}`);
  return length;
}

function partsOf(text: string): DateParts | null {
  const match = SHAPE.exec(text);
  if (match === null) return null;

  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;

  return { year, month, day };
}

function format({ year, month, day }: DateParts): CalendarDate {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate;
}

function mustParse(date: CalendarDate): DateParts {
  const parts = partsOf(date);
  if (parts === null) throw new RangeError('not a calendar date');
  return parts;
}

/** Whether `text` is an existing day written exactly as `YYYY-MM-DD`. */
export function isCalendarDate(text: unknown): text is CalendarDate {
  return typeof text === 'string' && partsOf(text) !== null;
}

/** The calendar date in `text`, or null when it is not an existing `YYYY-MM-DD` day. */
export function parseCalendarDate(text: string): CalendarDate | null {
  return isCalendarDate(text) ? text : null;
}

/** Negative when `a` is earlier, 0 on the same day, positive when later. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  const left = mustParse(a);
  const right = mustParse(b);
  return left.year - right.year || left.month - right.month || left.day - right.day;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return compareCalendarDates(a, b) < 0;
}

/**
 * The same day `months` later (or earlier when negative). A day that the
 * target month lacks becomes that month's last day: 31 January plus one month
 * is 28 (or 29) February, never 2 or 3 March, so a quarterly deadline never
 * drifts past the end of its month.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError('months must be a whole number');
  const { year, month, day } = mustParse(date);

  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;

  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** The day `days` after (or before, when negative) the given day. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be a whole number');
  const { year, month, day } = mustParse(date);
  // UTC arithmetic on the day's own fields: no time zone or daylight saving can move it.
  const shifted = new Date(Date.UTC(year, month - 1, day + days));

  return format({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}

/** The calendar day the given instant falls on in the machine's own time zone. */
export function calendarDateOf(instant: Date): CalendarDate {
  return format({
    year: instant.getFullYear(),
    month: instant.getMonth() + 1,
    day: instant.getDate(),
  });
}

export const calendarDateSchema = z.string().refine(isCalendarDate, {
  error: 'Expected an existing day written as YYYY-MM-DD',
});
