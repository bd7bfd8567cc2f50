import { answerableRows, type AnswerRow, type RowAnswer } from './answer-rows';
import { addMonths, isBefore, type CalendarDate } from './calendar-date';

/**
 * Quarterly external vulnerability scans by an Approved Scanning Vendor are
 * due when the SAQ in use asks requirement 11.3.2 (SAQ A, A-EP, B-IP, C and D
 * do; B, C-VT, P2PE and SPoC do not). The merchant level plays no part. The
 * next scan is due three months after the last passing one.
 */

export const ASV_REQUIREMENT_ID = '11.3.2';
export const ASV_INTERVAL_MONTHS = 3;

export interface AsvScheduleInput {
  readonly rows: readonly AnswerRow[];
  /** The answer to the 11.3.2 row, if answered. */
  readonly answer?: RowAnswer;
  readonly lastPassingScan: CalendarDate | null;
  readonly today: CalendarDate;
}

export type AsvSchedule =
  | {
      readonly required: false;
      readonly reason: string;
    }
  | {
      readonly required: true;
      /** no-scan: none on record yet; overdue: the due date has passed. */
      readonly status: 'no-scan' | 'overdue' | 'up-to-date';
      /** Null when no scan is on record: one is due now. */
      readonly nextDue: CalendarDate | null;
      /** The four quarterly due dates after the last passing scan. */
      readonly quarters: readonly CalendarDate[];
      readonly reason: string;
    };

export function asvSchedule(input: AsvScheduleInput): AsvSchedule {
  const asked = answerableRows(input.rows).some((row) => row.requirementId === ASV_REQUIREMENT_ID);

  if (!asked) {
    return {
      required: false,
      reason: 'This SAQ does not include requirement 11.3.2, so it asks for no ASV scans.',
    };
  }
  if (input.answer?.response === 'not-applicable') {
    return {
      required: false,
      reason:
        'You marked requirement 11.3.2 Not Applicable; if you have any Internet-facing system ' +
        'in scope, scans are due after all.',
    };
  }

  if (input.lastPassingScan === null) {
    return {
      required: true,
      status: 'no-scan',
      nextDue: null,
      quarters: [],
      reason:
        'This SAQ includes requirement 11.3.2: a passing ASV scan is due now, then one every ' +
        'three months.',
    };
  }

  const last = input.lastPassingScan;
  const quarters = [1, 2, 3, 4].map((quarter) => addMonths(last, quarter * ASV_INTERVAL_MONTHS));
  const nextDue = quarters[0] ?? addMonths(last, ASV_INTERVAL_MONTHS);
  const overdue = isBefore(nextDue, input.today);

  return {
    required: true,
    status: overdue ? 'overdue' : 'up-to-date',
    nextDue,
    quarters,
    reason: overdue
      ? `The next ASV scan was due on ${nextDue}, three months after the last passing scan.`
      : `The next ASV scan is due by ${nextDue}, three months after the last passing scan.`,
  };
}
