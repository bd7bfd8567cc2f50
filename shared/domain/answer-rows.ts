import type { Response } from './responses';

/**
 * The smallest shape of a questionnaire and its answers that the rules need.
 * These are structural types on purpose: the questionnaire model (and the
 * stored assessment) satisfy them without the rules importing either.
 */

export const PRINCIPALS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  'A2',
] as const;

/** A principal requirement (1 to 12) or Appendix A2, as listed in AOC Part 2g and Part 4. */
export type Principal = (typeof PRINCIPALS)[number];

export const PRINCIPAL_LABELS: Readonly<Record<Principal, string>> = {
  ...(Object.fromEntries(
    PRINCIPALS.filter((principal) => principal !== 'A2').map((principal) => [
      principal,
      `Requirement ${principal}`,
    ]),
  ) as Record<Exclude<Principal, 'A2'>, string>),
  A2: 'Appendix A2',
};

/** The principal a requirement ID belongs to: "12.8.1" -> "12", "A2.1.1" -> "A2". */
export function principalOf(requirementId: string): Principal | null {
  const head = requirementId.split('.')[0] ?? '';
  return (PRINCIPALS as readonly string[]).includes(head) ? (head as Principal) : null;
}

/** One answer row of an SAQ: a requirement, or one bullet of it where the SAQ asks per bullet. */
export interface AnswerRow {
  readonly id: string;
  readonly requirementId: string;
  readonly principal: Principal;
  /** Shown in the SAQ without response boxes; never answered and never counted. */
  readonly placeholder: boolean;
}

/** The Compensating Controls Worksheet (SAQ Appendix B), one per row answered with CCW. */
export interface CcwWorksheet {
  /** The legitimate technical or business constraint that prevents meeting the requirement. */
  readonly constraints: string;
  /** The original control's objective, and the objective the compensating control meets. */
  readonly objective: string;
  /** The extra risk from not having the original control. */
  readonly identifiedRisk: string;
  /** The compensating controls and how they meet the objective and cover the extra risk. */
  readonly definition: string;
  /** How the compensating controls were validated and tested. */
  readonly validation: string;
  /** How the compensating controls are maintained. */
  readonly maintenance: string;
}

/** What a response carries besides itself. Only the part that matches the response is used. */
export interface ResponsePayload {
  readonly ccw?: Partial<CcwWorksheet>;
  /** Appendix C: why the requirement cannot apply here. */
  readonly notApplicableExplanation?: string;
  /** Appendix D (SAQ D only): why the requirement was left out of the assessment. */
  readonly notTestedExplanation?: string;
  /**
   * Present when a Not in Place row is claimed as a legal exception: a law or
   * regulation (not a contract or legal advice) prevents meeting it.
   */
  readonly legalException?: { readonly howLawPrevents: string };
}

export interface RowAnswer {
  readonly response: Response | null;
  readonly payload?: ResponsePayload;
}

/** Answers by row id; a missing entry is an unanswered row. */
export type Answers = Readonly<Record<string, RowAnswer | undefined>>;

/** The rows that take a response (placeholders left out), in questionnaire order. */
export function answerableRows<Row extends AnswerRow>(rows: readonly Row[]): Row[] {
  return rows.filter((row) => !row.placeholder);
}

/**
 * The shape of a resolved questionnaire that the rules read: requirements
 * grouped by principal, each with one answer row per response (none for a
 * placeholder). Structural, so the questionnaire model fits it as it is.
 */
export interface QuestionnaireShape {
  readonly groups: readonly {
    readonly rows: readonly {
      readonly requirementId: string;
      readonly placeholder: boolean;
      readonly answerRows: readonly { readonly id: string }[];
    }[];
  }[];
}

/**
 * The answer rows of a questionnaire, in order. A placeholder requirement
 * becomes one placeholder row (id = requirement ID), so that Part 2g and the
 * outcome can see it is there and still never count it.
 */
export function answerRowsOf(questionnaire: QuestionnaireShape): AnswerRow[] {
  const rows: AnswerRow[] = [];

  for (const group of questionnaire.groups) {
    for (const requirement of group.rows) {
      const principal = principalOf(requirement.requirementId);
      if (principal === null) continue;

      if (requirement.placeholder) {
        rows.push({
          id: requirement.requirementId,
          requirementId: requirement.requirementId,
          principal,
          placeholder: true,
        });
        continue;
      }
      for (const answerRow of requirement.answerRows) {
        rows.push({
          id: answerRow.id,
          requirementId: requirement.requirementId,
          principal,
          placeholder: false,
        });
      }
    }
  }

  return rows;
}
