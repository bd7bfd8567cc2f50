import type { Response } from '../../../shared/domain/responses';
import type { WriteTransaction } from '../vault/session';
import { assertRevision } from './revision';
import type { SqliteDatabase } from './sqlite-binding';

/** The free-form parts of an answer row: worksheet, explanation, legal exception, notes. */
export type AnswerPayload = Readonly<Record<string, unknown>>;

export interface StoredAnswer {
  readonly assessmentId: string;
  readonly rowId: string;
  readonly response: Response | null;
  readonly payload: AnswerPayload;
  /** 1 after the first save, +1 on each save; 0 means "never saved". */
  readonly revision: number;
  readonly updatedAt: string;
}

export interface AnswerChange {
  readonly assessmentId: string;
  readonly rowId: string;
  readonly response: Response | null;
  readonly payload: AnswerPayload;
  /**
   * The revision the window last saw (0 for a row it saw unanswered). A save
   * whose expected revision is not the stored one fails with STALE_REVISION.
   * Leave it out only where no window is involved (imports).
   */
  readonly expectedRevision?: number;
}

interface AnswerRow {
  assessment_id: string;
  row_id: string;
  response: Response | null;
  payload: string;
  revision: number;
  updated_at: string;
}

function fromRow(row: AnswerRow): StoredAnswer {
  return {
    assessmentId: row.assessment_id,
    rowId: row.row_id,
    response: row.response,
    payload: JSON.parse(row.payload) as AnswerPayload,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function getAnswer(
  database: SqliteDatabase,
  assessmentId: string,
  rowId: string,
): StoredAnswer | undefined {
  const row = database
    .prepare<[string, string], AnswerRow>(
      'SELECT * FROM answers WHERE assessment_id = ? AND row_id = ?',
    )
    .get(assessmentId, rowId);

  return row === undefined ? undefined : fromRow(row);
}

export function listAnswers(database: SqliteDatabase, assessmentId: string): StoredAnswer[] {
  return database
    .prepare<[string], AnswerRow>('SELECT * FROM answers WHERE assessment_id = ? ORDER BY row_id')
    .all(assessmentId)
    .map(fromRow);
}

/**
 * Saves one answer row inside a vault write: the row, a history entry and an
 * audit entry with the digests of the old and new values (never the text).
 */
export function saveAnswer(
  transaction: WriteTransaction,
  change: AnswerChange,
  now: Date,
): StoredAnswer {
  const { database } = transaction;
  const before = getAnswer(database, change.assessmentId, change.rowId);
  assertRevision(before?.revision ?? 0, change.expectedRevision, change.rowId);

  const revision = (before?.revision ?? 0) + 1;
  const updatedAt = now.toISOString();
  const payload = JSON.stringify(change.payload);
  database
    .prepare(
      `INSERT INTO answers (assessment_id, row_id, response, payload, revision, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (assessment_id, row_id) DO UPDATE SET
         response = excluded.response, payload = excluded.payload,
         revision = excluded.revision, updated_at = excluded.updated_at`,
    )
    .run(change.assessmentId, change.rowId, change.response, payload, revision, updatedAt);
  database
    .prepare(
      `INSERT INTO answer_history (assessment_id, row_id, revision, response, payload, door, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      change.assessmentId,
      change.rowId,
      revision,
      change.response,
      payload,
      transaction.door,
      updatedAt,
    );

  const after: StoredAnswer = {
    assessmentId: change.assessmentId,
    rowId: change.rowId,
    response: change.response,
    payload: change.payload,
    revision,
    updatedAt,
  };
  transaction.audit({
    action: 'answer.saved',
    subject: `assessment:${change.assessmentId}/row:${change.rowId}`,
    summary: `response ${change.response ?? 'cleared'}, revision ${revision}`,
    before: before === undefined ? null : { response: before.response, payload: before.payload },
    after: { response: after.response, payload: after.payload },
  });

  return after;
}
