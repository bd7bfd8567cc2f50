import { answerableRows, type AnswerRow, type Answers } from './answer-rows';
import type { SaqType } from './responses';
import type { EcommerceIntegration, WebsiteHost } from './saq-recommendation';

/**
 * Checks an assessor makes first when reading an SAQ: answers that contradict
 * what the merchant said elsewhere (Part 2c, Part 2f, the eligibility
 * profile). They are warnings for the user to resolve, not outcome rules. The
 * N/A suggestions are only suggestions: the user confirms each one and writes
 * the Appendix C explanation.
 */

/** What the merchant said outside the questionnaire rows. */
export interface AssessmentFacts {
  /** AOC Part 2f lists at least one third-party service provider. */
  readonly serviceProvidersListed: boolean;
  /** AOC Part 2c: the environment uses segmentation to reduce scope. */
  readonly segmentationUsed: boolean | null;
  /** The merchant keeps paper records (receipts, order forms) with account data. */
  readonly keepsPaperRecords: boolean | null;
  /** How e-commerce customers reach the provider; undefined without an e-commerce channel. */
  readonly ecommerceIntegration?: EcommerceIntegration | null;
  readonly websiteHostedBy?: WebsiteHost | null;
}

export interface ConsistencyInput {
  readonly saq: SaqType;
  readonly rows: readonly AnswerRow[];
  readonly answers: Answers;
  readonly facts: AssessmentFacts;
}

export type ConsistencyCode =
  | 'service-provider-rows-not-applicable'
  | 'asv-scan-not-applicable-on-hosted-page'
  | 'segmentation-test-not-applicable'
  | 'paper-rows-answered-without-paper'
  | 'paper-rows-not-applicable-with-paper';

export interface ConsistencyFinding {
  readonly code: ConsistencyCode;
  readonly rowIds: readonly string[];
  readonly message: string;
}

/**
 * The rows that concern only paper records, per SAQ, from each SAQ's own
 * applicability notes. In SAQ D, Requirements 3 and 9.4 also cover electronic
 * media, so no row there is paper-only.
 */
export const PAPER_RECORD_REQUIREMENTS: Readonly<Partial<Record<SaqType, readonly string[]>>> = {
  A: ['3.1.1', '3.2.1', '9.4.1', '9.4.1.1', '9.4.2', '9.4.3', '9.4.4', '9.4.6'],
  'A-EP': ['3.1.1', '3.2.1', '3.3.1.2', '9.4.1', '9.4.1.1', '9.4.2', '9.4.3', '9.4.4', '9.4.6'],
};

/** Integrations in which a merchant web page redirects to, embeds or serves the payment form. */
const MERCHANT_PAGE_IN_PAYMENT: ReadonlySet<EcommerceIntegration> = new Set([
  'full-redirect',
  'embedded-form',
  'merchant-built-form',
  'merchant-receives-card-data',
]);

function merchantHostsPaymentPage(facts: AssessmentFacts): boolean {
  const integration = facts.ecommerceIntegration ?? null;
  return (
    facts.websiteHostedBy === 'merchant' &&
    integration !== null &&
    MERCHANT_PAGE_IN_PAYMENT.has(integration)
  );
}

function rowsAnswered(
  rows: readonly AnswerRow[],
  answers: Answers,
  matches: (requirementId: string) => boolean,
  answered: (response: string) => boolean,
): string[] {
  return answerableRows(rows)
    .filter((row) => matches(row.requirementId))
    .filter((row) => {
      const response = answers[row.id]?.response ?? null;
      return response !== null && answered(response);
    })
    .map((row) => row.id);
}

const isNotApplicable = (response: string): boolean => response === 'not-applicable';

export function consistencyFindings(input: ConsistencyInput): ConsistencyFinding[] {
  const { rows, answers, facts } = input;
  const findings: ConsistencyFinding[] = [];

  if (facts.serviceProvidersListed) {
    const rowIds = rowsAnswered(rows, answers, (id) => id.startsWith('12.8.'), isNotApplicable);
    if (rowIds.length > 0) {
      findings.push({
        code: 'service-provider-rows-not-applicable',
        rowIds,
        message:
          'You list service providers in Part 2f, yet mark requirements about managing service ' +
          'providers (12.8) Not Applicable. Requirement 12.8 applies to every provider you list.',
      });
    }
  }

  if (merchantHostsPaymentPage(facts)) {
    const rowIds = rowsAnswered(
      rows,
      answers,
      (id) => id === '11.3.2' || id === '11.3.2.1',
      isNotApplicable,
    );
    if (rowIds.length > 0) {
      findings.push({
        code: 'asv-scan-not-applicable-on-hosted-page',
        rowIds,
        message:
          'You host the web page that sends customers to your payment provider (or shows its ' +
          'form), yet mark external vulnerability scans (11.3.2) Not Applicable. That server is ' +
          'exposed to the Internet and needs quarterly ASV scans.',
      });
    }
  }

  if (facts.segmentationUsed === true) {
    const rowIds = rowsAnswered(rows, answers, (id) => id === '11.4.5', isNotApplicable);
    if (rowIds.length > 0) {
      findings.push({
        code: 'segmentation-test-not-applicable',
        rowIds,
        message:
          'You say in Part 2c that segmentation reduces your scope, yet mark segmentation ' +
          'testing (11.4.5) Not Applicable. Segmentation that reduces scope must be tested.',
      });
    }
  }

  const paperRows = PAPER_RECORD_REQUIREMENTS[input.saq] ?? [];
  const isPaperRow = (id: string): boolean => paperRows.includes(id);
  if (facts.keepsPaperRecords === false) {
    const rowIds = rowsAnswered(
      rows,
      answers,
      isPaperRow,
      (response) => !isNotApplicable(response),
    );
    if (rowIds.length > 0) {
      findings.push({
        code: 'paper-rows-answered-without-paper',
        rowIds,
        message:
          'You say you keep no paper records with account data, yet answer requirements about ' +
          'paper records as if they applied. Without paper records they are Not Applicable ' +
          '(with an explanation); otherwise correct your profile.',
      });
    }
  }
  if (facts.keepsPaperRecords === true) {
    const rowIds = rowsAnswered(rows, answers, isPaperRow, isNotApplicable);
    if (rowIds.length > 0) {
      findings.push({
        code: 'paper-rows-not-applicable-with-paper',
        rowIds,
        message:
          'You say you keep paper records with account data, yet mark requirements about paper ' +
          'records Not Applicable. They apply to those records.',
      });
    }
  }

  return findings;
}

export interface NotApplicableSuggestion {
  readonly rowId: string;
  readonly requirementId: string;
  /** Why it may not apply; a starting point for the Appendix C explanation, never a decision. */
  readonly reason: string;
}

/** SAQ A: Requirements 2, 6, 8 and 11 concern the merchant web server in the payment flow. */
const SAQ_A_WEBSITE_PRINCIPALS: ReadonlySet<string> = new Set(['2', '6', '8', '11']);

/**
 * Rows the profile suggests may be Not Applicable. Rows already answered N/A
 * are left out. The user confirms each suggestion and explains it.
 */
export function notApplicableSuggestions(input: ConsistencyInput): NotApplicableSuggestion[] {
  const { rows, answers, facts } = input;
  const suggestions: NotApplicableSuggestion[] = [];
  const open = answerableRows(rows).filter((row) => answers[row.id]?.response !== 'not-applicable');

  if (facts.keepsPaperRecords === false) {
    const paperRows = PAPER_RECORD_REQUIREMENTS[input.saq] ?? [];
    for (const row of open.filter((candidate) => paperRows.includes(candidate.requirementId))) {
      suggestions.push({
        rowId: row.id,
        requirementId: row.requirementId,
        reason: 'You keep no paper records with account data, and this concerns paper records.',
      });
    }
  }

  const noMerchantWebsite =
    facts.ecommerceIntegration === undefined || facts.ecommerceIntegration === 'payment-link-only';
  if (input.saq === 'A' && noMerchantWebsite) {
    for (const row of open.filter((candidate) =>
      SAQ_A_WEBSITE_PRINCIPALS.has(candidate.principal),
    )) {
      suggestions.push({
        rowId: row.id,
        requirementId: row.requirementId,
        reason:
          'No website of yours takes part in payment (fully outsourced), and in SAQ A this ' +
          'requirement concerns the web server that redirects to or embeds the payment page.',
      });
    }
  }

  if (input.saq === 'A-EP' && facts.ecommerceIntegration === 'full-redirect') {
    for (const row of open.filter((candidate) =>
      ['6.4.3', '11.6.1'].includes(candidate.requirementId),
    )) {
      suggestions.push({
        rowId: row.id,
        requirementId: row.requirementId,
        reason:
          'Your site sends customers to the provider by a full redirect; SAQ A-EP lets such a ' +
          'merchant mark payment-page script requirements Not Applicable.',
      });
    }
  }

  return suggestions;
}
