import { describe, expect, it } from 'vitest';
import type { AnswerRow } from './answer-rows';
import { asvSchedule } from './asv-schedule';
import { parseCalendarDate, type CalendarDate } from './calendar-date';

const day = (text: string): CalendarDate => parseCalendarDate(text) as CalendarDate;

const row = (id: string, placeholder = false): AnswerRow => ({
  id,
  requirementId: id,
  principal: '11',
  placeholder,
});

/** A short stand-in per SAQ: whether its row list holds 11.3.2 is what matters. */
const WITH_SCAN = [row('11.3.1'), row('11.3.2'), row('11.3.2.1')];
const WITHOUT_SCAN = [row('11.3.1')];

describe('whether ASV scans are due follows the SAQ, not the level', () => {
  it.each<[string, AnswerRow[], boolean]>([
    ['an SAQ that asks 11.3.2 (A, A-EP, B-IP, C, D)', WITH_SCAN, true],
    ['an SAQ without 11.3.2 (B, C-VT, P2PE, SPoC)', WITHOUT_SCAN, false],
    ['11.3.2 present only as a placeholder', [row('11.3.2', true)], false],
  ])('%s: required %s', (_name, rows, required) => {
    const schedule = asvSchedule({ rows, lastPassingScan: null, today: day('2025-06-01') });
    expect(schedule.required).toBe(required);
  });

  it('11.3.2 marked Not Applicable needs no scan, with a caution', () => {
    const schedule = asvSchedule({
      rows: WITH_SCAN,
      answer: { response: 'not-applicable', payload: { notApplicableExplanation: 'x' } },
      lastPassingScan: null,
      today: day('2025-06-01'),
    });
    expect(schedule).toMatchObject({ required: false });
    expect(schedule.reason).toContain('Internet-facing');
  });
});

describe('quarterly due dates from the last passing scan', () => {
  it.each<[string, string, string, 'overdue' | 'up-to-date', string[]]>([
    [
      '2025-01-15',
      '2025-03-01',
      '2025-04-15',
      'up-to-date',
      ['2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15'],
    ],
    [
      '2025-01-15',
      '2025-04-15',
      '2025-04-15',
      'up-to-date',
      ['2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15'],
    ],
    [
      '2025-01-15',
      '2025-04-16',
      '2025-04-15',
      'overdue',
      ['2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15'],
    ],
    [
      '2025-11-30',
      '2026-01-10',
      '2026-02-28',
      'up-to-date',
      ['2026-02-28', '2026-05-30', '2026-08-30', '2026-11-30'],
    ],
  ])('last scan %s, today %s: next due %s (%s)', (last, today, nextDue, status, quarters) => {
    const schedule = asvSchedule({
      rows: WITH_SCAN,
      lastPassingScan: day(last),
      today: day(today),
    });
    expect(schedule).toMatchObject({ required: true, status, nextDue, quarters });
  });

  it('with no scan on record, one is due now', () => {
    const schedule = asvSchedule({
      rows: WITH_SCAN,
      lastPassingScan: null,
      today: day('2025-06-01'),
    });
    expect(schedule).toMatchObject({ required: true, status: 'no-scan', nextDue: null });
    expect(schedule.reason).toContain('due now');
  });
});
