import type { AssessmentReview, ReviewItem } from '../../../shared/api/ops/assessments';
import { attestationSchema } from '../../../shared/api/ops/assessments';
import {
  actionPlanLines,
  actionPlanProblems,
  actionPlanRequired,
  targetDateProblems,
  type RemediationEntry,
} from '../../../shared/domain/action-plan';
import { answerableRows, type Principal } from '../../../shared/domain/answer-rows';
import {
  addDays,
  calendarDateOf,
  isBefore,
  isCalendarDate,
  type CalendarDate,
} from '../../../shared/domain/calendar-date';
import { consistencyFindings, notApplicableSuggestions } from '../../../shared/domain/consistency';
import { merchantLevels } from '../../../shared/domain/merchant-level';
import { part2gSummary } from '../../../shared/domain/outcome';
import { answerProblems } from '../../../shared/domain/response-rules';
import { merchantValidationPath } from '../../../shared/domain/validation-path';
import {
  applicableAcknowledgements,
  pinnedQuestionnaire,
  progressOf,
  saqSelectionOf,
  type AssessmentState,
} from './assessment-state';

const blank = (text: string | null | undefined): boolean => (text ?? '').trim() === '';

/** Facts the assessor consistency checks read from the profile and Part 2. */
function factsOf(state: AssessmentState) {
  const { executiveSummary, saqProfile } = state.record.payload;
  return {
    serviceProvidersListed: executiveSummary.serviceProviders.providers.length > 0,
    segmentationUsed: executiveSummary.environment.segmentationUsed,
    keepsPaperRecords: executiveSummary.keepsPaperRecords,
    ...(saqProfile?.ecommerce === undefined
      ? {}
      : {
          ecommerceIntegration: saqProfile.ecommerce.integration,
          websiteHostedBy: saqProfile.ecommerce.websiteHostedBy,
        }),
  };
}

/**
 * Everything missing, invalid or inconsistent, in wizard order, each with the
 * place to fix it. Items that stop a signature are those an attestation
 * cannot stand without: Part 1a identity, Part 2a and 2c, each service
 * provider's three Part 2f answers, every row answered and complete, every
 * Part 2h statement confirmed, and a complete Part 3.
 */
/**
 * `today` bounds the dates a person types: an attestation is signed on a day
 * that has come, not years ahead (one day of slack for time zones).
 */
export function reviewOf(state: AssessmentState, today?: CalendarDate): AssessmentReview {
  const items: ReviewItem[] = [];
  const add = (item: ReviewItem) => items.push(item);
  const { record, questionnaire, outcome } = state;
  const { payload, merchant } = record;

  // Part 1a and 1b.
  const requiredMerchant: [keyof typeof merchant, string][] = [
    ['companyName', 'the company name'],
    ['mailingAddress', 'the mailing address'],
    ['contactName', 'the contact name'],
    ['email', 'the contact e-mail'],
  ];
  for (const [field, label] of requiredMerchant) {
    if (blank(merchant[field])) {
      add({
        severity: 'missing',
        message: `Part 1a: fill in ${label}.`,
        target: { screen: 'profile', field: `merchant.${field}` },
        blocksSigning: true,
      });
    }
  }

  // Level and validation path.
  if (payload.levelInputs === null) {
    add({
      severity: 'advice',
      message: 'Enter your transaction volumes to see your merchant level and what to submit.',
      target: { screen: 'level' },
      blocksSigning: false,
    });
  } else {
    const path = merchantValidationPath(merchantLevels(payload.levelInputs));
    const hasAssessor = payload.assessor.qsa !== null || payload.assessor.isaNames.length > 0;
    if (path.assessorDetailsRequired && !hasAssessor) {
      add({
        severity: 'missing',
        message:
          'Part 1b: your level requires a QSA or internal security assessor; give their details.',
        target: { screen: 'profile', field: 'assessor' },
        blocksSigning: true,
      });
    }
    if (path.saqIsGapAssessment) {
      add({
        severity: 'advice',
        message: path.notices[0] ?? 'This SAQ is a gap assessment at your level.',
        target: { screen: 'level' },
        blocksSigning: false,
      });
    }
  }

  // SAQ choice.
  if (payload.saqSelection === null) {
    add({
      severity: 'advice',
      message: 'Answer the eligibility questions to check that this SAQ fits your business.',
      target: { screen: 'saq' },
      blocksSigning: false,
    });
  }
  const choice = saqSelectionOf(state);
  if (choice?.problem != null) {
    add({
      severity: 'invalid',
      message: `SAQ choice: the eligibility answers changed since this SAQ was chosen. ${choice.problem}`,
      target: { screen: 'saq', field: 'overrideReason' },
      blocksSigning: true,
    });
  }
  const pinned = pinnedQuestionnaire(state);
  if (pinned.definitionChanged) {
    add({
      severity: 'advice',
      message:
        'The questionnaire definition on this computer differs from the one this assessment was ' +
        'started with.',
      target: { screen: 'saq' },
      blocksSigning: false,
    });
  }

  // Part 2.
  const channels = payload.executiveSummary.paymentChannels;
  if (!channels.eCommerce && !channels.mailTelephoneOrder && !channels.cardPresent) {
    add({
      severity: 'missing',
      message: 'Part 2a: tick the payment channels this assessment covers.',
      target: { screen: 'summary', field: 'paymentChannels' },
      blocksSigning: true,
    });
  }
  if (blank(payload.executiveSummary.environment.description)) {
    add({
      severity: 'missing',
      message: 'Part 2c: describe the environment where account data is handled.',
      target: { screen: 'summary', field: 'environment.description' },
      blocksSigning: true,
    });
  }
  const part2fQuestions = [
    ['storeProcessTransmit', 'stores, processes or transmits account data for you'],
    ['manageComponents', 'manages system components in scope'],
    ['couldAffectSecurity', 'could affect the security of your card data environment'],
  ] as const;
  payload.executiveSummary.serviceProviders.providers.forEach((provider, index) => {
    const who = blank(provider.name) ? `service provider ${String(index + 1)}` : provider.name;
    for (const [question, wording] of part2fQuestions) {
      if (provider[question] === null) {
        add({
          severity: 'missing',
          message: `Part 2f: answer whether ${who} ${wording}.`,
          target: {
            screen: 'summary',
            field: `serviceProviders.providers.${String(index)}.${question}`,
          },
          blocksSigning: true,
        });
      }
    }
  });
  for (const statement of state.eligibility.filter((candidate) => !candidate.confirmed)) {
    add({
      severity: 'missing',
      message: `Part 2h: confirm "${statement.statement}" (or this SAQ cannot be Compliant).`,
      target: { screen: 'summary', field: `eligibility.${statement.id}` },
      blocksSigning: true,
    });
  }

  // Questionnaire rows.
  for (const row of answerableRows(state.rows)) {
    const answer = state.answers[row.id];
    const problems = answerProblems(answer, questionnaire.saqType, questionnaire.allowedResponses);
    for (const problem of problems) {
      add({
        severity: problem.code === 'unanswered' ? 'missing' : 'invalid',
        message: `${row.id}: ${problem.message}`,
        target: { screen: 'questionnaire', rowId: row.id, field: problem.field },
        blocksSigning: true,
      });
    }
    if (problems.length === 0 && state.answerRecords.get(row.id)?.carriedOver === true) {
      add({
        severity: 'reconfirm',
        message: `${row.id}: copied from last year; check it still holds and save it again.`,
        target: { screen: 'questionnaire', rowId: row.id },
        blocksSigning: true,
      });
    }
  }

  const consistencyInput = {
    saq: questionnaire.saqType,
    rows: state.rows,
    answers: state.answers,
    facts: factsOf(state),
  };
  const consistency = consistencyFindings(consistencyInput);
  for (const finding of consistency) {
    add({
      severity: 'inconsistent',
      message: finding.message,
      target: {
        screen: 'questionnaire',
        ...(finding.rowIds[0] === undefined ? {} : { rowId: finding.rowIds[0] }),
      },
      blocksSigning: false,
    });
  }

  // Part 3 and 4.
  const attestation = state.attestation?.input ?? attestationSchema.parse({});
  const completion = attestation.completionDate;
  if (completion === null) {
    add({
      severity: 'missing',
      message: 'Part 3: give the self-assessment completion date.',
      target: { screen: 'attestation', field: 'completionDate' },
      blocksSigning: true,
    });
  }
  const completionDate = completion !== null && isCalendarDate(completion) ? completion : undefined;
  for (const problem of targetDateProblems(
    outcome.status,
    attestation.targetDateForCompliance,
    completionDate,
  )) {
    add({
      severity: attestation.targetDateForCompliance === null ? 'missing' : 'invalid',
      message: `Part 3: ${problem.message}`,
      target: { screen: 'attestation', field: problem.field },
      blocksSigning: true,
    });
  }
  const ticked = new Set(attestation.acknowledgements);
  for (const statement of applicableAcknowledgements(state)) {
    if (!ticked.has(statement.id)) {
      add({
        severity: 'missing',
        message: `Part 3a: acknowledge "${statement.statement}"`,
        target: { screen: 'attestation', field: `acknowledgements.${statement.id}` },
        blocksSigning: true,
      });
    }
  }
  const signer = attestation.signer;
  const signerFields: [string, boolean, string][] = [
    ['signer.name', blank(signer.name), 'the name of the executive officer signing'],
    ['signer.title', blank(signer.title), 'their title'],
    ['signer.date', signer.date === null, 'the date of signature'],
    ['signer.signature', signer.signature === null, 'a typed or drawn signature'],
  ];
  for (const [field, missing, label] of signerFields) {
    if (missing) {
      add({
        severity: 'missing',
        message: `Part 3b: give ${label}.`,
        target: { screen: 'attestation', field },
        blocksSigning: true,
      });
    }
  }
  if (
    signer.date !== null &&
    completionDate !== undefined &&
    isCalendarDate(signer.date) &&
    isBefore(signer.date, completionDate)
  ) {
    add({
      severity: 'invalid',
      message: 'Part 3b: the date of signature cannot be before the completion date.',
      target: { screen: 'attestation', field: 'signer.date' },
      blocksSigning: true,
    });
  }
  const latestAllowed = addDays(today ?? calendarDateOf(new Date()), 1);
  const futureDates: [string, string | null, string][] = [
    ['completionDate', completion, 'Part 3: the completion date'],
    ['signer.date', signer.date, 'Part 3b: the date of signature'],
  ];
  for (const [field, date, label] of futureDates) {
    if (date !== null && isCalendarDate(date) && isBefore(latestAllowed, date)) {
      add({
        severity: 'invalid',
        message: `${label} cannot be in the future.`,
        target: { screen: 'attestation', field },
        blocksSigning: true,
      });
    }
  }
  if (
    signer.signature?.kind === 'typed' &&
    !blank(signer.name) &&
    !sameName(signer.signature.text, signer.name)
  ) {
    add({
      severity: 'invalid',
      message: "Part 3b: the typed signature must be the signer's own name.",
      target: { screen: 'attestation', field: 'signer.signature' },
      blocksSigning: true,
    });
  }
  if (payload.assessor.qsa !== null && attestation.qsaInvolvement === null) {
    add({
      severity: 'missing',
      message: 'Part 3c: a QSA is named in Part 1b; describe their role.',
      target: { screen: 'attestation', field: 'qsaInvolvement' },
      blocksSigning: true,
    });
  }
  if (payload.assessor.isaNames.length > 0 && attestation.isaInvolvement === null) {
    add({
      severity: 'missing',
      message: 'Part 3d: an internal security assessor is named in Part 1b; describe their role.',
      target: { screen: 'attestation', field: 'isaInvolvement' },
      blocksSigning: true,
    });
  }
  for (const [part, involvement] of [
    ['3c', attestation.qsaInvolvement],
    ['3d', attestation.isaInvolvement],
  ] as const) {
    if (involvement === null) continue;
    const key = part === '3c' ? 'qsaInvolvement' : 'isaInvolvement';
    const who = part === '3c' ? 'the QSA' : 'the internal security assessor';
    if (blank(involvement.company)) {
      add({
        severity: 'missing',
        message: `Part ${part}: give the company of ${who}.`,
        target: { screen: 'attestation', field: `${key}.company` },
        blocksSigning: true,
      });
    }
    if (involvement.names.every((name) => blank(name))) {
      add({
        severity: 'missing',
        message: `Part ${part}: name the people of ${who} who took part; their signature lines stay blank.`,
        target: { screen: 'attestation', field: `${key}.names` },
        blocksSigning: true,
      });
    }
  }
  if (actionPlanRequired(outcome.status, attestation.acquirerAskedForActionPlan)) {
    const normalised = Object.fromEntries(
      Object.entries(attestation.actionPlan).map(([principal, entry]) => [
        principal,
        { remediationDate: entry.remediationDate ?? '', actions: entry.actions },
      ]),
    ) as Partial<Record<Principal, RemediationEntry>>;
    for (const problem of actionPlanProblems(
      actionPlanLines(state.rows, state.answers),
      normalised,
      completionDate,
    )) {
      add({
        severity: 'missing',
        message: `Part 4: ${problem.message}`,
        target: { screen: 'attestation', field: `actionPlan.${problem.field}` },
        blocksSigning: true,
      });
    }
  }

  return {
    items,
    outcome,
    part2g: part2gSummary(state.rows, state.answers),
    consistency,
    notApplicableSuggestions: notApplicableSuggestions(consistencyInput),
    progress: progressOf(state),
    readyToSign: !items.some((item) => item.blocksSigning),
  };
}

/** Names compared as a person would: same letters, any case, spacing or composition. */
function sameName(a: string, b: string): boolean {
  const plain = (text: string) =>
    text.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  return plain(a) === plain(b);
}
