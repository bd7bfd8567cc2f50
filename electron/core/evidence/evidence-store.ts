import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Door } from '../../../shared/api/ops/app';
import {
  DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES,
  evidenceImportSchema,
  isEvidenceSizeLimit,
  MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES,
  type EvidenceDeletion,
  type EvidenceImport,
  type EvidenceItem,
  type EvidenceKind,
  type EvidenceLink,
  type EvidenceTextCheck,
} from '../../../shared/api/ops/evidence';
import { OperationError } from '../../../shared/api/result';
import { calendarDateOf, isBefore, type CalendarDate } from '../../../shared/domain/calendar-date';
import { describeIssues } from '../dispatch';
import { assertNoCardData } from '../guard/card-data-guard';
import {
  PDF_TEXT_CHECK_LIMIT,
  TextEvidenceScan,
  checkPdfText,
  evidenceTextKind,
  type TextCheck,
} from '../guard/evidence-text';
import { silentLogger, type Logger } from '../log/logger';
import { storeErrorFor } from '../store/errors';
import { SettingsRepository } from '../store/settings-repository';
import { assertRevision } from '../store/revision';
import type { SqliteDatabase } from '../store/sqlite-binding';
import type { EvidenceDatabase } from './evidence-database';

/**
 * Evidence files inside the vault (schema: migration 2).
 *
 * An import streams the file into fixed-size chunks, each committed in its
 * own short transaction under a content row marked pending, so memory stays
 * flat and an answer saved meanwhile waits for one chunk at most. The
 * SHA-256 of the bytes is known at the end: the last transaction either
 * completes the pending content or, when the same bytes are already stored,
 * points the new item at that content and drops the duplicate. Cancelling,
 * failing, or the next unlock after a crash remove whatever is not complete.
 */

/** Bytes per chunk; see bench/evidence.bench.ts for how sizes compared. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

const MIB = 1024 * 1024;

/** Largest file accepted unless configured otherwise. */
export const DEFAULT_MAX_EVIDENCE_BYTES = DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES * MIB;

/** Chunks removed per transaction when content goes, so no write waits long. */
const PURGE_BATCH_CHUNKS = 8;

export interface EvidenceStoreOptions {
  readonly door: Door;
  readonly chunkBytes?: number;
  /** A fixed limit (tests, benchmarks); otherwise the vault's `evidenceMaxMebibytes` setting. */
  readonly maxBytes?: number;
  readonly now?: () => Date;
  readonly log?: Logger;
}

export interface ImportOptions {
  readonly signal?: AbortSignal;
  /** Called after each piece read, with the bytes so far and the announced size if any. */
  readonly onProgress?: (doneBytes: number, totalBytes: number | null) => void;
}

export interface ImportedEvidence {
  readonly item: EvidenceItem;
  /** The same bytes were already stored; the new item shares them. */
  readonly deduplicated: boolean;
}

export interface EvidenceChange {
  readonly id: string;
  readonly expectedRevision: number;
  readonly title?: string;
  readonly description?: string;
  readonly kind?: EvidenceKind;
  readonly effectiveOn?: string | null;
  readonly expiresOn?: string | null;
}

export interface ContentRange {
  readonly bytes: Buffer;
  readonly totalBytes: number;
  readonly mediaType: string;
}

interface ItemRow {
  id: string;
  content_id: number;
  title: string;
  description: string;
  file_name: string;
  media_type: string;
  kind: EvidenceKind;
  added_on: string;
  effective_on: string | null;
  expires_on: string | null;
  text_check: EvidenceTextCheck;
  revision: number;
  created_at: string;
  updated_at: string;
  size_bytes: number;
  sha256: string;
}

interface ContentRow {
  id: number;
  size_bytes: number;
  chunk_size: number;
  media_type: string;
}

const ITEM_SELECT = `
  SELECT i.*, c.size_bytes, c.sha256
  FROM evidence_items i JOIN evidence_contents c ON c.id = i.content_id`;

/** Stores shared per vault unlock, so that clean-up and in-flight imports are known to all. */
const storesByOpen = new WeakMap<object, EvidenceStore>();

/** The store of one opened vault (one per unlock; later options are ignored). */
export function evidenceStoreFor(
  database: EvidenceDatabase,
  options: EvidenceStoreOptions,
): EvidenceStore {
  let store = storesByOpen.get(database.openId);
  if (store === undefined) {
    store = new EvidenceStore(database, options);
    storesByOpen.set(database.openId, store);
  }

  return store;
}

export class EvidenceStore {
  readonly #db: EvidenceDatabase;
  readonly #door: Door;
  readonly #chunkBytes: number;
  readonly #fixedMaxBytes: number | undefined;
  readonly #now: () => Date;
  readonly #log: Logger;
  /** Pending contents of imports running now; clean-up leaves them alone. */
  readonly #active = new Set<number>();
  #cleanup: Promise<number> | undefined;

  constructor(database: EvidenceDatabase, options: EvidenceStoreOptions) {
    this.#db = database;
    this.#door = options.door;
    this.#chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.#fixedMaxBytes = options.maxBytes;
    this.#now = options.now ?? (() => new Date());
    this.#log = (options.log ?? silentLogger).child('evidence');
    if (!Number.isInteger(this.#chunkBytes) || this.#chunkBytes < 1) {
      throw new RangeError('chunkBytes must be a positive whole number');
    }
  }

  /** The largest file accepted now: the fixed limit, or the vault's setting. */
  get maxBytes(): number {
    if (this.#fixedMaxBytes !== undefined) return this.#fixedMaxBytes;
    const mebibytes = this.#db.read((database) =>
      new SettingsRepository(database).get('evidenceMaxMebibytes'),
    );

    return isEvidenceSizeLimit(mebibytes) ? mebibytes * MIB : DEFAULT_MAX_EVIDENCE_BYTES;
  }

  /** Sets the largest file the vault accepts from now on, audited. */
  setMaxMebibytes(mebibytes: number): void {
    if (!isEvidenceSizeLimit(mebibytes)) {
      throw new OperationError(
        'INVALID_INPUT',
        `The limit must be a whole number of MiB from 1 to ${MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES}.`,
        'maxMebibytes',
      );
    }
    this.#db.write(this.#door, ({ database, audit }) => {
      new SettingsRepository(database).set('evidenceMaxMebibytes', mebibytes, this.#now());
      audit({
        action: 'settings.changed',
        subject: 'setting:evidenceMaxMebibytes',
        summary: `${mebibytes} MiB`,
      });
    });
  }

  /**
   * Adds a file. `source` yields its bytes (a Node stream, a generator);
   * nothing of it is held beyond one chunk, except a PDF's bytes (up to
   * PDF_TEXT_CHECK_LIMIT) while its text is checked. Refuses card data in
   * the metadata or in the file's text, a file over the size limit, and
   * stops on `signal`; in every such case nothing of the file stays stored.
   */
  async importEvidence(
    source: AsyncIterable<Uint8Array | string>,
    metaInput: EvidenceImport,
    options: ImportOptions = {},
  ): Promise<ImportedEvidence> {
    const started = performance.now();
    const meta = parseImport(metaInput);
    const fileName = plainFileName(meta.fileName);
    const mediaType = plainMediaType(meta.mediaType);
    assertNoCardData({ title: meta.title, description: meta.description, fileName });
    const maxBytes = this.maxBytes;
    if (meta.sizeBytes !== undefined && meta.sizeBytes > maxBytes) {
      throw tooLarge(maxBytes);
    }
    const { signal } = options;
    throwIfAborted(signal);
    await this.removeUnfinished();

    const textKind = evidenceTextKind(mediaType, fileName);
    const textScan = textKind === 'text' ? new TextEvidenceScan() : undefined;
    let pdfParts: Buffer[] | undefined = textKind === 'pdf' ? [] : undefined;

    const contentId = this.#db.quiet((database) =>
      database
        .prepare<[number, string], { id: number }>(
          `INSERT INTO evidence_contents (state, chunk_size, created_at)
           VALUES ('pending', ?, ?) RETURNING id`,
        )
        .get(this.#chunkBytes, this.#now().toISOString()),
    )?.id;
    if (contentId === undefined) throw new Error('No id for the new evidence content.');
    this.#active.add(contentId);

    const chunk = Buffer.allocUnsafe(this.#chunkBytes);
    const hash = createHash('sha256');
    let filled = 0;
    let chunkCount = 0;
    let total = 0;
    const flush = () => {
      const bytes = chunk.subarray(0, filled);
      const seq = chunkCount;
      this.#db.quiet((database) =>
        database
          .prepare('INSERT INTO evidence_chunks (content_id, seq, bytes) VALUES (?, ?, ?)')
          .run(contentId, seq, bytes),
      );
      chunkCount += 1;
      filled = 0;
    };

    try {
      for await (const piece of source) {
        throwIfAborted(signal);
        const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        total += bytes.length;
        if (total > maxBytes) throw tooLarge(maxBytes);

        hash.update(bytes);
        textScan?.push(bytes);
        if (pdfParts !== undefined) {
          // Beyond the limit the PDF is stored unchecked; stop holding it.
          if (total <= PDF_TEXT_CHECK_LIMIT) pdfParts.push(Buffer.from(bytes));
          else pdfParts = undefined;
        }

        let offset = 0;
        while (offset < bytes.length) {
          const take = Math.min(bytes.length - offset, this.#chunkBytes - filled);
          chunk.set(bytes.subarray(offset, offset + take), filled);
          filled += take;
          offset += take;
          if (filled === this.#chunkBytes) {
            flush();
            // Let answers and other calls in between two chunk transactions.
            await yieldToOthers();
            throwIfAborted(signal);
          }
        }
        options.onProgress?.(total, meta.sizeBytes ?? null);
      }
      throwIfAborted(signal);
      if (filled > 0) flush();

      const pdf = pdfParts === undefined ? undefined : joined(pdfParts, total);
      pdfParts = undefined;
      const textCheck = await this.#textCheck(textKind, textScan, pdf, signal);
      throwIfAborted(signal);

      const sha256 = hash.digest('hex');
      const itemId = randomUUID();
      const now = this.#now();
      const deduplicated = this.#db.write(this.#door, ({ database, audit }) => {
        const existing = database
          .prepare<[string], { id: number }>(
            "SELECT id FROM evidence_contents WHERE sha256 = ? AND state = 'complete'",
          )
          .get(sha256);
        if (existing === undefined) {
          const completed = database
            .prepare(
              `UPDATE evidence_contents
               SET state = 'complete', sha256 = ?, size_bytes = ?, chunk_count = ?
               WHERE id = ? AND state = 'pending'`,
            )
            .run(sha256, total, chunkCount, contentId);
          if (completed.changes !== 1) throw new Error('The pending evidence content is gone.');
        } else {
          database
            .prepare("UPDATE evidence_contents SET state = 'deleting' WHERE id = ?")
            .run(contentId);
        }

        const item = {
          id: itemId,
          contentId: existing?.id ?? contentId,
          title: meta.title,
          description: meta.description,
          fileName,
          mediaType,
          kind: meta.kind,
          addedOn: calendarDateOf(now),
          effectiveOn: meta.effectiveOn,
          expiresOn: meta.expiresOn,
          textCheck,
          at: now.toISOString(),
        };
        database
          .prepare(
            `INSERT INTO evidence_items (id, content_id, title, description, file_name, media_type,
               kind, added_on, effective_on, expires_on, text_check, revision, created_at,
               updated_at)
             VALUES (@id, @contentId, @title, @description, @fileName, @mediaType, @kind,
               @addedOn, @effectiveOn, @expiresOn, @textCheck, 1, @at, @at)`,
          )
          .run(item);
        audit({
          action: 'evidence.added',
          subject: `evidence:${itemId}`,
          summary: `${meta.kind}, ${total} bytes, text ${textCheck}${
            existing === undefined ? '' : ', content already stored'
          }`,
          after: { ...metadataOf(item), sha256 },
        });

        return existing !== undefined;
      });
      this.#active.delete(contentId);
      if (deduplicated) await this.#purgeQuietly(contentId);

      this.#log.info('evidence stored', {
        evidenceId: itemId,
        bytes: total,
        chunks: chunkCount,
        deduplicated,
        ms: Math.round(performance.now() - started),
      });

      return { item: this.get(itemId), deduplicated };
    } catch (error) {
      this.#active.delete(contentId);
      await this.#purgeQuietly(contentId);
      const refusal = storeErrorFor(error);
      this.#log.info('evidence import stopped', {
        code: refusal?.code ?? (signal?.aborted === true ? 'CANCELLED' : 'INTERNAL'),
        bytes: total,
      });
      if (refusal !== undefined) throw refusal;
      if (signal?.aborted === true) throw cancelled();
      throw error;
    }
  }

  async #textCheck(
    kind: ReturnType<typeof evidenceTextKind>,
    textScan: TextEvidenceScan | undefined,
    pdf: Uint8Array | undefined,
    signal: AbortSignal | undefined,
  ): Promise<EvidenceTextCheck> {
    let check: TextCheck;
    switch (kind) {
      case 'text':
        check = textScan?.end() ?? { checked: true };
        break;
      case 'pdf':
        check =
          pdf === undefined
            ? { checked: false, reason: 'too-large', limit: PDF_TEXT_CHECK_LIMIT }
            : await checkPdfText(pdf, { transfer: true, ...(signal ? { signal } : {}) });
        break;
      case 'image':
        check = { checked: false, reason: 'image' };
        break;
      case 'other':
        check = { checked: false, reason: 'binary' };
        break;
    }

    return check.checked ? 'checked' : check.reason;
  }

  /** Every item, or those linked to an assessment (and row), newest first. */
  list(filter: { assessmentId?: string; rowId?: string } = {}): EvidenceItem[] {
    const today = calendarDateOf(this.#now());

    return this.#db.read((database) => {
      const rows =
        filter.assessmentId === undefined
          ? database
              .prepare<[], ItemRow>(`${ITEM_SELECT} ORDER BY i.created_at DESC, i.rowid DESC`)
              .all()
          : database
              .prepare<[{ assessmentId: string; rowId: string | null }], ItemRow>(
                `${ITEM_SELECT}
                 WHERE EXISTS (SELECT 1 FROM evidence_links l WHERE l.evidence_id = i.id
                   AND l.assessment_id = @assessmentId
                   AND (@rowId IS NULL OR l.row_id = @rowId))
                 ORDER BY i.created_at DESC, i.rowid DESC`,
              )
              .all({ assessmentId: filter.assessmentId, rowId: filter.rowId ?? null });

      return rows.map((row) => toItem(row, linksOf(database, row.id), today));
    });
  }

  get(id: string): EvidenceItem {
    const today = calendarDateOf(this.#now());

    return this.#db.read((database) => {
      const row = itemRow(database, id);
      return toItem(row, linksOf(database, id), today);
    });
  }

  /** Changes the metadata; refuses STALE_REVISION when another window saved in between. */
  update(change: EvidenceChange): EvidenceItem {
    const fields: Record<string, string> = {};
    if (change.title !== undefined) fields['title'] = change.title;
    if (change.description !== undefined) fields['description'] = change.description;
    assertNoCardData(fields);

    this.#db.write(this.#door, ({ database, audit }) => {
      const before = itemRow(database, change.id);
      assertRevision(before.revision, change.expectedRevision, 'expectedRevision');

      const after = {
        id: change.id,
        title: change.title?.trim() ?? before.title,
        description: change.description ?? before.description,
        kind: change.kind ?? before.kind,
        effectiveOn: change.effectiveOn === undefined ? before.effective_on : change.effectiveOn,
        expiresOn: change.expiresOn === undefined ? before.expires_on : change.expiresOn,
        revision: before.revision + 1,
        at: this.#now().toISOString(),
      };
      database
        .prepare(
          `UPDATE evidence_items SET title = @title, description = @description, kind = @kind,
             effective_on = @effectiveOn, expires_on = @expiresOn, revision = @revision,
             updated_at = @at
           WHERE id = @id`,
        )
        .run(after);
      audit({
        action: 'evidence.updated',
        subject: `evidence:${change.id}`,
        summary: `revision ${after.revision}`,
        before: metadataOf(fromRow(before)),
        after: metadataOf({ ...fromRow(before), ...after }),
      });
    });

    return this.get(change.id);
  }

  /** Links an item to an answer row (an assessment's row); linking twice changes nothing. */
  link(id: string, assessmentId: string, rowId: string): EvidenceItem {
    this.#db.write(this.#door, ({ database, audit }) => {
      itemRow(database, id);
      const assessment = database
        .prepare<[string], { id: string }>('SELECT id FROM assessments WHERE id = ?')
        .get(assessmentId);
      if (assessment === undefined) {
        throw new OperationError('NOT_FOUND', 'No such assessment.', 'assessmentId');
      }

      const added = database
        .prepare(
          `INSERT OR IGNORE INTO evidence_links (evidence_id, assessment_id, row_id, linked_at)
           VALUES (?, ?, ?, ?)`,
        )
        .run(id, assessmentId, rowId, this.#now().toISOString());
      if (added.changes > 0) {
        audit({
          action: 'evidence.linked',
          subject: `evidence:${id}`,
          summary: `assessment:${assessmentId}/row:${rowId}`,
        });
      }
    });

    return this.get(id);
  }

  /** Removes a link; the item and its content stay. */
  unlink(id: string, assessmentId: string, rowId: string): EvidenceItem {
    this.#db.write(this.#door, ({ database, audit }) => {
      itemRow(database, id);
      const removed = database
        .prepare(
          'DELETE FROM evidence_links WHERE evidence_id = ? AND assessment_id = ? AND row_id = ?',
        )
        .run(id, assessmentId, rowId);
      if (removed.changes > 0) {
        audit({
          action: 'evidence.unlinked',
          subject: `evidence:${id}`,
          summary: `assessment:${assessmentId}/row:${rowId}`,
        });
      }
    });

    return this.get(id);
  }

  /**
   * Deletes an item and its links, audited; its content goes too when no
   * other item uses it (the chunks a few at a time, after the commit).
   */
  async delete(id: string): Promise<EvidenceDeletion> {
    const { contentId, contentRemoved } = this.#db.write(this.#door, ({ database, audit }) => {
      const row = itemRow(database, id);
      database.prepare('DELETE FROM evidence_items WHERE id = ?').run(id);
      const content = database
        .prepare<[number], { state: string }>('SELECT state FROM evidence_contents WHERE id = ?')
        .get(row.content_id);
      const removed = content?.state === 'deleting';
      audit({
        action: 'evidence.deleted',
        subject: `evidence:${id}`,
        summary: `${row.kind}, ${row.size_bytes} bytes${removed ? ', content removed' : ''}`,
        before: { ...metadataOf(fromRow(row)), sha256: row.sha256 },
      });

      return { contentId: row.content_id, contentRemoved: removed };
    });
    if (contentRemoved) await this.#purgeQuietly(contentId);

    return { id, contentRemoved };
  }

  /**
   * The content's bytes from `start` up to `end` (exclusive), one chunk at a
   * time. Each chunk is read when the consumer asks for it, so a slow writer
   * holds one chunk in memory.
   */
  async *readContent(
    id: string,
    range: { start?: number; end?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<Buffer> {
    const content = this.#content(id);
    const start = Math.max(0, range.start ?? 0);
    const end = Math.min(content.size_bytes, range.end ?? content.size_bytes);

    for (
      let seq = Math.floor(start / content.chunk_size);
      seq * content.chunk_size < end;
      seq += 1
    ) {
      throwIfAborted(range.signal);
      const chunkStart = seq * content.chunk_size;
      const row = this.#db.read((database) =>
        database
          .prepare<[number, number], { bytes: Buffer }>(
            'SELECT bytes FROM evidence_chunks WHERE content_id = ? AND seq = ?',
          )
          .get(content.id, seq),
      );
      if (row === undefined) throw new OperationError('NOT_FOUND', 'The evidence was removed.');

      const from = Math.max(0, start - chunkStart);
      const to = Math.min(row.bytes.length, end - chunkStart);
      yield from === 0 && to === row.bytes.length ? row.bytes : row.bytes.subarray(from, to);
      await Promise.resolve();
    }
  }

  /** A bounded range of the content, for previews. */
  readRange(id: string, offset: number, length: number): ContentRange {
    const content = this.#content(id);
    const end = Math.min(content.size_bytes, offset + length);
    const parts: Buffer[] = [];
    this.#db.read((database) => {
      const part = database.prepare<[number, number, number, number], { part: Buffer | null }>(
        'SELECT substr(bytes, ?, ?) AS part FROM evidence_chunks WHERE content_id = ? AND seq = ?',
      );
      for (let at = offset; at < end;) {
        const seq = Math.floor(at / content.chunk_size);
        const within = at - seq * content.chunk_size;
        const take = Math.min(end - at, content.chunk_size - within);
        const row = part.get(within + 1, take, content.id, seq);
        if (row?.part == null) throw new OperationError('NOT_FOUND', 'The evidence was removed.');
        parts.push(row.part);
        at += take;
      }
    });

    return {
      bytes: Buffer.concat(parts),
      totalBytes: content.size_bytes,
      mediaType: content.media_type,
    };
  }

  #content(id: string): ContentRow {
    const content = this.#db.read((database) =>
      database
        .prepare<[string], ContentRow>(
          `SELECT c.id, c.size_bytes, c.chunk_size, i.media_type
           FROM evidence_items i JOIN evidence_contents c ON c.id = i.content_id
           WHERE i.id = ? AND c.state = 'complete'`,
        )
        .get(id),
    );
    if (content === undefined) throw new OperationError('NOT_FOUND', 'No such evidence.', 'id');

    return content;
  }

  /**
   * Removes content left unfinished: imports cut short by a crash or a kill,
   * and content whose removal was interrupted. Runs once per unlock (later
   * calls wait for that run); imports running now are left alone.
   */
  removeUnfinished(): Promise<number> {
    this.#cleanup ??= this.#removeUnfinished().catch((error: unknown) => {
      // Never blocks imports; the next call (or the next unlock) tries again.
      this.#cleanup = undefined;
      this.#log.warn('evidence clean-up deferred', {
        code: storeErrorFor(error)?.code ?? 'INTERNAL',
      });
      return 0;
    });

    return this.#cleanup;
  }

  async #removeUnfinished(): Promise<number> {
    const ids = this.#db.read((database) =>
      database
        .prepare<[], { id: number }>("SELECT id FROM evidence_contents WHERE state <> 'complete'")
        .all()
        .map((row) => row.id),
    );
    const leftovers = ids.filter((contentId) => !this.#active.has(contentId));
    for (const contentId of leftovers) await this.#purge(contentId);
    if (leftovers.length > 0) {
      this.#log.info('unfinished evidence removed', { contents: leftovers.length });
    }

    return leftovers.length;
  }

  async #purge(contentId: number): Promise<void> {
    for (;;) {
      const removed = this.#db.quiet(
        (database) =>
          database
            .prepare(
              `DELETE FROM evidence_chunks WHERE id IN
                 (SELECT id FROM evidence_chunks WHERE content_id = ? LIMIT ?)`,
            )
            .run(contentId, PURGE_BATCH_CHUNKS).changes,
      );
      if (removed === 0) break;
      await yieldToOthers();
    }
    this.#db.quiet((database) =>
      database
        .prepare("DELETE FROM evidence_contents WHERE id = ? AND state <> 'complete'")
        .run(contentId),
    );
  }

  /** Removal that must not hide the error being handled; the next unlock retries. */
  async #purgeQuietly(contentId: number): Promise<void> {
    try {
      await this.#purge(contentId);
    } catch (error) {
      this.#log.warn('evidence clean-up deferred', {
        code: storeErrorFor(error)?.code ?? 'INTERNAL',
      });
    }
  }
}

function parseImport(input: EvidenceImport): z.output<typeof evidenceImportSchema> {
  const parsed = evidenceImportSchema.safeParse(input);
  if (!parsed.success) {
    const { message, path } = describeIssues(parsed.error);
    throw new OperationError('INVALID_INPUT', message, path);
  }

  return parsed.data;
}

function itemRow(database: SqliteDatabase, id: string): ItemRow {
  const row = database.prepare<[string], ItemRow>(`${ITEM_SELECT} WHERE i.id = ?`).get(id);
  if (row === undefined) throw new OperationError('NOT_FOUND', 'No such evidence.', 'id');

  return row;
}

function linksOf(database: SqliteDatabase, id: string): EvidenceLink[] {
  return database
    .prepare<[string], { assessment_id: string; row_id: string; linked_at: string }>(
      `SELECT assessment_id, row_id, linked_at FROM evidence_links WHERE evidence_id = ?
       ORDER BY assessment_id, row_id`,
    )
    .all(id)
    .map((link) => ({
      assessmentId: link.assessment_id,
      rowId: link.row_id,
      linkedAt: link.linked_at,
    }));
}

interface Metadata {
  readonly title: string;
  readonly description: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly kind: EvidenceKind;
  readonly addedOn: string;
  readonly effectiveOn: string | null;
  readonly expiresOn: string | null;
}

function fromRow(row: ItemRow): Metadata {
  return {
    title: row.title,
    description: row.description,
    fileName: row.file_name,
    mediaType: row.media_type,
    kind: row.kind,
    addedOn: row.added_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
  };
}

/** What the audit trail digests: the metadata a person can change or see. */
function metadataOf(item: Metadata): Metadata {
  return {
    title: item.title,
    description: item.description,
    fileName: item.fileName,
    mediaType: item.mediaType,
    kind: item.kind,
    addedOn: item.addedOn,
    effectiveOn: item.effectiveOn,
    expiresOn: item.expiresOn,
  };
}

function toItem(row: ItemRow, links: EvidenceLink[], today: CalendarDate): EvidenceItem {
  return {
    id: row.id,
    ...fromRow(row),
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    expired: row.expires_on !== null && isBefore(row.expires_on as CalendarDate, today),
    textCheck: row.text_check,
    links,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The file's own name, as text: whatever came before the last slash or
 * backslash (a path from a drop or a form) is dropped, as are control
 * characters. Saving a copy makes it safe for disk separately.
 */
export function plainFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';

  return last
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .slice(0, 255);
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A media type without parameters, or `application/octet-stream` when it is not one. */
export function plainMediaType(mediaType: string): string {
  const bare = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';

  return MEDIA_TYPE.test(bare) ? bare : 'application/octet-stream';
}

/** The parts in one plain Uint8Array (one copy), which pdf.js can take over as is. */
function joined(parts: readonly Uint8Array[], length: number): Uint8Array {
  const whole = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }

  return whole;
}

function tooLarge(maxBytes: number): OperationError {
  return new OperationError(
    'TOO_LARGE',
    `The file is larger than the ${formatBytes(maxBytes)} the vault accepts per file.`,
    'sizeBytes',
  );
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw cancelled();
}

function cancelled(): OperationError {
  return new OperationError('CANCELLED', 'Adding the evidence was cancelled.');
}

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit] ?? 'bytes'}`;
}
