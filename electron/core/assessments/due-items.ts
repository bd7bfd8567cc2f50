import type { DueItem } from '../../../shared/api/ops/assessments';
import { answerableRows } from '../../../shared/domain/answer-rows';
import { ASV_REQUIREMENT_ID, asvSchedule } from '../../../shared/domain/asv-schedule';
import {
  addMonths,
  calendarDateOf,
  compareCalendarDates,
  isBefore,
  isCalendarDate,
  type CalendarDate,
} from '../../../shared/domain/calendar-date';
import type { AssessmentState } from './assessment-state';

/** Within this many days a due date counts as "due soon". */
export const DUE_SOON_DAYS = 30;

/** The SAQ requirement that asks for yearly monitoring of service providers' compliance. */
const PROVIDER_MONITORING_REQUIREMENT = '12.8.4';

function statusOf(dueOn: CalendarDate | null, today: CalendarDate): DueItem['status'] {
  if (dueOn === null) return 'due-now';
  if (isBefore(dueOn, today)) return 'overdue';
  const soon = calendarDateOf(new Date(Date.parse(`${today}T12:00:00`) + DUE_SOON_DAYS * 864e5));
  return isBefore(soon, dueOn) ? 'upcoming' : 'due-soon';
}

function latest(dates: readonly (string | null | undefined)[]): CalendarDate | null {
  const valid = dates.filter(
    (date): date is CalendarDate => typeof date === 'string' && isCalendarDate(date),
  );
  return valid.sort(compareCalendarDates).at(-1) ?? null;
}

function item(
  kind: DueItem['kind'],
  dueOn: CalendarDate | null,
  today: CalendarDate,
  message: string,
  evidenceId?: string,
): DueItem {
  return {
    kind,
    dueOn,
    status: statusOf(dueOn, today),
    message,
    ...(evidenceId === undefined ? {} : { evidenceId }),
  };
}

/**
 * What falls due for one assessment, for Home: the next annual attestation,
 * the quarterly ASV scan where the SAQ asks 11.3.2, the yearly re-confirmation
 * of service providers, and linked evidence that expires or has expired.
 */
export function dueItems(
  state: AssessmentState,
  today: CalendarDate,
  previousSignedOn: CalendarDate | null = null,
): DueItem[] {
  const items: DueItem[] = [];
  const { record } = state;
  const signings = record.payload.signings;
  const lastSigned = signings.at(-1);

  // Annual attestation: a year after the last signature; for a draft, by the
  // end of its period or a year after the previous year's signature.
  if (record.status === 'signed' && lastSigned !== undefined) {
    const next = addMonths(calendarDateOf(new Date(lastSigned.signedAt)), 12);
    items.push(item('annual-attestation', next, today, `The next annual SAQ is due by ${next}.`));
  } else {
    const due =
      latest([record.periodEnd]) ??
      (previousSignedOn === null ? null : addMonths(previousSignedOn, 12));
    items.push(
      item(
        'annual-attestation',
        due,
        today,
        due === null
          ? 'Complete and sign this SAQ to attest compliance for the year.'
          : `Complete and sign this SAQ by ${due}.`,
      ),
    );
  }

  const asvEvidence = state.evidence.filter((evidence) => evidence.kind === 'asv-scan');
  const lastScan = latest([
    record.payload.dueDates.lastPassingAsvScanOn,
    ...asvEvidence.map((evidence) => evidence.effectiveOn),
  ]);
  const asv = asvSchedule({
    rows: state.rows,
    ...(state.answers[ASV_REQUIREMENT_ID] === undefined
      ? {}
      : { answer: state.answers[ASV_REQUIREMENT_ID] }),
    lastPassingScan: lastScan,
    today,
  });
  if (asv.required) items.push(item('asv-scan', asv.nextDue, today, asv.reason));

  const providers = record.payload.executiveSummary.serviceProviders.providers;
  const monitoringAsked = answerableRows(state.rows).some(
    (row) => row.requirementId === PROVIDER_MONITORING_REQUIREMENT,
  );
  if (providers.length > 0 || monitoringAsked) {
    const confirmed = latest([
      record.payload.dueDates.serviceProvidersConfirmedOn,
      ...state.evidence
        .filter((evidence) => evidence.kind === 'service-provider-aoc')
        .map((evidence) => evidence.effectiveOn),
    ]);
    const due = confirmed === null ? null : addMonths(confirmed, 12);
    items.push(
      item(
        'service-provider-reconfirmation',
        due,
        today,
        due === null
          ? "Confirm each service provider's PCI DSS compliance (their current AOC)."
          : `Re-confirm each service provider's PCI DSS compliance by ${due}.`,
      ),
    );
  }

  for (const evidence of state.evidence) {
    if (evidence.expiresOn === null || !isCalendarDate(evidence.expiresOn)) continue;
    const entry = item(
      'evidence-expiry',
      evidence.expiresOn,
      today,
      isBefore(evidence.expiresOn, today)
        ? `Evidence "${evidence.title}" expired on ${evidence.expiresOn}.`
        : `Evidence "${evidence.title}" expires on ${evidence.expiresOn}.`,
      evidence.id,
    );
    if (entry.status !== 'upcoming') items.push(entry);
  }

  return items;
}
