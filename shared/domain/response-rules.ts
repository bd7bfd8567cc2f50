import type { CcwWorksheet, RowAnswer } from './answer-rows';
import { RESPONSES, RESPONSE_LABELS, type Response, type SaqType } from './responses';
import { isSaqD } from './saq-catalog';

/**
 * What each response obliges the merchant to fill in, and a check that says,
 * for one answer, what is still missing. There is no per-row date in a v4.0.1
 * SAQ: dates belong to Part 3 (one target date) and Part 4 (action plan).
 */

export const CCW_FIELDS = [
  'constraints',
  'objective',
  'identifiedRisk',
  'definition',
  'validation',
  'maintenance',
] as const satisfies readonly (keyof CcwWorksheet)[];

export const CCW_FIELD_LABELS: Readonly<Record<keyof CcwWorksheet, string>> = {
  constraints: 'Constraints',
  objective: 'Objective',
  identifiedRisk: 'Identified risk',
  definition: 'Definition of the compensating controls',
  validation: 'Validation of the compensating controls',
  maintenance: 'Maintenance',
};

export interface ResponseObligation {
  readonly response: Response;
  /** The SAQ appendix the extra text goes to, if any. */
  readonly appendix: 'B' | 'C' | 'D' | null;
  /** Payload fields that must be filled, as dotted paths into ResponsePayload. */
  readonly requiredFields: readonly string[];
  /** Payload fields that may be filled. */
  readonly optionalFields: readonly string[];
  /** What the response means and obliges, in plain words. */
  readonly explanation: string;
}

export const RESPONSE_OBLIGATIONS: Readonly<Record<Response, ResponseObligation>> = {
  'in-place': {
    response: 'in-place',
    appendix: null,
    requiredFields: [],
    optionalFields: [],
    explanation: 'The expected testing was done and every element of the requirement is met.',
  },
  'in-place-ccw': {
    response: 'in-place-ccw',
    appendix: 'B',
    requiredFields: CCW_FIELDS.map((field) => `ccw.${field}`),
    optionalFields: [],
    explanation:
      'Met with a compensating control, allowed only where a documented technical or business ' +
      'constraint prevents meeting the requirement as written. Needs a Compensating Controls ' +
      'Worksheet (Appendix B).',
  },
  'not-applicable': {
    response: 'not-applicable',
    appendix: 'C',
    requiredFields: ['notApplicableExplanation'],
    optionalFields: [],
    explanation:
      'The requirement cannot apply to this environment (confirmed, not assumed). Needs an ' +
      'explanation for Appendix C.',
  },
  'not-tested': {
    response: 'not-tested',
    appendix: 'D',
    requiredFields: ['notTestedExplanation'],
    optionalFields: [],
    explanation:
      'SAQ D only: the requirement was deliberately left out of this assessment. Needs an ' +
      'explanation for Appendix D, and makes the assessment Partial.',
  },
  'not-in-place': {
    response: 'not-in-place',
    appendix: null,
    requiredFields: [],
    optionalFields: ['legalException.howLawPrevents'],
    explanation:
      'Some or all of the requirement is not met yet. The result becomes Non-Compliant, unless ' +
      'a law or regulation prevents meeting it (a legal exception, explained).',
  },
};

/** The responses an SAQ offers: "Not Tested" only in the SAQ D editions. */
export function allowedResponses(saq: SaqType): readonly Response[] {
  return isSaqD(saq) ? RESPONSES : RESPONSES.filter((response) => response !== 'not-tested');
}

export type AnswerProblemCode = 'unanswered' | 'not-allowed' | 'missing';

export interface AnswerProblem {
  readonly code: AnswerProblemCode;
  /** A dotted path into the answer: "response", "ccw.constraints", "notApplicableExplanation". */
  readonly field: string;
  readonly message: string;
}

const filled = (text: string | undefined): boolean => (text ?? '').trim() !== '';

/**
 * What is missing from one answer before it counts as complete. An empty list
 * means the row is done. `allowed` narrows the responses further where a row
 * definition offers fewer than the SAQ does.
 */
export function answerProblems(
  answer: RowAnswer | undefined,
  saq: SaqType,
  allowed: readonly Response[] = allowedResponses(saq),
): AnswerProblem[] {
  const response = answer?.response ?? null;
  if (response === null) {
    return [{ code: 'unanswered', field: 'response', message: 'Choose a response.' }];
  }

  const offered = allowedResponses(saq).filter((candidate) => allowed.includes(candidate));
  if (!offered.includes(response)) {
    return [
      {
        code: 'not-allowed',
        field: 'response',
        message:
          response === 'not-tested' && !isSaqD(saq)
            ? '"Not Tested" is offered only in SAQ D; every requirement of this SAQ must be tested.'
            : `"${RESPONSE_LABELS[response]}" is not offered for this row.`,
      },
    ];
  }

  const payload = answer?.payload ?? {};
  switch (response) {
    case 'in-place':
      return [];
    case 'in-place-ccw':
      return CCW_FIELDS.filter((field) => !filled(payload.ccw?.[field])).map((field) => ({
        code: 'missing',
        field: `ccw.${field}`,
        message: `Compensating Controls Worksheet: fill in "${CCW_FIELD_LABELS[field]}".`,
      }));
    case 'not-applicable':
      return filled(payload.notApplicableExplanation)
        ? []
        : [
            {
              code: 'missing',
              field: 'notApplicableExplanation',
              message: 'Explain why this requirement does not apply (Appendix C).',
            },
          ];
    case 'not-tested':
      return filled(payload.notTestedExplanation)
        ? []
        : [
            {
              code: 'missing',
              field: 'notTestedExplanation',
              message: 'Explain why this requirement was left out of the assessment (Appendix D).',
            },
          ];
    case 'not-in-place':
      return payload.legalException === undefined || filled(payload.legalException.howLawPrevents)
        ? []
        : [
            {
              code: 'missing',
              field: 'legalException.howLawPrevents',
              message: 'Say which law or regulation prevents meeting this requirement, and how.',
            },
          ];
  }
}

/** Whether a Not in Place answer is claimed and explained as a legal exception. */
export function isLegalException(answer: RowAnswer | undefined): boolean {
  return (
    answer?.response === 'not-in-place' && filled(answer.payload?.legalException?.howLawPrevents)
  );
}
