import { describe, expect, it } from 'vitest';
import { principalOf, type AnswerRow, type Answers, type RowAnswer } from './answer-rows';
import {
  consistencyFindings,
  notApplicableSuggestions,
  type AssessmentFacts,
  type ConsistencyCode,
} from './consistency';
import type { SaqType } from './responses';

const row = (id: string, placeholder = false): AnswerRow => ({
  id,
  requirementId: id,
  principal: principalOf(id)!,
  placeholder,
});

const SAQ_A_ROWS = [
  '2.2.2',
  '3.1.1',
  '6.3.1',
  '8.2.1',
  '9.4.1',
  '11.3.2',
  '12.8.1',
  '12.8.2',
  '12.10.1',
].map((id) => row(id));
const SAQ_AEP_ROWS = ['6.4.3', '9.4.1', '11.3.2', '11.4.5', '11.6.1', '12.8.1'].map((id) =>
  row(id),
);

const NA: RowAnswer = { response: 'not-applicable', payload: { notApplicableExplanation: 'x' } };
const IN_PLACE: RowAnswer = { response: 'in-place' };

const BASE_FACTS: AssessmentFacts = {
  serviceProvidersListed: false,
  segmentationUsed: false,
  keepsPaperRecords: null,
};

function codes(saq: SaqType, rows: AnswerRow[], answers: Answers, facts: Partial<AssessmentFacts>) {
  return consistencyFindings({ saq, rows, answers, facts: { ...BASE_FACTS, ...facts } }).map(
    (finding) => [finding.code, finding.rowIds] as [ConsistencyCode, readonly string[]],
  );
}

describe('consistency checks', () => {
  it.each<
    [string, SaqType, AnswerRow[], Answers, Partial<AssessmentFacts>, [ConsistencyCode, string[]][]]
  >([
    [
      '12.8.x N/A while Part 2f lists providers',
      'A',
      SAQ_A_ROWS,
      { '12.8.1': NA, '12.8.2': IN_PLACE },
      { serviceProvidersListed: true },
      [['service-provider-rows-not-applicable', ['12.8.1']]],
    ],
    ['12.8.x N/A without providers listed', 'A', SAQ_A_ROWS, { '12.8.1': NA }, {}, []],
    [
      '11.3.2 N/A while the merchant hosts the redirecting page',
      'A',
      SAQ_A_ROWS,
      { '11.3.2': NA },
      { ecommerceIntegration: 'full-redirect', websiteHostedBy: 'merchant' },
      [['asv-scan-not-applicable-on-hosted-page', ['11.3.2']]],
    ],
    [
      '11.3.2 N/A while the merchant hosts the embedding page',
      'A',
      SAQ_A_ROWS,
      { '11.3.2': NA },
      { ecommerceIntegration: 'embedded-form', websiteHostedBy: 'merchant' },
      [['asv-scan-not-applicable-on-hosted-page', ['11.3.2']]],
    ],
    [
      '11.3.2 N/A with payment links only',
      'A',
      SAQ_A_ROWS,
      { '11.3.2': NA },
      { ecommerceIntegration: 'payment-link-only', websiteHostedBy: 'merchant' },
      [],
    ],
    [
      '11.3.2 N/A with a provider hosting the site',
      'A',
      SAQ_A_ROWS,
      { '11.3.2': NA },
      { ecommerceIntegration: 'full-redirect', websiteHostedBy: 'compliant-provider' },
      [],
    ],
    [
      'segmentation declared while 11.4.5 N/A',
      'A-EP',
      SAQ_AEP_ROWS,
      { '11.4.5': NA },
      { segmentationUsed: true },
      [['segmentation-test-not-applicable', ['11.4.5']]],
    ],
    ['no segmentation and 11.4.5 N/A', 'A-EP', SAQ_AEP_ROWS, { '11.4.5': NA }, {}, []],
    [
      'segmentation declared, 11.4.5 not asked by the SAQ',
      'A',
      SAQ_A_ROWS,
      {},
      { segmentationUsed: true },
      [],
    ],
    [
      'paper rows In Place although no paper is kept',
      'A',
      SAQ_A_ROWS,
      { '3.1.1': IN_PLACE, '9.4.1': NA, '2.2.2': IN_PLACE },
      { keepsPaperRecords: false },
      [['paper-rows-answered-without-paper', ['3.1.1']]],
    ],
    [
      'paper rows N/A although paper is kept',
      'A',
      SAQ_A_ROWS,
      { '3.1.1': NA, '9.4.1': NA },
      { keepsPaperRecords: true },
      [['paper-rows-not-applicable-with-paper', ['3.1.1', '9.4.1']]],
    ],
    [
      'SAQ D has no paper-only rows',
      'D-Merchant',
      SAQ_A_ROWS,
      { '3.1.1': NA, '9.4.1': NA },
      { keepsPaperRecords: true },
      [],
    ],
  ])('%s', (_name, saq, rows, answers, facts, expected) => {
    expect(codes(saq, rows, answers, facts)).toEqual(expected);
  });

  it('explains each finding in words the merchant can act on', () => {
    const [finding] = consistencyFindings({
      saq: 'A',
      rows: SAQ_A_ROWS,
      answers: { '12.8.2': NA },
      facts: { ...BASE_FACTS, serviceProvidersListed: true },
    });
    expect(finding?.message).toContain('Part 2f');
  });
});

describe('N/A suggestions from the profile', () => {
  function suggested(
    saq: SaqType,
    rows: AnswerRow[],
    facts: Partial<AssessmentFacts>,
    answers: Answers = {},
  ) {
    return notApplicableSuggestions({ saq, rows, answers, facts: { ...BASE_FACTS, ...facts } }).map(
      (suggestion) => suggestion.rowId,
    );
  }

  it.each<[string, SaqType, AnswerRow[], Partial<AssessmentFacts>, string[]]>([
    [
      'no paper: SAQ A paper rows',
      'A',
      SAQ_A_ROWS,
      { keepsPaperRecords: false, ecommerceIntegration: 'full-redirect' },
      ['3.1.1', '9.4.1'],
    ],
    [
      'paper kept: nothing',
      'A',
      SAQ_A_ROWS,
      { keepsPaperRecords: true, ecommerceIntegration: 'full-redirect' },
      [],
    ],
    [
      'SAQ A without any merchant website: Requirements 2, 6, 8, 11',
      'A',
      SAQ_A_ROWS,
      { keepsPaperRecords: true },
      ['2.2.2', '6.3.1', '8.2.1', '11.3.2'],
    ],
    [
      'SAQ A with payment links only: the same',
      'A',
      SAQ_A_ROWS,
      { keepsPaperRecords: true, ecommerceIntegration: 'payment-link-only' },
      ['2.2.2', '6.3.1', '8.2.1', '11.3.2'],
    ],
    [
      'SAQ A-EP on a full redirect: 6.4.3 and 11.6.1',
      'A-EP',
      SAQ_AEP_ROWS,
      { ecommerceIntegration: 'full-redirect' },
      ['6.4.3', '11.6.1'],
    ],
    [
      'SAQ A-EP with a merchant-built form: nothing',
      'A-EP',
      SAQ_AEP_ROWS,
      { ecommerceIntegration: 'merchant-built-form' },
      [],
    ],
  ])('%s', (_name, saq, rows, facts, expected) => {
    expect(suggested(saq, rows, facts)).toEqual(expected);
  });

  it('leaves out rows already answered N/A', () => {
    expect(
      suggested(
        'A',
        SAQ_A_ROWS,
        { keepsPaperRecords: false, ecommerceIntegration: 'full-redirect' },
        { '3.1.1': NA },
      ),
    ).toEqual(['9.4.1']);
  });
});
