import { actionPlanLines, actionPlanRequired } from '../../../shared/domain/action-plan';
import type { ResponsePayload } from '../../../shared/domain/answer-rows';
import { PRINCIPAL_LABELS } from '../../../shared/domain/answer-rows';
import { part2gSummary } from '../../../shared/domain/outcome';
import { CCW_FIELDS } from '../../../shared/domain/response-rules';
import { RESPONSES } from '../../../shared/domain/responses';
import { SAQ_TYPE_LABELS } from '../../../shared/domain/saq-catalog';
import type {
  AnswerRow as ReportAnswerRow,
  AttestationSignature,
  Outcome as ReportOutcome,
  ReportModel,
  ServiceProviders,
} from '../report/model';
import type { AttestationInput } from '../../../shared/api/ops/assessments';
import { attestationView, type AssessmentState } from './assessment-state';

type Part2fQuestion = 'storeProcessTransmit' | 'manageComponents' | 'couldAffectSecurity';
type ProviderAnswers = Readonly<Record<Part2fQuestion, boolean | null>>;

/**
 * Part 2f as printed. The executive summary asks the three questions per
 * provider; the merchant-level answer is Yes when any provider has it, No when
 * every listed provider answered No, otherwise "Not asked" (no provider listed,
 * or data saved before the app asked). The older merchant-level booleans are
 * not read: the screen never asked them (adding a provider set the first).
 */
function serviceProvidersOf(
  providers: readonly (ProviderAnswers & { readonly name: string; readonly services: string })[],
): ServiceProviders {
  const overall = (question: Part2fQuestion): boolean | null => {
    if (providers.some((provider) => provider[question] === true)) return true;
    if (providers.length > 0 && providers.every((provider) => provider[question] === false)) {
      return false;
    }
    return null;
  };
  return {
    storeProcessTransmit: overall('storeProcessTransmit'),
    manageComponents: overall('manageComponents'),
    couldAffectSecurity: overall('couldAffectSecurity'),
    providers: providers.map((provider) => ({
      name: provider.name,
      services: provider.services,
      storeProcessTransmit: provider.storeProcessTransmit,
      manageComponents: provider.manageComponents,
      couldAffectSecurity: provider.couldAffectSecurity,
    })),
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Revision 1 (January 2025)" from the definition's revision and "2025-01" publication month. */
export function revisionLabel(revision: number, published: string): string | null {
  if (revision === 0) return null;
  const [year, month] = published.split('-');
  const monthName = MONTHS[Number(month) - 1];
  return year !== undefined && monthName !== undefined
    ? `Revision ${String(revision)} (${monthName} ${year})`
    : `Revision ${String(revision)}`;
}

const OUTCOMES: Readonly<Record<AssessmentState['outcome']['status'], ReportOutcome>> = {
  compliant: 'compliant',
  'non-compliant': 'non-compliant',
  'compliant-with-legal-exception': 'compliant-legal-exception',
};

const text = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value;

function dataUrlBytes(dataUrl: string): Uint8Array {
  return new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

/** Part 3c or 3d as printed: one signature line per named person, left blank. */
function involvementOf(
  involvement: AttestationInput['qsaInvolvement'],
): ReportModel['qsaInvolvement'] {
  if (involvement === null) return null;
  return {
    role: involvement.role,
    description: involvement.description,
    company: involvement.company,
    names: involvement.names.map((name) => name.trim()).filter((name) => name !== ''),
  };
}

/** What the report needs besides the assessment: when, and the audit trail as signed. */
export interface ReportStamp {
  readonly generatedAt: string;
  readonly audit: { readonly head: string; readonly length: number };
}

/**
 * Maps an assessment onto the report's model: every answer row in the SAQ's
 * order (placeholders without a response), only the part of a payload that
 * its response uses, Part 2g and Part 3 as the rules derive them, and the
 * evidence linked to the assessment.
 */
export function reportModelOf(state: AssessmentState, stamp: ReportStamp): ReportModel {
  const { record, questionnaire } = state;
  const { payload, merchant } = record;
  const attestation = attestationView(state);
  const summary = payload.executiveSummary;
  const groupTitles = new Map(
    questionnaire.groups.map((group) => [group.principalId, group.title]),
  );

  const answers: ReportAnswerRow[] = [];
  for (const group of questionnaire.groups) {
    for (const requirement of group.rows) {
      const base = { id: requirement.requirementId, summary: requirement.summary };
      if (requirement.placeholder) {
        answers.push({
          ...base,
          bullet: null,
          response: null,
          compensatingControls: null,
          notApplicableReason: null,
          notTested: null,
          legalException: null,
        });
        continue;
      }
      requirement.answerRows.forEach((row, index) => {
        const answer = state.answers[row.id];
        const response = answer?.response ?? null;
        const answerPayload: ResponsePayload = answer?.payload ?? {};
        const ccw = answerPayload.ccw;
        answers.push({
          ...base,
          bullet:
            row.bulletId === null ? null : { index: index + 1, label: row.label ?? row.bulletId },
          response,
          compensatingControls:
            response === 'in-place-ccw' && ccw !== undefined
              ? (Object.fromEntries(CCW_FIELDS.map((field) => [field, ccw[field] ?? ''])) as Record<
                  (typeof CCW_FIELDS)[number],
                  string
                >)
              : null,
          notApplicableReason:
            response === 'not-applicable' ? text(answerPayload.notApplicableExplanation) : null,
          notTested:
            response === 'not-tested'
              ? {
                  description: requirement.summary,
                  reason: answerPayload.notTestedExplanation ?? '',
                }
              : null,
          legalException:
            response === 'not-in-place' ? text(answerPayload.legalException?.howLawPrevents) : null,
        });
      });
    }
  }

  const signer = attestation.signer;
  const signature: AttestationSignature =
    signer.signature?.kind === 'drawn'
      ? { kind: 'drawn', png: dataUrlBytes(signer.signature.pngDataUrl) }
      : { kind: 'typed', text: signer.signature?.text ?? signer.name };
  const planAsked = actionPlanRequired(
    state.outcome.status,
    attestation.acquirerAskedForActionPlan,
  );

  return {
    saq: {
      type: questionnaire.saqType,
      name: SAQ_TYPE_LABELS[questionnaire.saqType],
      standardVersion: questionnaire.version,
      revision: revisionLabel(questionnaire.revision, questionnaire.published),
    },
    definition: { sha256: record.questionnaireSha256, official: questionnaire.official },
    completionDate: attestation.completionDate ?? '',
    generatedAt: stamp.generatedAt,
    merchant,
    assessor: { isaNames: payload.assessor.isaNames, qsa: payload.assessor.qsa },
    executiveSummary: {
      paymentChannels: summary.paymentChannels,
      cardholderFunctions: summary.cardholderFunctions,
      environment: {
        description: summary.environment.description,
        segmentationUsed: summary.environment.segmentationUsed === true,
        segmentationNote: summary.environment.segmentationNote,
      },
      locations: summary.locations,
      validatedProducts: summary.validatedProducts,
      serviceProviders: serviceProvidersOf(summary.serviceProviders.providers),
      summary: part2gSummary(state.rows, state.answers).map((line) => ({
        requirement: line.principal,
        title: groupTitles.get(line.principal) ?? PRINCIPAL_LABELS[line.principal],
        responses: RESPONSES.filter((response) => line.used[response]),
      })),
      eligibility: state.eligibility.map((statement) => ({
        statement: statement.statement,
        confirmed: statement.confirmed,
      })),
    },
    answers,
    validation: {
      outcome: OUTCOMES[state.outcome.status],
      assessmentScope: state.outcome.scope,
      targetDateForCompliance:
        state.outcome.status === 'non-compliant' ? attestation.targetDateForCompliance : null,
      legalExceptions: attestation.legalExceptions.map((line) => ({
        requirement: line.rowId,
        restriction: line.howLawPrevents,
      })),
    },
    acknowledgements: attestation.acknowledgementList.map((statement) => ({
      statement: statement.statement,
      confirmed: statement.confirmed,
    })),
    merchantAttestation: {
      signerName: signer.name,
      signerTitle: signer.title,
      date: signer.date ?? '',
      signature,
    },
    qsaInvolvement: involvementOf(attestation.qsaInvolvement),
    isaInvolvement: involvementOf(attestation.isaInvolvement),
    actionPlan: planAsked
      ? actionPlanLines(state.rows, state.answers).map((line) => {
          const entry = attestation.actionPlan[line.principal];
          return {
            requirement: line.principal,
            title: groupTitles.get(line.principal) ?? line.label,
            compliant: line.compliant,
            remediationDate: line.compliant ? null : (entry?.remediationDate ?? null),
            actions: line.compliant ? null : (text(entry?.actions) ?? null),
          };
        })
      : null,
    evidence: state.evidence.map((item) => ({
      title: item.title,
      fileName: item.fileName,
      sizeBytes: item.sizeBytes,
      sha256: item.sha256,
      rows: item.rowIds.map((rowId) => {
        const [requirementId, bulletId] = rowId.split('#');
        return bulletId === undefined
          ? rowId
          : `${requirementId ?? rowId} (bullet ${bulletId.replace(/^b/, '')})`;
      }),
    })),
    audit: stamp.audit,
  };
}
