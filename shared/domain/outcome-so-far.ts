import { COMPLIANCE_STATUS_LABELS, type ComplianceStatus } from './outcome';

/**
 * The Part 3 result as Home, the review and the attestation show it while a
 * draft is being filled in. Until every answer row has a response the result
 * is not decided: a draft with nothing answered is "in progress", not
 * Non-Compliant, even though the rules would count the open rows against it.
 */
export type OutcomeSoFar = ComplianceStatus | 'in-progress';

export interface AnswerCount {
  readonly answered: number;
  readonly total: number;
}

export function outcomeSoFar(status: ComplianceStatus, progress: AnswerCount): OutcomeSoFar {
  return progress.answered < progress.total ? 'in-progress' : status;
}

/** "In progress (3 of 27 answered)", or the Part 3 result once decided. */
export function outcomeSoFarLabel(outcome: OutcomeSoFar, progress: AnswerCount): string {
  return outcome === 'in-progress'
    ? `In progress (${String(progress.answered)} of ${String(progress.total)} answered)`
    : COMPLIANCE_STATUS_LABELS[outcome];
}
