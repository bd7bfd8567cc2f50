import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Door } from '../../../shared/api/ops/app';
import {
  PART_3A_ACKNOWLEDGEMENTS,
  executiveSummarySchema,
  merchantPart1aSchema,
  type AssessmentDetail,
  type AssessmentReview,
  type AssessmentSummary,
  type AssessorPart1b,
  type AttestationInput,
  type DueDates,
  type ExecutiveSummary,
  type MerchantPart1a,
  type NextYearAssessment,
  type PinnedQuestionnaire,
  type SavedAnswer,
  type SavedSection,
  type SigningRecord,
  type WizardTarget,
  type AnswerPayloadInput,
  type ExportedReport,
  type ReportVariantChoice,
} from '../../../shared/api/ops/assessments';
import { OperationError } from '../../../shared/api/result';
import { answerRowsOf, answerableRows } from '../../../shared/domain/answer-rows';
import { periodProblem, type AssessmentPeriod } from '../../../shared/domain/assessment-period';
import { followingPeriod, nextYearTitle } from '../../../shared/domain/next-year';
import { outcomeSoFar } from '../../../shared/domain/outcome-so-far';
import {
  addDays,
  calendarDateOf,
  isBefore,
  isCalendarDate,
  type CalendarDate,
} from '../../../shared/domain/calendar-date';
import {
  merchantLevels,
  type MerchantLevelInput,
  type MerchantLevelResult,
} from '../../../shared/domain/merchant-level';
import { answerProblems } from '../../../shared/domain/response-rules';
import type { Response } from '../../../shared/domain/responses';
import { SAQ_TYPE_LABELS, isShipped, saqDisplayName } from '../../../shared/domain/saq-catalog';
import { safeFileName } from '../../../shared/domain/safe-file-name';
import {
  recommendSaq,
  selectSaq,
  type SaqProfile,
  type SaqRecommendation,
  type SaqSelection,
} from '../../../shared/domain/saq-recommendation';
import {
  merchantValidationPath,
  type ValidationPath,
} from '../../../shared/domain/validation-path';
import type { ResolvedQuestionnaire } from '../../../shared/questionnaire/types';
import { assertNoCardDataIn } from '../guard/card-data-guard';
import type { Logger } from '../log/logger';
import type { Catalogue } from '../questionnaires/catalogue';
import { saveAnswer as storeAnswer } from '../store/answers-repository';
import { assertRevision } from '../store/revision';
import type { SqliteDatabase } from '../store/sqlite-binding';
import type { WriteTransaction } from '../vault/session';
import type { VaultService } from '../vault/vault-service';
import {
  answerView,
  answerViews,
  attestationView,
  channelFor,
  loadState,
  pinnedQuestionnaire,
  progressOf,
  saqSelectionOf,
  type AssessmentState,
} from './assessment-state';
import { dueItems } from './due-items';
import {
  emptyPayload,
  findAssessmentRecord,
  getAssessmentRecord,
  insertAssessment,
  latestHistoryId,
  listAnswerRecords,
  listAssessmentRecords,
  markAttestationSigned,
  updateAssessment,
  updateMerchant,
  upsertAttestation,
  type AssessmentPayload,
  type AssessmentRecord,
  type StoredExport,
} from './records';
import { reportModelOf } from './report-model';
import { findSigningIdentity, keepSigningIdentity, newSigningIdentity } from './signing-identity';
import { exportSignedReport } from '../report/export';
import { reviewOf } from './review';

export interface AssessmentServiceOptions {
  readonly vault: VaultService;
  /** The questionnaire catalogue, loaded once and shared. */
  readonly catalogue: () => Promise<Catalogue>;
  readonly door: Door;
  readonly log: Logger;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

export interface CreateAssessmentInput {
  readonly questionnaireId: string;
  readonly title?: string | undefined;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly companyName?: string | undefined;
}

export interface AnswerInput {
  readonly assessmentId: string;
  readonly rowId: string;
  readonly response: Response | null;
  readonly payload: AnswerPayloadInput;
  readonly notes: string;
  readonly expectedRevision?: number | undefined;
}

const resolvedByCatalogue = new WeakMap<Catalogue, Map<string, ResolvedQuestionnaire>>();

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The answer rows of a questionnaire, or null when it is no longer installed. */
function rowsOfQuestionnaire(
  resolve: (id: string) => ResolvedQuestionnaire,
  questionnaireId: string,
): readonly { readonly id: string; readonly requirementId: string }[] | null {
  try {
    return answerableRows(answerRowsOf(resolve(questionnaireId)));
  } catch {
    return null;
  }
}

/** The dates recorded on Home, as the messages that refuse them name them. */
const DUE_DATE_LABELS: readonly (readonly [keyof DueDates, string])[] = [
  ['lastPassingAsvScanOn', 'The date of the last passing ASV scan'],
  ['serviceProvidersConfirmedOn', 'The date the service providers were last confirmed'],
];

const subjectOf = (assessmentId: string) => `assessment:${assessmentId}`;

function exportView(
  payload: AssessmentPayload,
  entry: StoredExport,
  index: number,
): ExportedReport {
  return { ...entry, stale: index < payload.staleExportCount };
}

export interface ReportExportRequest {
  readonly assessmentId: string;
  readonly variant: ReportVariantChoice;
  /** Where to write, given the suggested file name (e.g. inside the exports folder). */
  readonly destination: (suggestedName: string) => string;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** "Harbour-Lane-Ceramics-Ltd-SAQ-A-2026-11-20-AOC.pdf" */
function reportFileName(state: AssessmentState, variant: ReportVariantChoice): string {
  const company = state.record.merchant.companyName.trim() || 'assessment';
  const completion = state.attestation?.input.completionDate ?? calendarDateOf(new Date());
  const label = SAQ_TYPE_LABELS[state.record.saqType].replace(/^SAQ /, 'SAQ-');
  const stem = `${company} ${label} ${completion} ${variant === 'aoc' ? 'AOC' : 'report'}`
    .replace(/\s+/g, '-')
    .slice(0, 150);
  return safeFileName(`${stem}.pdf`, 'report.pdf');
}

/** Writes to a signed assessment fail until it is reopened (an audited step). */
function assertDraft(record: AssessmentRecord): void {
  if (record.status === 'signed') {
    throw new OperationError(
      'ASSESSMENT_SIGNED',
      'The assessment is signed; reopen it to change it.',
      'assessmentId',
    );
  }
}

function pinOf(questionnaire: ResolvedQuestionnaire) {
  return {
    saqType: questionnaire.saqType,
    id: questionnaire.id,
    version: questionnaire.version,
    sha256: questionnaire.provenance.sha256,
  };
}

/**
 * The assessments of the unlocked vault: every operation of the wizard, Home
 * and the review. Reads and writes go through the vault session, writes in
 * one transaction each with their audit entry; free text passes the card-data
 * guard before anything is written.
 */
export class AssessmentService {
  readonly #vault: VaultService;
  readonly #catalogue: () => Promise<Catalogue>;
  readonly #door: Door;
  readonly #log: Logger;
  readonly #now: () => Date;

  constructor(options: AssessmentServiceOptions) {
    this.#vault = options.vault;
    this.#catalogue = options.catalogue;
    this.#door = options.door;
    this.#log = options.log.child('assessments');
    this.#now = options.now ?? (() => new Date());
  }

  #today(): CalendarDate {
    return calendarDateOf(this.#now());
  }

  async #resolver(): Promise<(id: string) => ResolvedQuestionnaire> {
    const catalogue = await this.#catalogue();
    // Resolving joins the SAQ with its library; keep the result per catalogue.
    let cache = resolvedByCatalogue.get(catalogue);
    if (cache === undefined) {
      cache = new Map();
      resolvedByCatalogue.set(catalogue, cache);
    }
    const known = cache;
    return (id) => {
      let resolved = known.get(id);
      if (resolved === undefined) {
        resolved = catalogue.resolve(id);
        known.set(id, resolved);
      }
      return resolved;
    };
  }

  #summary(database: SqliteDatabase, state: AssessmentState): AssessmentSummary {
    const { record } = state;
    const { payload } = record;
    const lastSigning = payload.signings.at(-1);
    const changedSinceSigned =
      record.status === 'draft' &&
      payload.reopenedAtRevision !== null &&
      (record.revision > payload.reopenedAtRevision ||
        latestHistoryId(database, record.id) > (payload.reopenedAtHistoryId ?? 0));
    const previous =
      payload.previousAssessmentId === null
        ? undefined
        : findAssessmentRecord(database, payload.previousAssessmentId);
    const previousSigning = previous?.payload.signings.at(-1);

    return {
      id: record.id,
      title: payload.title,
      saqType: record.saqType,
      questionnaireId: record.questionnaireId,
      companyName: record.merchant.companyName,
      periodStart: (record.periodStart as CalendarDate | null) ?? null,
      periodEnd: (record.periodEnd as CalendarDate | null) ?? null,
      status: record.status,
      progress: progressOf(state),
      outcome: outcomeSoFar(state.outcome.status, progressOf(state)),
      changedSinceSigned,
      signedAt: record.status === 'signed' ? (lastSigning?.signedAt ?? null) : null,
      due: dueItems(
        state,
        this.#today(),
        previousSigning === undefined ? null : calendarDateOf(new Date(previousSigning.signedAt)),
      ),
      revision: record.revision,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  #summaryWithoutQuestionnaire(
    database: SqliteDatabase,
    record: AssessmentRecord,
  ): AssessmentSummary {
    const answered = listAnswerRecords(database, record.id).filter(
      (answer) => answer.response !== null,
    ).length;
    const lastSigning = record.payload.signings.at(-1);
    return {
      id: record.id,
      title: record.payload.title,
      saqType: record.saqType,
      questionnaireId: record.questionnaireId,
      companyName: record.merchant.companyName,
      periodStart: (record.periodStart as CalendarDate | null) ?? null,
      periodEnd: (record.periodEnd as CalendarDate | null) ?? null,
      status: record.status,
      progress: { answered, total: answered },
      outcome: 'non-compliant',
      changedSinceSigned: false,
      signedAt: record.status === 'signed' ? (lastSigning?.signedAt ?? null) : null,
      due: [],
      questionnaireMissing: true,
      revision: record.revision,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  /** Runs a write on one assessment, after the catalogue is loaded (writes are synchronous). */
  async #write<T>(
    assessmentId: string,
    body: (transaction: WriteTransaction, state: AssessmentState) => T,
  ): Promise<T> {
    const resolve = await this.#resolver();
    const session = this.#vault.session();
    return session.write(this.#door, (transaction) =>
      body(transaction, loadState(transaction.database, assessmentId, resolve)),
    );
  }

  /** A section save: draft only, revision checked, payload replaced, audited. */
  async #saveSection(
    assessmentId: string,
    expectedRevision: number | undefined,
    action: string,
    change: (state: AssessmentState, transaction: WriteTransaction) => AssessmentPayload,
    audited: (payload: AssessmentPayload) => unknown,
  ): Promise<SavedSection> {
    return this.#write(assessmentId, (transaction, state) => {
      assertDraft(state.record);
      assertRevision(state.record.revision, expectedRevision, 'expectedRevision');
      const payload = change(state, transaction);
      const now = this.#now().toISOString();
      const revision = updateAssessment(transaction.database, state.record, { payload }, now);
      transaction.audit({
        action,
        subject: subjectOf(assessmentId),
        summary: `revision ${revision}`,
        before: audited(state.record.payload),
        after: audited(payload),
      });
      return { revision, updatedAt: now };
    });
  }

  // ------------------------------------------------------------ reads

  async listAssessments(): Promise<AssessmentSummary[]> {
    const resolve = await this.#resolver();
    const session = this.#vault.session();
    return session.read((database) =>
      listAssessmentRecords(database).flatMap((record) => {
        try {
          return [this.#summary(database, loadState(database, record.id, resolve))];
        } catch (error) {
          // A questionnaire removed from this computer: still listed, without figures.
          if (!(error instanceof OperationError)) throw error;
          this.#log.warn('questionnaire of an assessment unavailable', {
            assessment: record.id,
            code: error.code,
          });
          return [this.#summaryWithoutQuestionnaire(database, record)];
        }
      }),
    );
  }

  async getAssessment(assessmentId: string): Promise<AssessmentDetail> {
    const resolve = await this.#resolver();
    const session = this.#vault.session();
    return session.read((database) => {
      const state = loadState(database, assessmentId, resolve);
      const { payload } = state.record;
      const levels = payload.levelInputs === null ? null : merchantLevels(payload.levelInputs);
      const recommendation = payload.saqProfile === null ? null : recommendSaq(payload.saqProfile);
      const selection = saqSelectionOf(state)?.selection ?? null;
      const lastSigning = payload.signings.at(-1);

      return {
        summary: this.#summary(database, state),
        questionnaire: pinnedQuestionnaire(state),
        merchant: state.record.merchant,
        assessor: payload.assessor,
        level: {
          inputs: payload.levelInputs,
          result: levels,
          validationPath: levels === null ? null : merchantValidationPath(levels),
        },
        saqChoice: { profile: payload.saqProfile, recommendation, selection },
        executiveSummary: payload.executiveSummary,
        eligibility: state.eligibility,
        answers: answerViews(state),
        outcome: state.outcome,
        attestation: attestationView(state),
        dueDates: payload.dueDates,
        resume: payload.resume,
        signing:
          state.record.status === 'signed' && lastSigning !== undefined
            ? {
                signedAt: lastSigning.signedAt,
                auditHead: lastSigning.auditHead,
                auditLength: lastSigning.auditLength,
              }
            : null,
        previousAssessmentId: payload.previousAssessmentId,
        exportsStale: payload.exportsStaleBefore !== null,
        exports: payload.exports.map((entry, index) => exportView(payload, entry, index)),
      };
    });
  }

  async getReview(assessmentId: string): Promise<AssessmentReview> {
    const resolve = await this.#resolver();
    const session = this.#vault.session();
    return session.read((database) =>
      reviewOf(loadState(database, assessmentId, resolve), this.#today()),
    );
  }

  /** The assessment as loaded for mapping onto other shapes (the report). */
  async state(assessmentId: string): Promise<AssessmentState> {
    const resolve = await this.#resolver();
    const session = this.#vault.session();
    return session.read((database) => loadState(database, assessmentId, resolve));
  }

  // ------------------------------------------------------------ creation

  async createAssessment(input: CreateAssessmentInput): Promise<AssessmentSummary> {
    assertNoCardDataIn({ title: input.title ?? '', companyName: input.companyName ?? '' });
    this.#checkedPeriod(input);
    const resolve = await this.#resolver();
    const questionnaire = resolve(input.questionnaireId);
    const id = randomUUID();
    const now = this.#now().toISOString();
    const session = this.#vault.session();

    return session.write(this.#door, (transaction) => {
      insertAssessment(transaction.database, {
        id,
        profileId: randomUUID(),
        saqType: questionnaire.saqType,
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        questionnaireSha256: questionnaire.provenance.sha256,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        merchant: merchantPart1aSchema.parse({ companyName: input.companyName?.trim() ?? '' }),
        payload: emptyPayload(
          input.title?.trim() || saqDisplayName(questionnaire.saqType),
          questionnaire.official,
          questionnaire.revision,
        ),
        now,
      });
      transaction.audit({
        action: 'assessment.created',
        subject: subjectOf(id),
        summary: `questionnaire ${questionnaire.id} ${questionnaire.version}${
          questionnaire.official ? '' : ' (unofficial)'
        }`,
      });
      this.#log.info('assessment created', { assessment: id, questionnaire: questionnaire.id });
      return this.#summary(transaction.database, loadState(transaction.database, id, resolve));
    });
  }

  async createNextYearAssessment(input: {
    readonly previousAssessmentId: string;
    readonly questionnaireId?: string | undefined;
    readonly title?: string | undefined;
    readonly periodStart: string | null;
    readonly periodEnd: string | null;
  }): Promise<NextYearAssessment> {
    assertNoCardDataIn({ title: input.title ?? '' });
    const givenPeriod = this.#checkedPeriod(input);
    const resolve = await this.#resolver();
    const session = this.#vault.session();
    const today = this.#today();

    return session.write(this.#door, (transaction) => {
      const { database } = transaction;
      const previous = getAssessmentRecord(database, input.previousAssessmentId);
      const questionnaire = resolve(input.questionnaireId ?? previous.questionnaireId);
      const id = randomUUID();
      const now = this.#now().toISOString();
      const { payload } = previous;
      const period =
        givenPeriod.periodStart === null && givenPeriod.periodEnd === null
          ? followingPeriod(previous.periodEnd, today)
          : givenPeriod;

      insertAssessment(database, {
        id,
        profileId: randomUUID(),
        saqType: questionnaire.saqType,
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        questionnaireSha256: questionnaire.provenance.sha256,
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        merchant: previous.merchant,
        payload: {
          ...emptyPayload(
            input.title?.trim() || nextYearTitle(payload.title, questionnaire.saqType),
            questionnaire.official,
            questionnaire.revision,
          ),
          assessor: payload.assessor,
          levelInputs: payload.levelInputs,
          saqProfile: payload.saqProfile,
          saqSelection:
            payload.saqSelection?.saq === questionnaire.saqType ? payload.saqSelection : null,
          // Part 2 is carried over as a draft; the Part 2h statements are confirmed afresh.
          executiveSummary: { ...payload.executiveSummary, eligibilityConfirmed: [] },
          dueDates: payload.dueDates,
          previousAssessmentId: previous.id,
        },
        now,
      });
      transaction.audit({
        action: 'assessment.created',
        subject: subjectOf(id),
        summary: `next year from assessment:${previous.id}, questionnaire ${questionnaire.id}`,
      });

      // Answers map by row id, which is the requirement ID (plus a bullet). A
      // requirement answered as a whole last year and per bullet now gives its
      // answer to each bullet.
      const oldAnswers = new Map(
        listAnswerRecords(database, previous.id)
          .filter((answer) => answer.response !== null)
          .map((answer) => [answer.rowId, answer]),
      );
      const newRows = answerableRows(answerRowsOf(questionnaire));
      // "Added" and "removed" compare the two questionnaires, not what was
      // answered: a row left unanswered last year is not new this year.
      const oldRows = rowsOfQuestionnaire(resolve, previous.questionnaireId);
      const existed = new Set((oldRows ?? []).flatMap((row) => [row.id, row.requirementId]));
      const stays = new Set(newRows.flatMap((row) => [row.id, row.requirementId]));
      const used = new Set<string>();
      const copied: string[] = [];
      const added: string[] = [];
      const sources = new Map<string, string>();
      for (const row of newRows) {
        const source = oldAnswers.has(row.id)
          ? row.id
          : oldAnswers.has(row.requirementId)
            ? row.requirementId
            : undefined;
        const isNew = oldRows === null || (!existed.has(row.id) && !existed.has(row.requirementId));
        if (source === undefined) {
          if (isNew) added.push(row.id);
          continue;
        }
        const answer = oldAnswers.get(source);
        if (answer === undefined) continue;
        used.add(source);
        sources.set(row.id, source);
        storeAnswer(
          transaction,
          {
            assessmentId: id,
            rowId: row.id,
            response: answer.response,
            payload: { ...answer.payload, notes: answer.notes, carriedOver: true },
          },
          this.#now(),
        );
        copied.push(row.id);
      }
      const removed = [
        ...new Set([
          ...(oldRows ?? [])
            .filter((row) => !stays.has(row.id) && !stays.has(row.requirementId))
            .map((row) => row.id),
          ...[...oldAnswers.keys()].filter((rowId) => !used.has(rowId)),
        ]),
      ];

      // Evidence links follow the rows they supported.
      const links = database
        .prepare<[string], { evidence_id: string; row_id: string }>(
          'SELECT evidence_id, row_id FROM evidence_links WHERE assessment_id = ?',
        )
        .all(previous.id);
      const insertLink = database.prepare(
        `INSERT OR IGNORE INTO evidence_links (evidence_id, assessment_id, row_id, linked_at)
         VALUES (?, ?, ?, ?)`,
      );
      let kept = 0;
      for (const [newRowId, source] of sources) {
        for (const link of links.filter((candidate) => candidate.row_id === source)) {
          kept += insertLink.run(link.evidence_id, id, newRowId, now).changes;
        }
      }
      if (kept > 0) {
        transaction.audit({
          action: 'evidence.linked',
          subject: subjectOf(id),
          summary: `${kept} link(s) carried over from assessment:${previous.id}`,
        });
      }

      const state = loadState(database, id, resolve);
      const expiredEvidence = state.evidence
        .filter(
          (evidence) =>
            evidence.expiresOn !== null &&
            isCalendarDate(evidence.expiresOn) &&
            isBefore(evidence.expiresOn, today),
        )
        .map((evidence) => ({
          evidenceId: evidence.id,
          title: evidence.title,
          expiresOn: evidence.expiresOn as CalendarDate | null,
          rowIds: evidence.rowIds,
        }));
      this.#log.info('next-year assessment created', {
        assessment: id,
        copied: copied.length,
        added: added.length,
        removed: removed.length,
        links: kept,
      });

      return {
        assessment: this.#summary(database, state),
        copiedRowIds: copied,
        addedRowIds: added,
        removedRowIds: removed,
        evidenceLinksKept: kept,
        expiredEvidence,
      };
    });
  }

  // ------------------------------------------------------------ sections

  saveAssessmentDetails(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly title: string;
    readonly periodStart: string | null;
    readonly periodEnd: string | null;
  }): Promise<SavedSection> {
    assertNoCardDataIn({ title: input.title });
    const title = input.title.trim();
    if (title === '') {
      throw new OperationError('INVALID_INPUT', 'Give the assessment a title.', 'title');
    }
    const period = this.#checkedPeriod(input);

    return this.#write(input.assessmentId, (transaction, state) => {
      assertDraft(state.record);
      assertRevision(state.record.revision, input.expectedRevision, 'expectedRevision');
      const now = this.#now().toISOString();
      const { record } = state;
      const revision = updateAssessment(
        transaction.database,
        record,
        { payload: { ...record.payload, title }, period },
        now,
      );
      transaction.audit({
        action: 'assessment.details-saved',
        subject: subjectOf(input.assessmentId),
        summary: `revision ${revision}`,
        before: {
          title: record.payload.title,
          periodStart: record.periodStart,
          periodEnd: record.periodEnd,
        },
        after: { title, ...period },
      });
      return { revision, updatedAt: now };
    });
  }

  /** The period as given, or INVALID_INPUT on the field that makes it unusable. */
  #checkedPeriod(input: {
    readonly periodStart: string | null;
    readonly periodEnd: string | null;
  }): AssessmentPeriod {
    // The API's schema has checked the shape; these casts only name it.
    const period = {
      periodStart: input.periodStart as CalendarDate | null,
      periodEnd: input.periodEnd as CalendarDate | null,
    };
    const problem = periodProblem(period, this.#today());
    if (problem !== null) throw new OperationError('INVALID_INPUT', problem.message, problem.field);
    return period;
  }

  saveMerchantProfile(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly merchant: MerchantPart1a;
    readonly assessor: AssessorPart1b;
  }): Promise<SavedSection> {
    assertNoCardDataIn({ merchant: input.merchant, assessor: input.assessor });
    return this.#saveSection(
      input.assessmentId,
      input.expectedRevision,
      'assessment.profile-saved',
      (state, transaction) => {
        updateMerchant(
          transaction.database,
          state.record.profileId,
          input.merchant,
          this.#now().toISOString(),
        );
        return { ...state.record.payload, assessor: input.assessor };
      },
      (payload) => ({ assessor: payload.assessor, merchant: input.merchant }),
    );
  }

  async saveLevelInputs(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly inputs: MerchantLevelInput;
  }): Promise<SavedSection & { result: MerchantLevelResult; validationPath: ValidationPath }> {
    const saved = await this.#saveSection(
      input.assessmentId,
      input.expectedRevision,
      'assessment.level-saved',
      (state) => ({ ...state.record.payload, levelInputs: input.inputs }),
      (payload) => payload.levelInputs,
    );
    const result = merchantLevels(input.inputs);
    return { ...saved, result, validationPath: merchantValidationPath(result) };
  }

  async saveSaqChoice(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly profile: SaqProfile;
    readonly questionnaireId: string;
    readonly overrideReason?: string | undefined;
  }): Promise<
    SavedSection & {
      recommendation: SaqRecommendation;
      selection: SaqSelection;
      questionnaire: PinnedQuestionnaire;
    }
  > {
    assertNoCardDataIn({ overrideReason: input.overrideReason ?? '' });
    const resolve = await this.#resolver();
    const chosen = resolve(input.questionnaireId);
    const recommendation = recommendSaq(input.profile);
    const selected = selectSaq(
      channelFor(recommendation, chosen.saqType),
      chosen.saqType,
      input.overrideReason,
    );
    if (!selected.ok) {
      throw new OperationError(
        'INVALID_INPUT',
        selected.problem,
        isShipped(chosen.saqType) ? 'overrideReason' : 'questionnaireId',
      );
    }
    const { selection } = selected;

    return this.#write(input.assessmentId, (transaction, state) => {
      assertDraft(state.record);
      assertRevision(state.record.revision, input.expectedRevision, 'expectedRevision');
      const now = this.#now().toISOString();
      const repin =
        chosen.id !== state.record.questionnaireId ||
        chosen.provenance.sha256 !== state.record.questionnaireSha256;
      const payload: AssessmentPayload = {
        ...state.record.payload,
        saqProfile: input.profile,
        saqSelection: {
          saq: selection.saq,
          recommended: selection.recommended,
          overridden: selection.overridden,
          reason: selection.reason,
        },
        official: chosen.official,
        questionnaireRevision: chosen.revision,
        ...(repin
          ? {
              executiveSummary: {
                ...state.record.payload.executiveSummary,
                eligibilityConfirmed:
                  state.record.payload.executiveSummary.eligibilityConfirmed.filter((statementId) =>
                    chosen.eligibility.some((statement) => statement.id === statementId),
                  ),
              },
            }
          : {}),
      };
      const revision = updateAssessment(
        transaction.database,
        state.record,
        { payload, ...(repin ? { questionnaire: pinOf(chosen) } : {}) },
        now,
      );
      transaction.audit({
        action: selection.overridden ? 'assessment.saq-overridden' : 'assessment.saq-chosen',
        subject: subjectOf(input.assessmentId),
        summary:
          `saq ${selection.saq}, recommended ${selection.recommended ?? 'none'}` +
          (repin ? `, questionnaire ${chosen.id}` : ''),
        before: {
          profile: state.record.payload.saqProfile,
          selection: state.record.payload.saqSelection,
        },
        // The override reason is kept in the record; the audit holds its digest.
        after: { profile: input.profile, selection: payload.saqSelection },
      });
      const after = loadState(transaction.database, input.assessmentId, resolve);
      return {
        revision,
        updatedAt: now,
        recommendation,
        selection,
        questionnaire: pinnedQuestionnaire(after),
      };
    });
  }

  async saveSaqAnswers(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly profile: SaqProfile;
  }): Promise<SavedSection & { recommendation: SaqRecommendation }> {
    const saved = await this.#saveSection(
      input.assessmentId,
      input.expectedRevision,
      'assessment.saq-answers-saved',
      (state) => ({ ...state.record.payload, saqProfile: input.profile }),
      (payload) => payload.saqProfile,
    );
    return { ...saved, recommendation: recommendSaq(input.profile) };
  }

  saveExecutiveSummary(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly summary: ExecutiveSummary;
  }): Promise<SavedSection> {
    assertNoCardDataIn({ summary: input.summary });
    const summary = executiveSummarySchema.parse(input.summary);
    return this.#saveSection(
      input.assessmentId,
      input.expectedRevision,
      'assessment.summary-saved',
      (state) => {
        const known = new Set(state.questionnaire.eligibility.map((statement) => statement.id));
        const unknown = summary.eligibilityConfirmed.findIndex((id) => !known.has(id));
        if (unknown >= 0) {
          throw new OperationError(
            'INVALID_INPUT',
            'Not an eligibility statement of this SAQ.',
            `summary.eligibilityConfirmed.${unknown}`,
          );
        }
        return {
          ...state.record.payload,
          executiveSummary: {
            ...summary,
            eligibilityConfirmed: [...new Set(summary.eligibilityConfirmed)],
          },
        };
      },
      (payload) => payload.executiveSummary,
    );
  }

  saveDueDates(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly lastPassingAsvScanOn: string | null;
    readonly serviceProvidersConfirmedOn: string | null;
  }): Promise<SavedSection> {
    const dueDates = {
      lastPassingAsvScanOn: input.lastPassingAsvScanOn,
      serviceProvidersConfirmedOn: input.serviceProvidersConfirmedOn,
    } as DueDates;
    return this.#saveSection(
      input.assessmentId,
      input.expectedRevision,
      'assessment.due-dates-saved',
      (state) => {
        // The rule of the completion and signature dates: not after today by
        // this vault's clock (a day's grace for time zones). A date saved
        // before this rule stays until it is changed.
        const latestAllowed = addDays(this.#today(), 1);
        const before = state.record.payload.dueDates;
        for (const [field, label] of DUE_DATE_LABELS) {
          const date = dueDates[field];
          if (date !== null && date !== before[field] && isBefore(latestAllowed, date)) {
            throw new OperationError('INVALID_INPUT', `${label} cannot be in the future.`, field);
          }
        }
        return { ...state.record.payload, dueDates };
      },
      (payload) => payload.dueDates,
    );
  }

  async setResumePosition(assessmentId: string, position: WizardTarget): Promise<{ ok: true }> {
    // Where the user was is not part of the record: no audit, no revision,
    // and allowed on a signed assessment too.
    await this.#write(assessmentId, (transaction, state) => {
      updateAssessment(
        transaction.database,
        state.record,
        { payload: { ...state.record.payload, resume: position }, bumpRevision: false },
        state.record.updatedAt,
      );
    });
    return { ok: true };
  }

  // ------------------------------------------------------------ answers

  async saveAnswer(input: AnswerInput): Promise<SavedAnswer> {
    assertNoCardDataIn({ payload: input.payload, notes: input.notes });

    return this.#write(input.assessmentId, (transaction, state) => {
      assertDraft(state.record);
      const row = state.rows.find((candidate) => candidate.id === input.rowId);
      if (row === undefined || row.placeholder) {
        throw new OperationError(
          'NOT_FOUND',
          row === undefined
            ? 'The questionnaire has no such answer row.'
            : 'This row is shown without a response.',
          'rowId',
        );
      }
      const problems = answerProblems(
        { response: input.response, payload: input.payload },
        state.questionnaire.saqType,
        state.questionnaire.allowedResponses,
      );
      const refused = problems.find((problem) => problem.code === 'not-allowed');
      if (refused !== undefined)
        throw new OperationError('INVALID_INPUT', refused.message, 'response');

      const stored = storeAnswer(
        transaction,
        {
          assessmentId: input.assessmentId,
          rowId: input.rowId,
          response: input.response,
          payload: { ...input.payload, notes: input.notes },
          expectedRevision: input.expectedRevision,
        },
        this.#now(),
      );
      transaction.database
        .prepare('UPDATE assessments SET updated_at = ? WHERE id = ?')
        .run(stored.updatedAt, input.assessmentId);

      const after = loadState(transaction.database, input.assessmentId, () => state.questionnaire);
      const answer = after.answerRecords.get(input.rowId);
      if (answer === undefined) throw new Error('The saved answer is missing.');
      const progress = progressOf(after);
      return {
        answer: answerView(after, answer),
        progress,
        outcome: outcomeSoFar(after.outcome.status, progress),
      };
    });
  }

  // ------------------------------------------------------------ attestation and signing

  saveAttestation(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
    readonly attestation: AttestationInput;
  }): Promise<SavedSection> {
    const { signature, ...signerText } = input.attestation.signer;
    // A drawn signature is an image, not text; a typed one is checked as text.
    assertNoCardDataIn({
      attestation: { ...input.attestation, signer: signerText },
      typedSignature: signature?.kind === 'typed' ? signature.text : '',
    });
    if (
      signature?.kind === 'drawn' &&
      !Buffer.from(signature.pngDataUrl.slice(signature.pngDataUrl.indexOf(',') + 1), 'base64')
        .subarray(0, PNG_MAGIC.length)
        .equals(PNG_MAGIC)
    ) {
      throw new OperationError(
        'INVALID_INPUT',
        'A drawn signature must be a PNG image.',
        'attestation.signer.signature.pngDataUrl',
      );
    }
    const statementIds: readonly string[] = PART_3A_ACKNOWLEDGEMENTS.map(
      (statement) => statement.id,
    );
    const unknown = input.attestation.acknowledgements.findIndex(
      (id) => !statementIds.includes(id),
    );
    if (unknown >= 0) {
      throw new OperationError(
        'INVALID_INPUT',
        'Not a Part 3a statement.',
        `attestation.acknowledgements.${unknown}`,
      );
    }
    const known = new Set(input.attestation.acknowledgements);

    return this.#write(input.assessmentId, (transaction, state) => {
      assertDraft(state.record);
      assertRevision(state.record.revision, input.expectedRevision, 'expectedRevision');
      const now = this.#now().toISOString();
      const attestation = { ...input.attestation, acknowledgements: [...known] };
      upsertAttestation(transaction.database, input.assessmentId, attestation, now, randomUUID);
      const revision = updateAssessment(transaction.database, state.record, {}, now);
      transaction.audit({
        action: 'attestation.saved',
        subject: subjectOf(input.assessmentId),
        summary: `revision ${revision}`,
        before: state.attestation?.input ?? null,
        after: attestation,
      });
      return { revision, updatedAt: now };
    });
  }

  async signAssessment(input: {
    readonly assessmentId: string;
    readonly expectedRevision?: number | undefined;
  }): Promise<SigningRecord & { summary: AssessmentSummary }> {
    const resolve = await this.#resolver();
    return this.#write(input.assessmentId, (transaction, state) => {
      assertDraft(state.record);
      assertRevision(state.record.revision, input.expectedRevision, 'expectedRevision');
      const review = reviewOf(state, this.#today());
      const blocking = review.items.filter((item) => item.blocksSigning);
      const first = blocking[0];
      if (first !== undefined || state.attestation === undefined) {
        throw new OperationError(
          'ASSESSMENT_INCOMPLETE',
          `${blocking.length} review item(s) stop signing.`,
          first === undefined
            ? 'attestation'
            : [first.target.screen, first.target.rowId, first.target.field]
                .filter((part) => part !== undefined)
                .join('/'),
        );
      }
      const signedAt = this.#now().toISOString();
      // The signing entry is the last one the signature covers: its hash and
      // sequence number are the head and length printed in the report.
      const entry = transaction.audit({
        action: 'assessment.signed',
        subject: subjectOf(input.assessmentId),
        summary: `outcome ${state.outcome.status}${
          state.outcome.scope === null ? '' : `, ${state.outcome.scope}`
        }`,
        after: { attestation: state.attestation.input, outcome: state.outcome.status },
      });
      const signing = { signedAt, auditHead: entry.hash, auditLength: entry.seq };
      const payload: AssessmentPayload = {
        ...state.record.payload,
        signings: [...state.record.payload.signings, { ...signing, reopenedAt: null }],
        reopenedAtRevision: null,
        reopenedAtHistoryId: null,
      };
      updateAssessment(transaction.database, state.record, { payload, status: 'signed' }, signedAt);
      markAttestationSigned(transaction.database, state.attestation.id, signing, signedAt);
      this.#log.info('assessment signed', { assessment: input.assessmentId });
      return {
        ...signing,
        summary: this.#summary(
          transaction.database,
          loadState(transaction.database, input.assessmentId, resolve),
        ),
      };
    });
  }

  async reopenAssessment(assessmentId: string, reason: string): Promise<AssessmentSummary> {
    assertNoCardDataIn({ reason });
    const resolve = await this.#resolver();
    return this.#write(assessmentId, (transaction, state) => {
      if (state.record.status !== 'signed') {
        throw new OperationError(
          'INVALID_INPUT',
          'Only a signed assessment is reopened.',
          'assessmentId',
        );
      }
      const now = this.#now().toISOString();
      const signings = state.record.payload.signings.map((signing, index, all) =>
        index === all.length - 1 ? { ...signing, reopenedAt: now } : signing,
      );
      const revision = state.record.revision + 1;
      const payload: AssessmentPayload = {
        ...state.record.payload,
        signings,
        reopenedAtRevision: revision,
        reopenedAtHistoryId: latestHistoryId(transaction.database, assessmentId),
        exportsStaleBefore: now,
        staleExportCount: state.record.payload.exports.length,
      };
      updateAssessment(transaction.database, state.record, { payload, status: 'draft' }, now);
      if (state.attestation !== undefined) {
        markAttestationSigned(transaction.database, state.attestation.id, null, now);
      }
      transaction.audit({
        action: 'assessment.reopened',
        subject: subjectOf(assessmentId),
        summary: `signature of ${signings.at(-1)?.signedAt ?? 'unknown'} withdrawn; earlier exports stale`,
        after: { reason },
      });
      this.#log.info('assessment reopened', { assessment: assessmentId });
      return this.#summary(
        transaction.database,
        loadState(transaction.database, assessmentId, resolve),
      );
    });
  }

  // ------------------------------------------------------------ report

  /**
   * Renders, signs and writes the report of a signed assessment, then records
   * the export (audited). The report states the audit head and length as
   * they stood at signing.
   */
  async exportReport(request: ReportExportRequest): Promise<ExportedReport> {
    const state = await this.state(request.assessmentId);
    const signing = state.record.payload.signings.at(-1);
    if (state.record.status !== 'signed' || signing === undefined) {
      throw new OperationError(
        'ASSESSMENT_INCOMPLETE',
        'Only a signed assessment is exported as a signed report.',
        'assessmentId',
      );
    }
    const session = this.#vault.session();
    let identity = session.read(findSigningIdentity);
    if (identity === undefined) {
      const made = newSigningIdentity(state.record.merchant.companyName, this.#now());
      identity = session.write(this.#door, (transaction) =>
        keepSigningIdentity(transaction, made, this.#now()),
      );
    }

    const exportedAt = this.#now().toISOString();
    const model = reportModelOf(state, {
      generatedAt: exportedAt,
      audit: { head: signing.auditHead, length: signing.auditLength },
    });
    const fileName = reportFileName(state, request.variant);
    const target = request.destination(fileName);
    const started = performance.now();
    let written;
    try {
      written = await exportSignedReport(
        {
          model,
          variant: request.variant,
          signing: {
            p12: identity.p12,
            passphrase: identity.passphrase,
            certificateFingerprint: identity.fingerprintSha256,
            location: state.record.merchant.companyName,
            contactInfo: state.record.merchant.email,
          },
        },
        target,
        {
          ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
          ...(request.signal === undefined ? {} : { signal: request.signal }),
        },
      );
    } catch (error) {
      if (request.signal?.aborted === true) {
        throw new OperationError('CANCELLED', 'The export was cancelled.');
      }
      throw error;
    }
    const entry: StoredExport = {
      fileName: basename(target),
      variant: request.variant,
      bytes: written.bytes,
      sha256: written.sha256,
      exportedAt,
      certificateFingerprint: identity.fingerprintSha256,
    };
    return this.#write(request.assessmentId, (transaction, current) => {
      const payload: AssessmentPayload = {
        ...current.record.payload,
        exports: [...current.record.payload.exports, entry],
      };
      updateAssessment(
        transaction.database,
        current.record,
        { payload, bumpRevision: false },
        current.record.updatedAt,
      );
      transaction.audit({
        action: 'report.exported',
        subject: subjectOf(request.assessmentId),
        summary: `${request.variant} report, sha256 ${written.sha256}`,
      });
      this.#log.info('report exported', {
        assessment: request.assessmentId,
        variant: request.variant,
        bytes: written.bytes,
        ms: Math.round(performance.now() - started),
      });
      return exportView(payload, entry, payload.exports.length - 1);
    });
  }
}
