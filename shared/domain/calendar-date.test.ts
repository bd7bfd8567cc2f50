import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDateOf,
  calendarDateSchema,
  compareCalendarDates,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date';

const day = (text: string): CalendarDate => {
  const parsed = parseCalendarDate(text);
  if (parsed === null) throw new Error(`bad test date ${text}`);
  return parsed;
};

describe('parseCalendarDate', () => {
  it.each([
    ['2025-03-31', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-05', false],
    ['2025-01-05T00:00:00Z', false],
    [' 2025-01-05', false],
    ['05/01/2025', false],
    ['', false],
  ])('%s is a calendar date: %s', (text, valid) => {
    expect(parseCalendarDate(text) !== null).toBe(valid);
  });

  it('is what the zod schema accepts', () => {
    expect(calendarDateSchema.safeParse('2025-06-30').success).toBe(true);
    expect(calendarDateSchema.safeParse('2025-06-31').success).toBe(false);
    expect(calendarDateSchema.safeParse(20250630).success).toBe(false);
  });
});

describe('compareCalendarDates', () => {
  it.each([
    ['2025-03-31', '2025-04-01', -1],
    ['2025-04-01', '2025-03-31', 1],
    ['2025-12-31', '2026-01-01', -1],
    ['2025-05-05', '2025-05-05', 0],
  ])('%s against %s has sign %d', (a, b, sign) => {
    expect(Math.sign(compareCalendarDates(day(a), day(b)))).toBe(sign);
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-01-15', 3, '2025-04-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-10-31', 3, '2026-01-31'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-10', -1, '2024-12-10'],
    ['2025-06-30', 12, '2026-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-06-30', 0, '2025-06-30'],
  ])('%s plus %d months is %s', (start, months, expected) => {
    expect(addMonths(day(start), months)).toBe(expected);
  });

  it('refuses fractions of a month', () => {
    expect(() => addMonths(day('2025-01-01'), 1.5)).toThrow(RangeError);
  });
});

describe('calendarDateOf', () => {
  it('takes the day as the local calendar shows it, late in the evening too', () => {
    expect(calendarDateOf(new Date(2025, 2, 31, 23, 59))).toBe('2025-03-31');
    expect(calendarDateOf(new Date(2025, 0, 1, 0, 0))).toBe('2025-01-01');
  });
});

describe('addDays', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 0, '2026-03-29'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(addDays(from as CalendarDate, days)).toBe(expected);
  });
});
