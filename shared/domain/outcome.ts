import {
  PRINCIPALS,
  PRINCIPAL_LABELS,
  answerableRows,
  type AnswerRow,
  type Answers,
  type Principal,
} from './answer-rows';
import { answerProblems, isLegalException } from './response-rules';
import { RESPONSES, type Response, type SaqType } from './responses';
import { SAQ_TYPE_LABELS, hasEligibilityStatements, isSaqD } from './saq-catalog';

/**
 * The compliance status of AOC Part 3, as a truth table (docs/rules.md,
 * "Outcome"), checked in this order:
 *
 * | any row unanswered or incomplete          | Non-Compliant                      |
 * | any Part 2h statement unconfirmed         | Non-Compliant                      |
 * | any Not in Place without legal exception  | Non-Compliant                      |
 * | some Not in Place, all legal exceptions   | Compliant but with Legal exception |
 * | otherwise (In Place, CCW, N/A, Not Tested)| Compliant                          |
 *
 * SAQ D adds Full (nothing Not Tested) or Partial (something Not Tested);
 * Partial does not stop a Compliant result.
 */

export type ComplianceStatus = 'compliant' | 'non-compliant' | 'compliant-with-legal-exception';

export const COMPLIANCE_STATUS_LABELS: Readonly<Record<ComplianceStatus, string>> = {
  compliant: 'Compliant',
  'non-compliant': 'Non-Compliant',
  'compliant-with-legal-exception': 'Compliant but with Legal exception',
};

export type AssessmentScope = 'full' | 'partial';

/** One Part 2h eligibility statement of the chosen SAQ and whether the merchant ticked it. */
export interface EligibilityConfirmation {
  readonly id: string;
  readonly confirmed: boolean;
}

/** Part 2h as the outcome reads it: each statement of the SAQ, ticked or not. */
export function eligibilityConfirmations(
  statements: readonly { readonly id: string }[],
  confirmedIds: ReadonlySet<string>,
): EligibilityConfirmation[] {
  return statements.map((statement) => ({
    id: statement.id,
    confirmed: confirmedIds.has(statement.id),
  }));
}

export interface OutcomeInput {
  readonly saq: SaqType;
  readonly rows: readonly AnswerRow[];
  readonly answers: Answers;
  /** Every Part 2h statement of the SAQ in use (none for SAQ D). */
  readonly eligibility: readonly EligibilityConfirmation[];
}

export interface Outcome {
  readonly status: ComplianceStatus;
  /** SAQ D only: Full or Partial; null for every other SAQ. */
  readonly scope: AssessmentScope | null;
  readonly unansweredRowIds: readonly string[];
  /** Answered, but something the response obliges is missing. */
  readonly incompleteRowIds: readonly string[];
  readonly unconfirmedStatementIds: readonly string[];
  /** Part 2h lists no statement at all although the SAQ has them. */
  readonly eligibilityMissing: boolean;
  readonly notInPlaceRowIds: readonly string[];
  readonly legalExceptionRowIds: readonly string[];
  readonly notTestedRowIds: readonly string[];
  /** Non-Compliant needs one Target Date for Compliance in Part 3. */
  readonly targetDateRequired: boolean;
  /** Why, in plain words, most decisive first. */
  readonly reasons: readonly string[];
}

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;

export function assessOutcome(input: OutcomeInput): Outcome {
  const rows = answerableRows(input.rows);
  const unanswered: string[] = [];
  const incomplete: string[] = [];
  const notInPlace: string[] = [];
  const legal: string[] = [];
  const notTested: string[] = [];

  for (const row of rows) {
    const answer = input.answers[row.id];
    const problems = answerProblems(answer, input.saq);

    if (problems.some((problem) => problem.code === 'unanswered')) {
      unanswered.push(row.id);
      continue;
    }
    if (problems.length > 0) incomplete.push(row.id);
    if (answer?.response === 'not-in-place') {
      notInPlace.push(row.id);
      if (isLegalException(answer)) legal.push(row.id);
    }
    if (answer?.response === 'not-tested') notTested.push(row.id);
  }

  const unconfirmed = input.eligibility
    .filter((statement) => !statement.confirmed)
    .map((statement) => statement.id);
  const eligibilityMissing = hasEligibilityStatements(input.saq) && input.eligibility.length === 0;
  const scope: AssessmentScope | null = isSaqD(input.saq)
    ? notTested.length > 0
      ? 'partial'
      : 'full'
    : null;

  const reasons: string[] = [];
  if (rows.length === 0) reasons.push('The questionnaire has no rows to answer.');
  if (unanswered.length > 0) {
    reasons.push(`${plural(unanswered.length, 'row is', 'rows are')} not answered yet.`);
  }
  if (incomplete.length > 0) {
    reasons.push(
      `${plural(incomplete.length, 'answer misses', 'answers miss')} something its response ` +
        'requires (worksheet, explanation).',
    );
  }
  if (eligibilityMissing) {
    reasons.push(`The eligibility statements of ${SAQ_TYPE_LABELS[input.saq]} are not filled in.`);
  }
  if (unconfirmed.length > 0) {
    reasons.push(
      `${plural(unconfirmed.length, 'eligibility statement is', 'eligibility statements are')} ` +
        `not confirmed: without them ${SAQ_TYPE_LABELS[input.saq]} cannot support a Compliant ` +
        'attestation.',
    );
  }
  const plainNotInPlace = notInPlace.length - legal.length;
  if (plainNotInPlace > 0) {
    reasons.push(`${plural(plainNotInPlace, 'requirement is', 'requirements are')} Not in Place.`);
  }

  const blocked =
    rows.length === 0 ||
    unanswered.length > 0 ||
    incomplete.length > 0 ||
    eligibilityMissing ||
    unconfirmed.length > 0 ||
    plainNotInPlace > 0;

  let status: ComplianceStatus;
  if (blocked) {
    status = 'non-compliant';
  } else if (legal.length > 0) {
    status = 'compliant-with-legal-exception';
    reasons.push(
      `Every Not in Place requirement (${legal.length}) is a legal exception; the receiving ` +
        'acquirer or brand reviews these separately.',
    );
  } else {
    status = 'compliant';
    reasons.push(
      'Every requirement is In Place, In Place with CCW' +
        (isSaqD(input.saq) ? ', Not Applicable or Not Tested.' : ' or Not Applicable.'),
    );
  }
  if (scope === 'partial') {
    reasons.push(
      `${plural(notTested.length, 'requirement was', 'requirements were')} Not Tested, so ` +
        'Part 3 declares a Partial assessment.',
    );
  }

  return {
    status,
    scope,
    unansweredRowIds: unanswered,
    incompleteRowIds: incomplete,
    unconfirmedStatementIds: unconfirmed,
    eligibilityMissing,
    notInPlaceRowIds: notInPlace,
    legalExceptionRowIds: legal,
    notTestedRowIds: notTested,
    targetDateRequired: status === 'non-compliant',
    reasons,
  };
}

export interface Part2gLine {
  readonly principal: Principal;
  readonly label: string;
  /** Which response types were used for at least one row of this principal. */
  readonly used: Readonly<Record<Response, boolean>>;
}

/** The response columns Part 2g shows for an SAQ: Not Tested only in SAQ D. */
export function part2gColumns(saq: SaqType): readonly Response[] {
  return isSaqD(saq) ? RESPONSES : RESPONSES.filter((response) => response !== 'not-tested');
}

/**
 * AOC Part 2g: per principal requirement the SAQ asks (and Appendix A2 where
 * the SAQ asks an A2 row), which response types were used.
 */
export function part2gSummary(rows: readonly AnswerRow[], answers: Answers): Part2gLine[] {
  const asked = answerableRows(rows);

  return PRINCIPALS.filter((principal) => asked.some((row) => row.principal === principal)).map(
    (principal) => {
      const used = Object.fromEntries(RESPONSES.map((response) => [response, false])) as Record<
        Response,
        boolean
      >;
      for (const row of asked) {
        const response = answers[row.id]?.response ?? null;
        if (row.principal === principal && response !== null) used[response] = true;
      }
      return { principal, label: PRINCIPAL_LABELS[principal], used };
    },
  );
}
