import { describe, expect, it } from 'vitest';
import type { CalendarDate } from './calendar-date';
import { followingPeriod, nextYearTitle } from './next-year';

const today = '2026-12-04' as CalendarDate;

describe("next year's title", () => {
  it.each([
    ['Harbour Lane 2026', 'Harbour Lane 2027'],
    ['PCI DSS self-assessment 2025-2026', 'PCI DSS self-assessment 2026-2027'],
    ['Shop 12345', 'Shop 12345 (next year)'],
    ['Harbour Lane shop', 'Harbour Lane shop (next year)'],
    ['  ', 'SAQ A'],
  ])('%j gives %j', (title, expected) => {
    expect(nextYearTitle(title, 'A')).toBe(expected);
  });
});

describe("next year's period", () => {
  it('runs from the day after last year ended for one year', () => {
    expect(followingPeriod('2026-06-30', today)).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2027-06-30',
    });
    expect(followingPeriod('2027-02-27', today)).toEqual({
      periodStart: '2027-02-28',
      periodEnd: '2028-02-27',
    });
  });

  it('stays open when last year had no end or the result would start too far ahead', () => {
    expect(followingPeriod(null, today)).toEqual({ periodStart: null, periodEnd: null });
    expect(followingPeriod('2028-06-30', today)).toEqual({ periodStart: null, periodEnd: null });
  });
});
