import {
  assessorPart1bSchema,
  attestationSchema,
  executiveSummarySchema,
  merchantPart1aSchema,
  type AssessorPart1b,
  type AttestationInput,
  type DueDates,
  type ExecutiveSummary,
  type MerchantPart1a,
  type WizardTarget,
} from '../../../shared/api/ops/assessments';
import { OperationError } from '../../../shared/api/result';
import type { MerchantLevelInput } from '../../../shared/domain/merchant-level';
import type { Response, SaqType } from '../../../shared/domain/responses';
import type { SaqProfile } from '../../../shared/domain/saq-recommendation';
import type { SqliteDatabase } from '../store/sqlite-binding';

/**
 * How an assessment sits in the vault. The schema of migration 1 keeps the
 * queried parts in columns (SAQ type, pinned questionnaire, period, status)
 * and the rest of each wizard section in the JSON `payload` of its row:
 * Part 1a in the merchant profile, Part 1b, the level inputs, the SAQ
 * choice, Part 2 and the bookkeeping of signing in the assessment, Parts 3
 * and 4 in the attestation. Each assessment has its own profile row, so that
 * editing next year's Part 1a never changes a signed record.
 */

export interface StoredSaqSelection {
  readonly saq: SaqType;
  readonly recommended: SaqType | null;
  readonly overridden: boolean;
  readonly reason: string | null;
}

export interface SigningHistoryEntry {
  readonly signedAt: string;
  readonly auditHead: string;
  readonly auditLength: number;
  readonly reopenedAt: string | null;
}

export interface AssessmentPayload {
  readonly title: string;
  readonly official: boolean;
  readonly questionnaireRevision: number | null;
  readonly assessor: AssessorPart1b;
  readonly levelInputs: MerchantLevelInput | null;
  readonly saqProfile: SaqProfile | null;
  readonly saqSelection: StoredSaqSelection | null;
  readonly executiveSummary: ExecutiveSummary;
  readonly dueDates: DueDates;
  readonly resume: WizardTarget | null;
  readonly previousAssessmentId: string | null;
  /** Every signature this assessment had, the latest last. */
  readonly signings: readonly SigningHistoryEntry[];
  /** The assessment revision and answer-history id when last reopened: later ones are changes. */
  readonly reopenedAtRevision: number | null;
  readonly reopenedAtHistoryId: number | null;
  /** Exports produced before this instant no longer match the record. */
  readonly exportsStaleBefore: string | null;
  readonly exports: readonly StoredExport[];
  /** The first this many exports were made before the last reopening. */
  readonly staleExportCount: number;
}

export interface StoredExport {
  readonly fileName: string;
  readonly variant: 'full' | 'aoc';
  readonly bytes: number;
  readonly sha256: string;
  readonly exportedAt: string;
  readonly certificateFingerprint: string;
}

export interface AssessmentRecord {
  readonly id: string;
  readonly profileId: string;
  readonly saqType: SaqType;
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  readonly questionnaireSha256: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly status: 'draft' | 'signed';
  readonly payload: AssessmentPayload;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly merchant: MerchantPart1a;
}

export interface AttestationRecord {
  readonly id: string;
  readonly input: AttestationInput;
  readonly signedAt: string | null;
  readonly auditHead: string | null;
  readonly auditLength: number | null;
}

/** A stored answer split into what the rules read and what the row screen adds. */
export interface AnswerRecord {
  readonly rowId: string;
  readonly response: Response | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly notes: string;
  readonly carriedOver: boolean;
  readonly revision: number;
  readonly updatedAt: string;
}

export const EMPTY_DUE_DATES: DueDates = {
  lastPassingAsvScanOn: null,
  serviceProvidersConfirmedOn: null,
};

export function emptyPayload(title: string, official: boolean, revision: number | null) {
  return {
    title,
    official,
    questionnaireRevision: revision,
    assessor: assessorPart1bSchema.parse({}),
    levelInputs: null,
    saqProfile: null,
    saqSelection: null,
    executiveSummary: executiveSummarySchema.parse({}),
    dueDates: EMPTY_DUE_DATES,
    resume: null,
    previousAssessmentId: null,
    signings: [],
    reopenedAtRevision: null,
    reopenedAtHistoryId: null,
    exportsStaleBefore: null,
    exports: [],
    staleExportCount: 0,
  } satisfies AssessmentPayload;
}

interface AssessmentRow {
  id: string;
  profile_id: string;
  saq_type: SaqType;
  questionnaire_id: string;
  questionnaire_version: string;
  questionnaire_sha256: string;
  period_start: string | null;
  period_end: string | null;
  status: 'draft' | 'signed';
  payload: string;
  revision: number;
  created_at: string;
  updated_at: string;
  profile_payload: string;
  company_name: string;
  contact_name: string;
}

const SELECT_ASSESSMENT = `
  SELECT a.*, p.payload AS profile_payload, p.company_name, p.contact_name
  FROM assessments a JOIN merchant_profiles p ON p.id = a.profile_id`;

function fromRow(row: AssessmentRow): AssessmentRecord {
  // Stored payloads were written by this code; defaults fill fields added later.
  const stored = JSON.parse(row.payload) as Partial<AssessmentPayload>;
  const base = emptyPayload(stored.title ?? '', stored.official ?? false, null);
  const merchant = merchantPart1aSchema.parse({
    ...(JSON.parse(row.profile_payload) as object),
    companyName: row.company_name,
    contactName: row.contact_name,
  });

  return {
    id: row.id,
    profileId: row.profile_id,
    saqType: row.saq_type,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    questionnaireSha256: row.questionnaire_sha256,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    payload: {
      ...base,
      ...stored,
      executiveSummary: executiveSummarySchema.parse(stored.executiveSummary ?? {}),
      assessor: assessorPart1bSchema.parse(stored.assessor ?? {}),
    },
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    merchant,
  };
}

export function listAssessmentRecords(database: SqliteDatabase): AssessmentRecord[] {
  return database
    .prepare<[], AssessmentRow>(`${SELECT_ASSESSMENT} ORDER BY a.created_at DESC, a.id`)
    .all()
    .map(fromRow);
}

export function findAssessmentRecord(
  database: SqliteDatabase,
  id: string,
): AssessmentRecord | undefined {
  const row = database
    .prepare<[string], AssessmentRow>(`${SELECT_ASSESSMENT} WHERE a.id = ?`)
    .get(id);
  return row === undefined ? undefined : fromRow(row);
}

export function getAssessmentRecord(database: SqliteDatabase, id: string): AssessmentRecord {
  const record = findAssessmentRecord(database, id);
  if (record === undefined) {
    throw new OperationError('NOT_FOUND', 'No such assessment.', 'assessmentId');
  }
  return record;
}

export interface NewAssessment {
  readonly id: string;
  readonly profileId: string;
  readonly saqType: SaqType;
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  readonly questionnaireSha256: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly merchant: MerchantPart1a;
  readonly payload: AssessmentPayload;
  readonly now: string;
}

export function insertAssessment(database: SqliteDatabase, record: NewAssessment): void {
  const { companyName, contactName, ...profileRest } = record.merchant;
  database
    .prepare(
      `INSERT INTO merchant_profiles (id, company_name, contact_name, payload, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.profileId,
      companyName,
      contactName,
      JSON.stringify(profileRest),
      record.now,
      record.now,
    );
  database
    .prepare(
      `INSERT INTO assessments (id, profile_id, saq_type, questionnaire_id, questionnaire_version,
         questionnaire_sha256, period_start, period_end, status, payload, revision, created_at,
         updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, 1, ?, ?)`,
    )
    .run(
      record.id,
      record.profileId,
      record.saqType,
      record.questionnaireId,
      record.questionnaireVersion,
      record.questionnaireSha256,
      record.periodStart,
      record.periodEnd,
      JSON.stringify(record.payload),
      record.now,
      record.now,
    );
}

/** Writes the payload (and optionally the pinned questionnaire and status); bumps the revision. */
export function updateAssessment(
  database: SqliteDatabase,
  record: AssessmentRecord,
  change: {
    readonly payload?: AssessmentPayload;
    readonly status?: 'draft' | 'signed';
    readonly questionnaire?: {
      readonly saqType: SaqType;
      readonly id: string;
      readonly version: string;
      readonly sha256: string;
    };
    readonly bumpRevision?: boolean;
    readonly period?: { readonly periodStart: string | null; readonly periodEnd: string | null };
  },
  now: string,
): number {
  const revision = change.bumpRevision === false ? record.revision : record.revision + 1;
  const questionnaire = change.questionnaire ?? {
    saqType: record.saqType,
    id: record.questionnaireId,
    version: record.questionnaireVersion,
    sha256: record.questionnaireSha256,
  };
  const period = change.period ?? { periodStart: record.periodStart, periodEnd: record.periodEnd };
  database
    .prepare(
      `UPDATE assessments SET payload = ?, status = ?, saq_type = ?, questionnaire_id = ?,
         questionnaire_version = ?, questionnaire_sha256 = ?, period_start = ?, period_end = ?,
         revision = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(
      JSON.stringify(change.payload ?? record.payload),
      change.status ?? record.status,
      questionnaire.saqType,
      questionnaire.id,
      questionnaire.version,
      questionnaire.sha256,
      period.periodStart,
      period.periodEnd,
      revision,
      now,
      record.id,
    );
  return revision;
}

export function updateMerchant(
  database: SqliteDatabase,
  profileId: string,
  merchant: MerchantPart1a,
  now: string,
): void {
  const { companyName, contactName, ...rest } = merchant;
  database
    .prepare(
      `UPDATE merchant_profiles SET company_name = ?, contact_name = ?, payload = ?,
         revision = revision + 1, updated_at = ? WHERE id = ?`,
    )
    .run(companyName, contactName, JSON.stringify(rest), now, profileId);
}

interface AttestationRow {
  id: string;
  payload: string;
  signed_at: string | null;
  audit_head: string | null;
  audit_length: number | null;
}

export function findAttestation(
  database: SqliteDatabase,
  assessmentId: string,
): AttestationRecord | undefined {
  const row = database
    .prepare<[string], AttestationRow>(
      `SELECT id, payload, signed_at, audit_head, audit_length FROM attestations
       WHERE assessment_id = ? ORDER BY created_at LIMIT 1`,
    )
    .get(assessmentId);
  if (row === undefined) return undefined;
  return {
    id: row.id,
    input: attestationSchema.parse(JSON.parse(row.payload)),
    signedAt: row.signed_at,
    auditHead: row.audit_head,
    auditLength: row.audit_length,
  };
}

export function upsertAttestation(
  database: SqliteDatabase,
  assessmentId: string,
  input: AttestationInput,
  now: string,
  newId: () => string,
): void {
  const existing = findAttestation(database, assessmentId);
  if (existing === undefined) {
    database
      .prepare(
        `INSERT INTO attestations (id, assessment_id, payload, signer_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), assessmentId, JSON.stringify(input), input.signer.name, now, now);
    return;
  }
  database
    .prepare(
      `UPDATE attestations SET payload = ?, signer_name = ?, revision = revision + 1,
         updated_at = ? WHERE id = ?`,
    )
    .run(JSON.stringify(input), input.signer.name, now, existing.id);
}

export function markAttestationSigned(
  database: SqliteDatabase,
  attestationId: string,
  signing: { signedAt: string; auditHead: string; auditLength: number } | null,
  now: string,
): void {
  database
    .prepare(
      `UPDATE attestations SET signed_at = ?, audit_head = ?, audit_length = ?,
         revision = revision + 1, updated_at = ? WHERE id = ?`,
    )
    .run(
      signing?.signedAt ?? null,
      signing?.auditHead ?? null,
      signing?.auditLength ?? null,
      now,
      attestationId,
    );
}

interface StoredAnswerRow {
  row_id: string;
  response: Response | null;
  payload: string;
  revision: number;
  updated_at: string;
}

export function answerRecordOf(row: {
  rowId: string;
  response: Response | null;
  payload: Readonly<Record<string, unknown>>;
  revision: number;
  updatedAt: string;
}): AnswerRecord {
  const { notes, carriedOver, ...rest } = row.payload;
  return {
    rowId: row.rowId,
    response: row.response,
    payload: rest,
    notes: typeof notes === 'string' ? notes : '',
    carriedOver: carriedOver === true,
    revision: row.revision,
    updatedAt: row.updatedAt,
  };
}

export function listAnswerRecords(database: SqliteDatabase, assessmentId: string): AnswerRecord[] {
  return database
    .prepare<[string], StoredAnswerRow>(
      'SELECT row_id, response, payload, revision, updated_at FROM answers WHERE assessment_id = ?',
    )
    .all(assessmentId)
    .map((row) =>
      answerRecordOf({
        rowId: row.row_id,
        response: row.response,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        revision: row.revision,
        updatedAt: row.updated_at,
      }),
    );
}

/** The newest answer-history id of an assessment (0 when none): a cheap "changed since" mark. */
export function latestHistoryId(database: SqliteDatabase, assessmentId: string): number {
  const row = database
    .prepare<[string], { id: number | null }>(
      'SELECT max(id) AS id FROM answer_history WHERE assessment_id = ?',
    )
    .get(assessmentId);
  return row?.id ?? 0;
}

export interface LinkedEvidence {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly effectiveOn: string | null;
  readonly expiresOn: string | null;
  readonly rowIds: readonly string[];
}

/** Evidence items linked to an assessment, each with the rows it supports. */
export function linkedEvidence(database: SqliteDatabase, assessmentId: string): LinkedEvidence[] {
  const rows = database
    .prepare<
      [string],
      {
        id: string;
        title: string;
        kind: string;
        file_name: string;
        size_bytes: number;
        sha256: string;
        effective_on: string | null;
        expires_on: string | null;
        row_id: string;
      }
    >(
      `SELECT i.id, i.title, i.kind, i.file_name, c.size_bytes, c.sha256, i.effective_on,
         i.expires_on, l.row_id
       FROM evidence_links l
       JOIN evidence_items i ON i.id = l.evidence_id
       JOIN evidence_contents c ON c.id = i.content_id
       WHERE l.assessment_id = ?
       ORDER BY i.created_at, i.id, l.row_id`,
    )
    .all(assessmentId);
  const byId = new Map<string, LinkedEvidence & { rowIds: string[] }>();
  for (const row of rows) {
    let item = byId.get(row.id);
    if (item === undefined) {
      item = {
        id: row.id,
        title: row.title,
        kind: row.kind,
        fileName: row.file_name,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
        effectiveOn: row.effective_on,
        expiresOn: row.expires_on,
        rowIds: [],
      };
      byId.set(row.id, item);
    }
    item.rowIds.push(row.row_id);
  }
  return [...byId.values()];
}
