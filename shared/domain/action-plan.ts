import {
  PRINCIPALS,
  PRINCIPAL_LABELS,
  answerableRows,
  type AnswerRow,
  type Answers,
  type Principal,
} from './answer-rows';
import { isBefore, isCalendarDate, type CalendarDate } from './calendar-date';
import type { ComplianceStatus } from './outcome';

/**
 * The dates and plans a Non-Compliant result calls for. A v4.0.1 SAQ has no
 * date per row: Part 3 takes one Target Date for Compliance, and Part 4 (only
 * when the acquirer or brand asks for it) lists each principal requirement as
 * compliant or not, with a remediation date and actions for each "no".
 */

export interface DateProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Part 3: problems with the Target Date for Compliance. Required only for a
 * Non-Compliant result; it cannot lie before the SAQ completion date.
 */
export function targetDateProblems(
  status: ComplianceStatus,
  targetDate: string | null | undefined,
  completionDate?: CalendarDate,
): DateProblem[] {
  if (status !== 'non-compliant') return [];

  const field = 'targetDateForCompliance';
  if (targetDate === null || targetDate === undefined || targetDate.trim() === '') {
    return [{ field, message: 'A Non-Compliant result needs a Target Date for Compliance.' }];
  }
  if (!isCalendarDate(targetDate)) {
    return [{ field, message: 'Write the target date as YYYY-MM-DD.' }];
  }
  if (completionDate !== undefined && isBefore(targetDate, completionDate)) {
    return [{ field, message: 'The target date cannot be before the SAQ completion date.' }];
  }
  return [];
}

/** Part 4 is filled in only for a Non-Compliant result, and only when the acquirer asks. */
export function actionPlanRequired(status: ComplianceStatus, acquirerAsked: boolean): boolean {
  return status === 'non-compliant' && acquirerAsked;
}

export interface ActionPlanLine {
  readonly principal: Principal;
  readonly label: string;
  /** "Yes" in Part 4: every row of the principal answered, none Not in Place. */
  readonly compliant: boolean;
  /** The rows that make it "no". */
  readonly openRowIds: readonly string[];
}

/** Part 4 rows, derived from the answers: one per principal requirement the SAQ asks. */
export function actionPlanLines(rows: readonly AnswerRow[], answers: Answers): ActionPlanLine[] {
  const asked = answerableRows(rows);

  return PRINCIPALS.filter((principal) => asked.some((row) => row.principal === principal)).map(
    (principal) => {
      const openRowIds = asked
        .filter((row) => row.principal === principal)
        .filter((row) => {
          const response = answers[row.id]?.response ?? null;
          return response === null || response === 'not-in-place';
        })
        .map((row) => row.id);
      return {
        principal,
        label: PRINCIPAL_LABELS[principal],
        compliant: openRowIds.length === 0,
        openRowIds,
      };
    },
  );
}

/** What the merchant writes for a principal marked "no" in Part 4. */
export interface RemediationEntry {
  readonly remediationDate?: string;
  readonly actions?: string;
}

/** Problems with the Part 4 entries: each "no" needs a valid remediation date and actions. */
export function actionPlanProblems(
  lines: readonly ActionPlanLine[],
  entries: Readonly<Partial<Record<Principal, RemediationEntry>>>,
  completionDate?: CalendarDate,
): DateProblem[] {
  const problems: DateProblem[] = [];

  for (const line of lines) {
    if (line.compliant) continue;
    const entry = entries[line.principal] ?? {};
    const date = entry.remediationDate?.trim() ?? '';

    if (date === '') {
      problems.push({
        field: `${line.principal}.remediationDate`,
        message: `${line.label}: give a remediation date.`,
      });
    } else if (!isCalendarDate(date)) {
      problems.push({
        field: `${line.principal}.remediationDate`,
        message: `${line.label}: write the remediation date as YYYY-MM-DD.`,
      });
    } else if (completionDate !== undefined && isBefore(date, completionDate)) {
      problems.push({
        field: `${line.principal}.remediationDate`,
        message: `${line.label}: the remediation date cannot be before the SAQ completion date.`,
      });
    }
    if ((entry.actions ?? '').trim() === '') {
      problems.push({
        field: `${line.principal}.actions`,
        message: `${line.label}: describe the actions being taken.`,
      });
    }
  }

  return problems;
}
