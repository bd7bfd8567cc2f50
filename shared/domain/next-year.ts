import { periodProblem, type AssessmentPeriod } from './assessment-period';
import { addDays, addMonths, isCalendarDate, type CalendarDate } from './calendar-date';
import type { SaqType } from './responses';
import { saqDisplayName } from './saq-catalog';

/** What next year's assessment starts with when the person does not say otherwise. */

/**
 * Next year's title from last year's: every year in it moved on by one
 * ("Harbour Lane 2026" gives "Harbour Lane 2027", "2025-2026" gives
 * "2026-2027"), or "(next year)" added when it names no year.
 */
export function nextYearTitle(title: string, saqType: SaqType): string {
  const trimmed = title.trim();
  if (trimmed === '') return saqDisplayName(saqType);
  const year = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;
  if (!year.test(trimmed)) return `${trimmed} (next year)`;
  return trimmed.replace(year, (found) => String(Number(found) + 1));
}

/**
 * The year after a period that ended on `previousEnd`: from the next day to
 * the day before the same date a year on. Open when last year's end is not
 * known or the result would not be accepted as a period today.
 */
export function followingPeriod(previousEnd: string | null, today: CalendarDate): AssessmentPeriod {
  const open = { periodStart: null, periodEnd: null };
  if (previousEnd === null || !isCalendarDate(previousEnd)) return open;
  const periodStart = addDays(previousEnd, 1);
  const period = { periodStart, periodEnd: addDays(addMonths(periodStart, 12), -1) };
  return periodProblem(period, today) === null ? period : open;
}
