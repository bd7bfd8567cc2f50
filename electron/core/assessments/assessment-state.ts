import type {
  AnswerProgress,
  AssessmentAnswer,
  AttestationView,
  PinnedQuestionnaire,
} from '../../../shared/api/ops/assessments';
import { PART_3A_ACKNOWLEDGEMENTS, attestationSchema } from '../../../shared/api/ops/assessments';
import { actionPlanLines, actionPlanRequired } from '../../../shared/domain/action-plan';
import {
  answerableRows,
  answerRowsOf,
  type AnswerRow,
  type Answers,
  type Principal,
  type ResponsePayload,
} from '../../../shared/domain/answer-rows';
import { ASV_REQUIREMENT_ID } from '../../../shared/domain/asv-schedule';
import { isCalendarDate } from '../../../shared/domain/calendar-date';
import {
  assessOutcome,
  eligibilityConfirmations,
  type Outcome,
} from '../../../shared/domain/outcome';
import { answerProblems } from '../../../shared/domain/response-rules';
import type { SaqType } from '../../../shared/domain/responses';
import {
  recommendSaq,
  selectSaq,
  type SaqRecommendation,
  type SaqSelection,
} from '../../../shared/domain/saq-recommendation';
import type { ResolvedQuestionnaire } from '../../../shared/questionnaire/types';
import type { SqliteDatabase } from '../store/sqlite-binding';
import {
  findAttestation,
  getAssessmentRecord,
  linkedEvidence,
  listAnswerRecords,
  type AnswerRecord,
  type AssessmentRecord,
  type AttestationRecord,
  type LinkedEvidence,
} from './records';

/**
 * An assessment read in full with its questionnaire, and what the rules make
 * of it. Every view (Home, the wizard, the review, signing) starts here, so
 * that they all agree on the outcome.
 */
export interface AssessmentState {
  readonly record: AssessmentRecord;
  readonly questionnaire: ResolvedQuestionnaire;
  readonly rows: readonly AnswerRow[];
  readonly answerRecords: ReadonlyMap<string, AnswerRecord>;
  readonly answers: Answers;
  readonly attestation: AttestationRecord | undefined;
  readonly eligibility: readonly { id: string; statement: string; confirmed: boolean }[];
  readonly outcome: Outcome;
  readonly evidence: readonly LinkedEvidence[];
}

export function loadState(
  database: SqliteDatabase,
  assessmentId: string,
  resolve: (questionnaireId: string) => ResolvedQuestionnaire,
): AssessmentState {
  const record = getAssessmentRecord(database, assessmentId);
  const questionnaire = resolve(record.questionnaireId);
  const rows = answerRowsOf(questionnaire);
  const answerRecords = new Map(
    listAnswerRecords(database, assessmentId).map((answer) => [answer.rowId, answer]),
  );
  const answers: Record<string, { response: AnswerRecord['response']; payload: ResponsePayload }> =
    {};
  for (const [rowId, answer] of answerRecords) {
    answers[rowId] = { response: answer.response, payload: answer.payload };
  }
  const confirmed = new Set(record.payload.executiveSummary.eligibilityConfirmed);
  const eligibility = questionnaire.eligibility.map((statement) => ({
    id: statement.id,
    statement: statement.statement,
    confirmed: confirmed.has(statement.id),
  }));
  const outcome = assessOutcome({
    saq: questionnaire.saqType,
    rows,
    answers,
    eligibility: eligibilityConfirmations(questionnaire.eligibility, confirmed),
  });

  return {
    record,
    questionnaire,
    rows,
    answerRecords,
    answers,
    attestation: findAttestation(database, assessmentId),
    eligibility,
    outcome,
    evidence: linkedEvidence(database, assessmentId),
  };
}

export function progressOf(state: Pick<AssessmentState, 'rows' | 'answers'>): AnswerProgress {
  const asked = answerableRows(state.rows);
  return {
    answered: asked.filter((row) => (state.answers[row.id]?.response ?? null) !== null).length,
    total: asked.length,
  };
}

export function pinnedQuestionnaire(state: AssessmentState): PinnedQuestionnaire {
  const { record, questionnaire } = state;
  return {
    id: record.questionnaireId,
    saqType: record.saqType,
    title: questionnaire.title,
    version: record.questionnaireVersion,
    revision: questionnaire.revision,
    sha256: record.questionnaireSha256,
    official: questionnaire.official,
    definitionChanged: questionnaire.provenance.sha256 !== record.questionnaireSha256,
  };
}

export function answerView(state: AssessmentState, answer: AnswerRecord): AssessmentAnswer {
  return {
    rowId: answer.rowId,
    response: answer.response,
    payload: answer.payload,
    notes: answer.notes,
    carriedOver: answer.carriedOver,
    revision: answer.revision,
    updatedAt: answer.updatedAt,
    problems: answerProblems(
      { response: answer.response, payload: answer.payload },
      state.questionnaire.saqType,
      state.questionnaire.allowedResponses,
    ),
  };
}

/** Saved answers in questionnaire order. */
export function answerViews(state: AssessmentState): AssessmentAnswer[] {
  const order = new Map(state.questionnaire.answerRowIds.map((id, index) => [id, index]));
  return [...state.answerRecords.values()]
    .sort(
      (a, b) =>
        (order.get(a.rowId) ?? Number.MAX_SAFE_INTEGER) -
          (order.get(b.rowId) ?? Number.MAX_SAFE_INTEGER) || a.rowId.localeCompare(b.rowId),
    )
    .map((answer) => answerView(state, answer));
}

/** Whether the SAQ asks requirement 11.3.2 (quarterly ASV scans). */
export function asksAsvScans(state: Pick<AssessmentState, 'rows'>): boolean {
  return answerableRows(state.rows).some((row) => row.requirementId === ASV_REQUIREMENT_ID);
}

/** The Part 3a statements that apply to this SAQ. */
export function applicableAcknowledgements(state: Pick<AssessmentState, 'rows'>) {
  const asv = asksAsvScans(state);
  return PART_3A_ACKNOWLEDGEMENTS.filter((statement) => !statement.asvOnly || asv);
}

export function attestationView(state: AssessmentState): AttestationView {
  const input = state.attestation?.input ?? attestationSchema.parse({});
  const ticked = new Set(input.acknowledgements);
  const planAsked = actionPlanRequired(state.outcome.status, input.acquirerAskedForActionPlan);
  const entries = input.actionPlan as Partial<
    Record<Principal, { remediationDate: string | null; actions: string }>
  >;

  return {
    ...input,
    outcome: state.outcome,
    legalExceptions: state.outcome.legalExceptionRowIds.map((rowId) => ({
      rowId,
      howLawPrevents: state.answers[rowId]?.payload?.legalException?.howLawPrevents ?? '',
    })),
    acknowledgementList: applicableAcknowledgements(state).map((statement) => ({
      id: statement.id,
      statement: statement.statement,
      confirmed: ticked.has(statement.id),
    })),
    actionPlanLines: planAsked
      ? actionPlanLines(state.rows, state.answers).map((line) => {
          const entry = entries[line.principal];
          const date = entry?.remediationDate ?? null;
          return {
            ...line,
            remediationDate: date !== null && isCalendarDate(date) ? date : null,
            actions: entry?.actions ?? '',
          };
        })
      : [],
  };
}

/** The SAQ-choice screen's recommendation for the channel that covers the chosen SAQ. */
export function channelFor(recommendation: SaqRecommendation, chosen: SaqType) {
  return (
    recommendation.channels.find((channel) => channel.saq === chosen) ??
    recommendation.channels[0] ??
    null
  );
}

/**
 * The saved SAQ choice judged against the eligibility answers as they stand
 * now: the answers save on their own after the choice was made, so a choice
 * that was the recommended one may since have become an override, which
 * needs a reason. `problem` says what the choice lacks; null when it holds.
 */
export function saqSelectionOf(
  state: AssessmentState,
): { readonly selection: SaqSelection; readonly problem: string | null } | null {
  const { saqSelection: stored, saqProfile } = state.record.payload;
  if (stored === null) return null;
  const recommendation = saqProfile === null ? null : recommendSaq(saqProfile);
  const channel = recommendation === null ? null : channelFor(recommendation, stored.saq);
  const selected = selectSaq(channel, stored.saq, stored.reason ?? undefined);
  return selected.ok
    ? { selection: selected.selection, problem: null }
    : {
        selection: {
          ...stored,
          recommended: channel?.saq ?? null,
          overridden: stored.saq !== (channel?.saq ?? null),
          allEligibilityStatementsRequired: true,
          warnings: [selected.problem],
        },
        problem: selected.problem,
      };
}
