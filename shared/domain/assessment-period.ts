import { addMonths, isBefore, type CalendarDate } from './calendar-date';

/**
 * The period an assessment covers. Either end may stay open while a draft is
 * set up; what is given must read as one annual assessment: it does not end
 * before it starts, spans at most a year (the SAQ is renewed every year), and
 * neither date is a slip of the keyboard (a year before 2000, or a start more
 * than a year ahead).
 */
export interface AssessmentPeriod {
  readonly periodStart: CalendarDate | null;
  readonly periodEnd: CalendarDate | null;
}

export interface PeriodProblem {
  readonly field: 'periodStart' | 'periodEnd';
  readonly message: string;
}

const EARLIEST: CalendarDate = '2000-01-01' as CalendarDate;

/** The first thing wrong with the period, or null when it is acceptable. */
export function periodProblem(period: AssessmentPeriod, today: CalendarDate): PeriodProblem | null {
  const { periodStart, periodEnd } = period;

  for (const field of ['periodStart', 'periodEnd'] as const) {
    const date = period[field];
    if (date !== null && isBefore(date, EARLIEST)) {
      return { field, message: `Check the year: ${date} is before 2000.` };
    }
  }
  if (periodStart !== null && isBefore(addMonths(today, 12), periodStart)) {
    return {
      field: 'periodStart',
      message: 'The period cannot start more than a year from today.',
    };
  }
  if (periodStart === null || periodEnd === null) return null;

  if (isBefore(periodEnd, periodStart)) {
    return { field: 'periodEnd', message: 'The period cannot end before it starts.' };
  }
  if (isBefore(addMonths(periodStart, 12), periodEnd)) {
    return {
      field: 'periodEnd',
      message: 'The period covers at most one year; the SAQ is completed again every year.',
    };
  }
  return null;
}
