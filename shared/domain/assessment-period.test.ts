import { describe, expect, it } from 'vitest';
import type { CalendarDate } from './calendar-date';
import { periodProblem } from './assessment-period';

const day = (text: string) => text as CalendarDate;
const TODAY = day('2026-12-04');

describe('periodProblem', () => {
  it.each([
    ['both open', null, null, null],
    ['only a start', '2026-01-01', null, null],
    ['only an end', null, '2026-12-31', null],
    ['a calendar year', '2026-01-01', '2026-12-31', null],
    ['a single day', '2026-06-01', '2026-06-01', null],
    ['twelve months to the day', '2026-03-15', '2027-03-15', null],
    ['next year, planned now', '2027-01-01', '2027-12-31', null],
    ['ends before it starts', '2026-12-31', '2026-01-01', 'periodEnd'],
    ['longer than a year', '2026-01-01', '2027-01-02', 'periodEnd'],
    ['a two-digit year typed', '0026-01-01', '2026-12-31', 'periodStart'],
    ['an end year before 2000', null, '1999-12-31', 'periodEnd'],
    ['starting more than a year ahead', '2027-12-05', null, 'periodStart'],
  ])('%s', (_label, start, end, field) => {
    const problem = periodProblem(
      {
        periodStart: start === null ? null : day(start),
        periodEnd: end === null ? null : day(end),
      },
      TODAY,
    );
    expect(problem?.field ?? null).toBe(field);
    if (problem !== null) expect(problem.message).not.toBe('');
  });
});
