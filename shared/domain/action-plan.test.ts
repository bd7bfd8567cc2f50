import { describe, expect, it } from 'vitest';
import {
  actionPlanLines,
  actionPlanProblems,
  actionPlanRequired,
  targetDateProblems,
} from './action-plan';
import type { AnswerRow } from './answer-rows';
import { parseCalendarDate, type CalendarDate } from './calendar-date';
import type { ComplianceStatus } from './outcome';

const COMPLETED = parseCalendarDate('2025-06-15') as CalendarDate;

describe('Part 3 target date for compliance', () => {
  it.each<[ComplianceStatus, string | null, string[]]>([
    ['compliant', null, []],
    ['compliant-with-legal-exception', null, []],
    ['non-compliant', null, ['A Non-Compliant result needs a Target Date for Compliance.']],
    ['non-compliant', '  ', ['A Non-Compliant result needs a Target Date for Compliance.']],
    ['non-compliant', '15/09/2025', ['Write the target date as YYYY-MM-DD.']],
    ['non-compliant', '2025-02-30', ['Write the target date as YYYY-MM-DD.']],
    ['non-compliant', '2025-06-14', ['The target date cannot be before the SAQ completion date.']],
    ['non-compliant', '2025-06-15', []],
    ['non-compliant', '2025-09-30', []],
  ])('%s with %s', (status, date, messages) => {
    expect(targetDateProblems(status, date, COMPLETED).map((problem) => problem.message)).toEqual(
      messages,
    );
  });
});

describe('Part 4 action plan', () => {
  const rows: AnswerRow[] = [
    { id: '8.2.1', requirementId: '8.2.1', principal: '8', placeholder: false },
    { id: '8.3.1', requirementId: '8.3.1', principal: '8', placeholder: false },
    { id: '11.3.2', requirementId: '11.3.2', principal: '11', placeholder: false },
    { id: '12.4.1', requirementId: '12.4.1', principal: '12', placeholder: true },
  ];

  it.each<[ComplianceStatus, boolean, boolean]>([
    ['non-compliant', true, true],
    ['non-compliant', false, false],
    ['compliant', true, false],
    ['compliant-with-legal-exception', true, false],
  ])('%s, acquirer asked %s: Part 4 %s', (status, asked, required) => {
    expect(actionPlanRequired(status, asked)).toBe(required);
  });

  it('derives one line per principal requirement the SAQ asks', () => {
    const lines = actionPlanLines(rows, {
      '8.2.1': { response: 'in-place' },
      '8.3.1': { response: 'not-in-place' },
      '11.3.2': { response: 'not-applicable', payload: { notApplicableExplanation: 'x' } },
    });
    expect(lines).toEqual([
      { principal: '8', label: 'Requirement 8', compliant: false, openRowIds: ['8.3.1'] },
      { principal: '11', label: 'Requirement 11', compliant: true, openRowIds: [] },
    ]);
  });

  it('asks a remediation date and actions for each "no", and nothing for a "yes"', () => {
    const lines = actionPlanLines(rows, { '8.2.1': { response: 'not-in-place' } });
    const problems = actionPlanProblems(lines, { '8': { remediationDate: '2025-13-01' } });
    expect(problems).toEqual([
      {
        field: '8.remediationDate',
        message: 'Requirement 8: write the remediation date as YYYY-MM-DD.',
      },
      { field: '8.actions', message: 'Requirement 8: describe the actions being taken.' },
      { field: '11.remediationDate', message: 'Requirement 11: give a remediation date.' },
      { field: '11.actions', message: 'Requirement 11: describe the actions being taken.' },
    ]);
  });

  it('accepts a complete plan and refuses a date before completion', () => {
    const lines = actionPlanLines(rows, {
      '8.2.1': { response: 'not-in-place' },
      '8.3.1': { response: 'in-place' },
      '11.3.2': { response: 'in-place' },
    });
    expect(
      actionPlanProblems(lines, {
        '8': { remediationDate: '2025-08-01', actions: 'Roll out MFA' },
      }),
    ).toEqual([]);
    expect(
      actionPlanProblems(
        lines,
        { '8': { remediationDate: '2025-01-01', actions: 'Roll out MFA' } },
        COMPLETED,
      ).map((problem) => problem.field),
    ).toEqual(['8.remediationDate']);
  });
});
