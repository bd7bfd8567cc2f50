import { createHash } from 'node:crypto';
import type { EvidenceTextCheck } from '../../../shared/api/ops/evidence';
import { OperationError } from '../../../shared/api/result';
import type { EvidenceDatabase } from '../evidence/evidence-database';
import type { SqliteDatabase } from '../store/sqlite-binding';
import { DEFAULT_CHUNK_BYTES } from '../evidence/evidence-store';
import {
  PDF_TEXT_CHECK_LIMIT,
  TextEvidenceScan,
  checkPdfText,
  evidenceTextKind,
} from '../guard/evidence-text';

/**
 * Evidence content brought in by an import, staged the way the evidence
 * store stages its own imports: chunks committed in short quiet
 * transactions under a content row marked `pending`, which nobody sees and
 * the next unlock removes if the process dies. The import's one visible
 * transaction then completes the staged contents (or, when the same bytes
 * are stored already, marks the staged copy for removal); a refused import
 * drops every staged content.
 */

export interface StagedContent {
  readonly contentId: number;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly textCheck: EvidenceTextCheck;
}

const PURGE_BATCH_CHUNKS = 8;

/** Streams one file into a pending content; checks its text for card data on the way. */
export async function stagePendingContent(
  database: EvidenceDatabase,
  source: AsyncIterable<Uint8Array>,
  describe: { readonly mediaType: string; readonly fileName: string; readonly path: string },
  onStarted: (contentId: number) => void,
): Promise<StagedContent> {
  const contentId = database.quiet((db) =>
    db
      .prepare<[number, string], { id: number }>(
        `INSERT INTO evidence_contents (state, chunk_size, created_at)
         VALUES ('pending', ?, ?) RETURNING id`,
      )
      .get(DEFAULT_CHUNK_BYTES, new Date().toISOString()),
  )?.id;
  if (contentId === undefined) throw new Error('No id for the staged evidence content.');
  onStarted(contentId);

  const kind = evidenceTextKind(describe.mediaType, describe.fileName);
  const textScan = kind === 'text' ? new TextEvidenceScan(describe.path) : undefined;
  let pdfParts: Buffer[] | undefined = kind === 'pdf' ? [] : undefined;
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(DEFAULT_CHUNK_BYTES);
  let filled = 0;
  let chunkCount = 0;
  let total = 0;
  const flush = () => {
    const bytes = chunk.subarray(0, filled);
    const seq = chunkCount;
    database.quiet((db) =>
      db
        .prepare('INSERT INTO evidence_chunks (content_id, seq, bytes) VALUES (?, ?, ?)')
        .run(contentId, seq, bytes),
    );
    chunkCount += 1;
    filled = 0;
  };

  for await (const bytes of source) {
    total += bytes.length;
    hash.update(bytes);
    textScan?.push(bytes);
    if (pdfParts !== undefined) {
      if (total <= PDF_TEXT_CHECK_LIMIT) pdfParts.push(Buffer.from(bytes));
      else pdfParts = undefined;
    }
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(bytes.length - offset, DEFAULT_CHUNK_BYTES - filled);
      chunk.set(bytes.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === DEFAULT_CHUNK_BYTES) flush();
    }
  }
  if (filled > 0) flush();

  let textCheck: EvidenceTextCheck;
  if (kind === 'text') {
    textScan?.end();
    textCheck = 'checked';
  } else if (kind === 'pdf') {
    const check =
      pdfParts === undefined
        ? ({ checked: false, reason: 'too-large' } as const)
        : await checkPdfText(new Uint8Array(Buffer.concat(pdfParts)), { path: describe.path });
    textCheck = check.checked ? 'checked' : check.reason;
  } else textCheck = kind === 'image' ? 'image' : 'binary';

  database.quiet((db) =>
    db
      .prepare('UPDATE evidence_contents SET size_bytes = ?, chunk_count = ? WHERE id = ?')
      .run(total, chunkCount, contentId),
  );

  return { contentId, sha256: hash.digest('hex'), sizeBytes: total, textCheck };
}

/**
 * Inside the import's transaction: the staged content becomes the stored
 * one, or, when the same bytes are already complete in the vault, is marked
 * for removal and the stored one is used. Returns the content id to use.
 */
export function completeStagedContent(
  db: SqliteDatabase,
  staged: StagedContent,
): { contentId: number; duplicateOf: number | null } {
  const existing = db
    .prepare<[string], { id: number }>(
      "SELECT id FROM evidence_contents WHERE sha256 = ? AND state = 'complete'",
    )
    .get(staged.sha256);
  if (existing !== undefined) {
    db.prepare("UPDATE evidence_contents SET state = 'deleting' WHERE id = ?").run(
      staged.contentId,
    );
    return { contentId: existing.id, duplicateOf: existing.id };
  }
  const completed = db
    .prepare(
      `UPDATE evidence_contents SET state = 'complete', sha256 = ?
       WHERE id = ? AND state = 'pending'`,
    )
    .run(staged.sha256, staged.contentId);
  if (completed.changes !== 1) {
    throw new OperationError('INTERNAL', 'A staged evidence content is gone.');
  }
  return { contentId: staged.contentId, duplicateOf: null };
}

/** Removes a content that no item uses (pending or deleting), a few chunks per transaction. */
export async function dropUnusedContent(
  database: EvidenceDatabase,
  contentId: number,
): Promise<void> {
  for (;;) {
    const removed = database.quiet(
      (db) =>
        db
          .prepare(
            `DELETE FROM evidence_chunks WHERE id IN
               (SELECT id FROM evidence_chunks WHERE content_id = ? LIMIT ?)`,
          )
          .run(contentId, PURGE_BATCH_CHUNKS).changes,
    );
    if (removed === 0) break;
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
  }
  database.quiet((db) =>
    db.prepare("DELETE FROM evidence_contents WHERE id = ? AND state <> 'complete'").run(contentId),
  );
}
