import { describe, expect, it } from 'vitest';
import type { CcwWorksheet, RowAnswer } from './answer-rows';
import {
  CCW_FIELDS,
  RESPONSE_OBLIGATIONS,
  allowedResponses,
  answerProblems,
  isLegalException,
} from './response-rules';
import { RESPONSES, type SaqType } from './responses';

const FULL_CCW: CcwWorksheet = {
  constraints: 'Legacy terminal firmware cannot be patched by the merchant.',
  objective: 'Keep known vulnerabilities from being exploited.',
  identifiedRisk: 'An unpatched terminal could be attacked over the network.',
  definition: 'The terminal sits on an isolated network segment with no inbound access.',
  validation: 'Segmentation test run on 2025-02-01 showed no path from other networks.',
  maintenance: 'Firewall rules reviewed every six months.',
};

describe('allowedResponses', () => {
  it.each<[SaqType, boolean]>([
    ['A', false],
    ['A-EP', false],
    ['B', false],
    ['D-Merchant', true],
    ['D-ServiceProvider', true],
  ])('%s offers Not Tested: %s', (saq, offered) => {
    expect(allowedResponses(saq).includes('not-tested')).toBe(offered);
    expect(allowedResponses(saq)).toContain('in-place-ccw');
  });
});

describe('answerProblems: what one answer still misses', () => {
  it.each<[string, RowAnswer | undefined, SaqType, string[]]>([
    ['no answer at all', undefined, 'A', ['unanswered:response']],
    ['a null response', { response: null }, 'A', ['unanswered:response']],
    ['In Place', { response: 'in-place' }, 'A', []],
    [
      'N/A without explanation',
      { response: 'not-applicable' },
      'A',
      ['missing:notApplicableExplanation'],
    ],
    [
      'N/A with only spaces',
      { response: 'not-applicable', payload: { notApplicableExplanation: '   ' } },
      'A',
      ['missing:notApplicableExplanation'],
    ],
    [
      'N/A explained',
      {
        response: 'not-applicable',
        payload: { notApplicableExplanation: 'No paper records kept.' },
      },
      'A',
      [],
    ],
    [
      'Not Tested in SAQ A',
      { response: 'not-tested', payload: { notTestedExplanation: 'x' } },
      'A',
      ['not-allowed:response'],
    ],
    [
      'Not Tested in SAQ D without explanation',
      { response: 'not-tested' },
      'D-Merchant',
      ['missing:notTestedExplanation'],
    ],
    [
      'Not Tested in SAQ D explained',
      {
        response: 'not-tested',
        payload: { notTestedExplanation: 'Acquirer asked for milestone 1 only.' },
      },
      'D-Merchant',
      [],
    ],
    ['Not in Place, no legal exception', { response: 'not-in-place' }, 'A', []],
    [
      'Not in Place, legal exception claimed but empty',
      { response: 'not-in-place', payload: { legalException: { howLawPrevents: '' } } },
      'A',
      ['missing:legalException.howLawPrevents'],
    ],
    [
      'Not in Place, legal exception explained',
      {
        response: 'not-in-place',
        payload: { legalException: { howLawPrevents: 'Statute X bars it.' } },
      },
      'A',
      [],
    ],
    [
      'CCW with full worksheet',
      { response: 'in-place-ccw', payload: { ccw: FULL_CCW } },
      'A-EP',
      [],
    ],
    [
      'CCW without worksheet',
      { response: 'in-place-ccw' },
      'A-EP',
      CCW_FIELDS.map((field) => `missing:ccw.${field}`),
    ],
    [
      'CCW missing the maintenance part',
      { response: 'in-place-ccw', payload: { ccw: { ...FULL_CCW, maintenance: '' } } },
      'A-EP',
      ['missing:ccw.maintenance'],
    ],
  ])('%s', (_name, answer, saq, expected) => {
    const problems = answerProblems(answer, saq);
    expect(problems.map((problem) => `${problem.code}:${problem.field}`)).toEqual(expected);
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(10);
  });

  it('explains why Not Tested is refused outside SAQ D', () => {
    const [problem] = answerProblems({ response: 'not-tested' }, 'A');
    expect(problem?.message).toContain('only in SAQ D');
  });

  it('honours a row that offers fewer responses than its SAQ', () => {
    const problems = answerProblems({ response: 'not-applicable' }, 'A', [
      'in-place',
      'not-in-place',
    ]);
    expect(problems[0]?.code).toBe('not-allowed');
  });
});

describe('RESPONSE_OBLIGATIONS', () => {
  it('names the appendix and fields per response, with no date anywhere', () => {
    expect(RESPONSE_OBLIGATIONS['in-place-ccw'].appendix).toBe('B');
    expect(RESPONSE_OBLIGATIONS['in-place-ccw'].requiredFields).toHaveLength(6);
    expect(RESPONSE_OBLIGATIONS['not-applicable'].appendix).toBe('C');
    expect(RESPONSE_OBLIGATIONS['not-tested'].appendix).toBe('D');
    expect(RESPONSE_OBLIGATIONS['not-in-place'].optionalFields).toEqual([
      'legalException.howLawPrevents',
    ]);
    for (const response of RESPONSES) {
      const fields = [
        ...RESPONSE_OBLIGATIONS[response].requiredFields,
        ...RESPONSE_OBLIGATIONS[response].optionalFields,
      ];
      expect(fields.some((field) => /date/i.test(field))).toBe(false);
    }
  });
});

describe('isLegalException', () => {
  it.each<[RowAnswer, boolean]>([
    [{ response: 'not-in-place', payload: { legalException: { howLawPrevents: 'Law Y.' } } }, true],
    [{ response: 'not-in-place', payload: { legalException: { howLawPrevents: ' ' } } }, false],
    [{ response: 'not-in-place' }, false],
    [{ response: 'in-place', payload: { legalException: { howLawPrevents: 'Law Y.' } } }, false],
  ])('%j -> %s', (answer, expected) => {
    expect(isLegalException(answer)).toBe(expected);
  });
});
