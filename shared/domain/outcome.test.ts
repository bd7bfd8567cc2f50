import { describe, expect, it } from 'vitest';
import type { AnswerRow, Answers, RowAnswer } from './answer-rows';
import {
  assessOutcome,
  eligibilityConfirmations,
  part2gColumns,
  part2gSummary,
  type AssessmentScope,
  type ComplianceStatus,
  type EligibilityConfirmation,
} from './outcome';
import type { Response, SaqType } from './responses';

const ROWS: AnswerRow[] = [
  { id: '2.2.2', requirementId: '2.2.2', principal: '2', placeholder: false },
  { id: '9.4.1', requirementId: '9.4.1', principal: '9', placeholder: false },
  { id: '12.8.1', requirementId: '12.8.1', principal: '12', placeholder: false },
  { id: '12.4.1', requirementId: '12.4.1', principal: '12', placeholder: true },
];

const EXPLAINED: Record<Response, RowAnswer> = {
  'in-place': { response: 'in-place' },
  'in-place-ccw': {
    response: 'in-place-ccw',
    payload: {
      ccw: {
        constraints: 'c',
        objective: 'o',
        identifiedRisk: 'r',
        definition: 'd',
        validation: 'v',
        maintenance: 'm',
      },
    },
  },
  'not-applicable': { response: 'not-applicable', payload: { notApplicableExplanation: 'why' } },
  'not-tested': { response: 'not-tested', payload: { notTestedExplanation: 'why' } },
  'not-in-place': { response: 'not-in-place' },
};
const LEGAL: RowAnswer = {
  response: 'not-in-place',
  payload: { legalException: { howLawPrevents: 'A national law forbids it.' } },
};
const NA_UNEXPLAINED: RowAnswer = { response: 'not-applicable' };

type Cell = Response | 'legal' | 'na-unexplained' | 'unanswered';

function answersOf(cells: readonly Cell[]): Answers {
  const answers: Record<string, RowAnswer> = {};
  cells.forEach((cell, index) => {
    const row = ROWS[index]!;
    if (cell === 'unanswered') return;
    answers[row.id] =
      cell === 'legal' ? LEGAL : cell === 'na-unexplained' ? NA_UNEXPLAINED : EXPLAINED[cell];
  });
  return answers;
}

const CONFIRMED: EligibilityConfirmation[] = [
  { id: 'a-1', confirmed: true },
  { id: 'a-2', confirmed: true },
];
const ONE_UNCONFIRMED: EligibilityConfirmation[] = [
  { id: 'a-1', confirmed: true },
  { id: 'a-2', confirmed: false },
];

/** The truth table of docs/rules.md ("Outcome"), row by row. */
describe('outcome truth table', () => {
  it.each<
    [string, SaqType, Cell[], EligibilityConfirmation[], ComplianceStatus, AssessmentScope | null]
  >([
    ['all In Place', 'A', ['in-place', 'in-place', 'in-place'], CONFIRMED, 'compliant', null],
    [
      'CCW counts as compliant',
      'A',
      ['in-place-ccw', 'in-place', 'in-place'],
      CONFIRMED,
      'compliant',
      null,
    ],
    [
      'explained N/A counts as compliant',
      'A',
      ['not-applicable', 'in-place', 'in-place'],
      CONFIRMED,
      'compliant',
      null,
    ],
    [
      'one row unanswered',
      'A',
      ['in-place', 'unanswered', 'in-place'],
      CONFIRMED,
      'non-compliant',
      null,
    ],
    [
      'N/A without explanation is incomplete',
      'A',
      ['na-unexplained', 'in-place', 'in-place'],
      CONFIRMED,
      'non-compliant',
      null,
    ],
    [
      'one Part 2h statement unconfirmed',
      'A',
      ['in-place', 'in-place', 'in-place'],
      ONE_UNCONFIRMED,
      'non-compliant',
      null,
    ],
    ['Part 2h left empty', 'A', ['in-place', 'in-place', 'in-place'], [], 'non-compliant', null],
    [
      'one Not in Place',
      'A',
      ['not-in-place', 'in-place', 'in-place'],
      CONFIRMED,
      'non-compliant',
      null,
    ],
    [
      'all Not in Place are legal exceptions',
      'A',
      ['legal', 'in-place', 'legal'],
      CONFIRMED,
      'compliant-with-legal-exception',
      null,
    ],
    [
      'a legal exception beside a plain Not in Place',
      'A',
      ['legal', 'not-in-place', 'in-place'],
      CONFIRMED,
      'non-compliant',
      null,
    ],
    [
      'a legal exception, but a statement unconfirmed',
      'A',
      ['legal', 'in-place', 'in-place'],
      ONE_UNCONFIRMED,
      'non-compliant',
      null,
    ],
    [
      'Not Tested outside SAQ D is not allowed',
      'A',
      ['not-tested', 'in-place', 'in-place'],
      CONFIRMED,
      'non-compliant',
      null,
    ],
    [
      'SAQ D, all In Place: Full',
      'D-Merchant',
      ['in-place', 'in-place', 'in-place'],
      [],
      'compliant',
      'full',
    ],
    [
      'SAQ D, Not Tested: Partial and still Compliant',
      'D-Merchant',
      ['not-tested', 'in-place', 'not-applicable'],
      [],
      'compliant',
      'partial',
    ],
    [
      'SAQ D, Partial with a Not in Place',
      'D-Merchant',
      ['not-tested', 'not-in-place', 'in-place'],
      [],
      'non-compliant',
      'partial',
    ],
    [
      'SAQ D, Partial with a legal exception',
      'D-Merchant',
      ['not-tested', 'legal', 'in-place'],
      [],
      'compliant-with-legal-exception',
      'partial',
    ],
  ])('%s', (_name, saq, cells, eligibility, status, scope) => {
    const outcome = assessOutcome({ saq, rows: ROWS, answers: answersOf(cells), eligibility });
    expect(outcome.status).toBe(status);
    expect(outcome.scope).toBe(scope);
    expect(outcome.targetDateRequired).toBe(status === 'non-compliant');
    expect(outcome.reasons.length).toBeGreaterThan(0);
  });

  it('never counts the placeholder row, answered or not', () => {
    const outcome = assessOutcome({
      saq: 'A',
      rows: ROWS,
      answers: {
        ...answersOf(['in-place', 'in-place', 'in-place']),
        '12.4.1': { response: 'not-in-place' },
      },
      eligibility: CONFIRMED,
    });
    expect(outcome.status).toBe('compliant');
    expect(outcome.notInPlaceRowIds).toEqual([]);
  });

  it('names the rows and statements behind a Non-Compliant result', () => {
    const outcome = assessOutcome({
      saq: 'A',
      rows: ROWS,
      answers: answersOf(['not-in-place', 'unanswered', 'na-unexplained']),
      eligibility: ONE_UNCONFIRMED,
    });
    expect(outcome).toMatchObject({
      unansweredRowIds: ['9.4.1'],
      incompleteRowIds: ['12.8.1'],
      notInPlaceRowIds: ['2.2.2'],
      unconfirmedStatementIds: ['a-2'],
    });
    expect(outcome.reasons).toEqual([
      '1 row is not answered yet.',
      '1 answer misses something its response requires (worksheet, explanation).',
      '1 eligibility statement is not confirmed: without them SAQ A cannot support a ' +
        'Compliant attestation.',
      '1 requirement is Not in Place.',
    ]);
  });

  it('an empty questionnaire is never Compliant', () => {
    expect(
      assessOutcome({ saq: 'D-Merchant', rows: [], answers: {}, eligibility: [] }).status,
    ).toBe('non-compliant');
  });
});

describe('Part 2g summary', () => {
  it('ticks each response type used per principal, leaving out unasked principals', () => {
    const lines = part2gSummary(ROWS, answersOf(['in-place-ccw', 'not-applicable', 'in-place']));
    expect(lines.map((line) => line.principal)).toEqual(['2', '9', '12']);
    expect(lines[0]?.used).toEqual({
      'in-place': false,
      'in-place-ccw': true,
      'not-applicable': false,
      'not-tested': false,
      'not-in-place': false,
    });
    expect(lines[2]?.used['in-place']).toBe(true);
  });

  it('adds the Appendix A2 line where the SAQ asks an A2 row', () => {
    const rows: AnswerRow[] = [
      ...ROWS,
      { id: 'A2.1.1', requirementId: 'A2.1.1', principal: 'A2', placeholder: false },
      { id: 'A2.1.2', requirementId: 'A2.1.2', principal: 'A2', placeholder: true },
    ];
    const lines = part2gSummary(rows, { 'A2.1.1': { response: 'not-applicable' } });
    expect(lines.at(-1)).toMatchObject({ principal: 'A2', label: 'Appendix A2' });
    expect(lines.at(-1)?.used['not-applicable']).toBe(true);
    expect(part2gSummary(ROWS, {}).some((line) => line.principal === 'A2')).toBe(false);
  });

  it('shows the Not Tested column only for SAQ D', () => {
    expect(part2gColumns('A')).not.toContain('not-tested');
    expect(part2gColumns('D-Merchant')).toContain('not-tested');
  });
});

describe('eligibilityConfirmations', () => {
  it('lists every statement of the SAQ, ticked or not', () => {
    expect(
      eligibilityConfirmations([{ id: 'a-1' }, { id: 'a-2' }, { id: 'a-3' }], new Set(['a-2'])),
    ).toEqual([
      { id: 'a-1', confirmed: false },
      { id: 'a-2', confirmed: true },
      { id: 'a-3', confirmed: false },
    ]);
  });
});
