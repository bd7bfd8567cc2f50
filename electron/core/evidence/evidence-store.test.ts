import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceImport } from '../../../shared/api/ops/evidence';
import { OperationError } from '../../../shared/api/result';
import { MAX_FILE_NAME_BYTES } from '../../../shared/domain/safe-file-name';
import { getAnswer, saveAnswer } from '../store/answers-repository';
import {
  seedAssessment,
  temporaryVault,
  TEST_PASSPHRASE,
  type TemporaryVault,
} from '../vault/testing';
import type { VaultSession } from '../vault/session';
import { sessionEvidenceDatabase } from './evidence-database';
import {
  DEFAULT_CHUNK_BYTES,
  DEFAULT_MAX_EVIDENCE_BYTES,
  EvidenceStore,
  evidenceStoreFor,
} from './evidence-store';
import { saveEvidenceCopy, suggestedCopyName } from './save-copy';

let vault: TemporaryVault;
let session: VaultSession;
let store: EvidenceStore;
let outside: string;

beforeEach(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-evidence-' });
  await vault.service.create(TEST_PASSPHRASE);
  session = vault.service.session();
  store = evidenceStoreFor(sessionEvidenceDatabase(session), { door: 'desktop' });
  outside = mkdtempSync(join(tmpdir(), 'pci-saq-evidence-out-'));
});

afterEach(async () => {
  await vault.remove();
  rmSync(outside, { recursive: true, force: true });
});

const meta = (extra: Partial<EvidenceImport> = {}): EvidenceImport => ({
  title: 'Quarterly ASV scan',
  fileName: 'scan.bin',
  mediaType: 'application/octet-stream',
  kind: 'asv-scan',
  ...extra,
});

/** Deterministic bytes that differ per size, so that two sizes never share content. */
function bytesOf(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let state = (seed * 2654435761) >>> 0;
  for (let index = 0; index < size; index += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

async function* piecesOf(bytes: Buffer, pieceSize = 64 * 1024): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += pieceSize) {
    yield bytes.subarray(at, at + pieceSize);
    await Promise.resolve();
  }
}

async function readAll(id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of store.readContent(id)) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function counts(): { contents: number; chunks: number; items: number } {
  const count = (table: string) =>
    session.read(
      (database) => database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
    );
  return {
    contents: count('evidence_contents'),
    chunks: count('evidence_chunks'),
    items: count('evidence_items'),
  };
}

async function refusal(run: () => unknown): Promise<OperationError> {
  try {
    await Promise.resolve().then(run);
  } catch (error) {
    if (error instanceof OperationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function auditActions(): string[] {
  return session.audit.entries().map((entry) => entry.action);
}

describe('round trips', () => {
  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['one chunk', DEFAULT_CHUNK_BYTES],
    ['one chunk plus one byte', DEFAULT_CHUNK_BYTES + 1],
  ])('gives back %s unchanged, with its SHA-256 and size', async (_case, size) => {
    const original = bytesOf(size, size + 1);
    const { item } = await store.importEvidence(piecesOf(original, 7919), meta());

    expect(item.sizeBytes).toBe(size);
    expect(item.sha256).toBe(sha256(original));
    expect(sha256(await readAll(item.id))).toBe(sha256(original));
    expect(counts()).toEqual({
      contents: 1,
      items: 1,
      chunks: Math.ceil(size / DEFAULT_CHUNK_BYTES),
    });
  });

  it('reads ranges across chunk boundaries for previews', async () => {
    const original = bytesOf(2 * DEFAULT_CHUNK_BYTES + 10);
    const { item } = await store.importEvidence(piecesOf(original), meta());

    for (const [offset, length] of [
      [0, 10],
      [DEFAULT_CHUNK_BYTES - 5, 10],
      [2 * DEFAULT_CHUNK_BYTES, 50],
    ] as const) {
      const range = store.readRange(item.id, offset, length);
      expect(range.bytes.equals(original.subarray(offset, offset + length))).toBe(true);
      expect(range.totalBytes).toBe(original.length);
    }

    const parts: Buffer[] = [];
    const start = DEFAULT_CHUNK_BYTES - 3;
    for await (const part of store.readContent(item.id, { start, end: start + 6 }))
      parts.push(part);
    expect(Buffer.concat(parts).equals(original.subarray(start, start + 6))).toBe(true);
  });
});

describe('de-duplication and deletion', () => {
  it('stores the same bytes once and removes them only with the last item', async () => {
    const original = bytesOf(DEFAULT_CHUNK_BYTES + 100);
    const first = await store.importEvidence(piecesOf(original), meta({ title: 'First' }));
    const second = await store.importEvidence(piecesOf(original, 1000), meta({ title: 'Second' }));

    expect(first.deduplicated).toBe(false);
    expect(second.deduplicated).toBe(true);
    expect(second.item.sha256).toBe(first.item.sha256);
    expect(counts()).toEqual({ contents: 1, chunks: 2, items: 2 });

    await expect(store.delete(first.item.id)).resolves.toEqual({
      id: first.item.id,
      contentRemoved: false,
    });
    expect(sha256(await readAll(second.item.id))).toBe(sha256(original));

    await expect(store.delete(second.item.id)).resolves.toMatchObject({ contentRemoved: true });
    expect(counts()).toEqual({ contents: 0, chunks: 0, items: 0 });
    expect(auditActions().filter((action) => action.startsWith('evidence.'))).toEqual([
      'evidence.added',
      'evidence.added',
      'evidence.deleted',
      'evidence.deleted',
    ]);
    expect(() => store.get(first.item.id)).toThrow(OperationError);
  });

  it('stores the same bytes afresh after their last item was deleted', async () => {
    const original = bytesOf(1000);
    const { item } = await store.importEvidence(piecesOf(original), meta());
    await store.delete(item.id);

    const again = await store.importEvidence(piecesOf(original), meta());
    expect(again.deduplicated).toBe(false);
    expect(sha256(await readAll(again.item.id))).toBe(sha256(original));
  });
});

describe('metadata and links', () => {
  it('links one item to many rows; unlinking keeps the item', async () => {
    const assessmentId = session.write('desktop', ({ database }) => seedAssessment(database));
    const { item } = await store.importEvidence(piecesOf(bytesOf(10)), meta());

    store.link(item.id, assessmentId, '11.3.2');
    store.link(item.id, assessmentId, '11.3.2');
    const linked = store.link(item.id, assessmentId, '12.8.4');
    expect(linked.links.map((link) => link.rowId)).toEqual(['11.3.2', '12.8.4']);
    expect(store.list({ assessmentId, rowId: '12.8.4' }).map((found) => found.id)).toEqual([
      item.id,
    ]);

    const unlinked = store.unlink(item.id, assessmentId, '12.8.4');
    expect(unlinked.links.map((link) => link.rowId)).toEqual(['11.3.2']);
    expect(store.list({ assessmentId, rowId: '12.8.4' })).toEqual([]);
    expect(store.list().map((found) => found.id)).toEqual([item.id]);

    const missing = await refusal(() => store.link(item.id, 'no-such-assessment', '1.1'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(auditActions().filter((action) => action.startsWith('evidence.'))).toEqual([
      'evidence.added',
      'evidence.linked',
      'evidence.linked',
      'evidence.unlinked',
    ]);
  });

  it('updates metadata with a revision check and flags expired evidence', async () => {
    const { item } = await store.importEvidence(
      piecesOf(bytesOf(10)),
      meta({ kind: 'service-provider-aoc', effectiveOn: '2024-01-01', expiresOn: '2099-01-01' }),
    );
    expect(item).toMatchObject({ revision: 1, expired: false, effectiveOn: '2024-01-01' });

    const updated = store.update({
      id: item.id,
      expectedRevision: 1,
      title: 'Hosting provider AOC 2024',
      expiresOn: '2025-01-01',
    });
    expect(updated).toMatchObject({
      revision: 2,
      title: 'Hosting provider AOC 2024',
      expired: true,
      kind: 'service-provider-aoc',
    });

    const stale = await refusal(() =>
      store.update({ id: item.id, expectedRevision: 1, description: 'late' }),
    );
    expect(stale.code).toBe('STALE_REVISION');
  });

  it('refuses card data in the title or description, before and after import', async () => {
    const before = await refusal(() =>
      store.importEvidence(piecesOf(bytesOf(10)), meta({ description: 'card 4111111111111111' })),
    );
    expect(before).toMatchObject({ code: 'CARD_DATA_DETECTED', path: 'description' });

    const { item } = await store.importEvidence(piecesOf(bytesOf(10)), meta());
    const after = await refusal(() =>
      store.update({ id: item.id, expectedRevision: 1, title: 'Visa 4111 1111 1111 1111' }),
    );
    expect(after).toMatchObject({ code: 'CARD_DATA_DETECTED', path: 'title' });
    expect(store.get(item.id).title).toBe('Quarterly ASV scan');
  });
});

describe('card data in files', () => {
  it('refuses a text file holding a card number and keeps nothing of it', async () => {
    const lines = Buffer.from(
      `${'date,order,amount\n'.repeat(100_000)}2024-01-01,1001,4111 1111 1111 1111\n`,
    );
    const error = await refusal(() =>
      store.importEvidence(piecesOf(lines, 4093), meta({ fileName: 'orders.csv', mediaType: '' })),
    );

    expect(error.code).toBe('CARD_DATA_DETECTED');
    expect(error.message).toContain('line 100001,');
    expect(error.message).not.toContain('4111');
    expect(counts()).toEqual({ contents: 0, chunks: 0, items: 0 });
  });

  it('refuses a PDF whose text holds a card number, and says when it could not look', async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    document.addPage().drawText('Receipt 5555 5555 5555 4444', { x: 40, y: 700, font, size: 12 });
    const pdf = Buffer.from(await document.save());

    const error = await refusal(() =>
      store.importEvidence(
        piecesOf(pdf, 1000),
        meta({ fileName: 'r.pdf', mediaType: 'application/pdf' }),
      ),
    );
    expect(error).toMatchObject({ code: 'CARD_DATA_DETECTED', path: 'content.page-1' });

    const image = await store.importEvidence(
      piecesOf(bytesOf(100)),
      meta({ fileName: 'firewall.png', mediaType: 'image/png', kind: 'screenshot' }),
    );
    expect(image.item.textCheck).toBe('image');
    const text = await store.importEvidence(
      piecesOf(Buffer.from('all clean\n')),
      meta({ fileName: 'notes.txt', mediaType: 'text/plain' }),
    );
    expect(text.item.textCheck).toBe('checked');
    expect(counts()).toMatchObject({ contents: 2, items: 2 });
  });
});

describe('limits, cancel and failure', () => {
  it('accepts 1 GiB by default and refuses a larger announced size before reading', async () => {
    expect(DEFAULT_MAX_EVIDENCE_BYTES).toBe(1024 ** 3);
    expect(store.maxBytes).toBe(DEFAULT_MAX_EVIDENCE_BYTES);

    let read = false;
    async function* untouched() {
      await Promise.resolve();
      read = true;
      yield Buffer.alloc(1);
    }
    const error = await refusal(() =>
      store.importEvidence(untouched(), meta({ sizeBytes: DEFAULT_MAX_EVIDENCE_BYTES + 1 })),
    );
    expect(error).toMatchObject({ code: 'TOO_LARGE', path: 'sizeBytes' });
    expect(error.message).toContain('1 GiB');
    expect(read).toBe(false);
  });

  it('takes the limit from the vault setting, audited; refuses settings out of range', async () => {
    store.setMaxMebibytes(2);
    expect(store.maxBytes).toBe(2 * 1024 * 1024);

    const error = await refusal(() =>
      store.importEvidence(piecesOf(bytesOf(2 * 1024 * 1024 + 1)), meta()),
    );
    expect(error).toMatchObject({ code: 'TOO_LARGE', path: 'sizeBytes' });
    expect(error.message).toContain('2 MiB');
    expect(counts()).toEqual({ contents: 0, chunks: 0, items: 0 });
    await expect(
      store.importEvidence(piecesOf(bytesOf(2 * 1024 * 1024)), meta()),
    ).resolves.toBeDefined();
    const changes = session.audit
      .entries()
      .filter((entry) => entry.subject === 'setting:evidenceMaxMebibytes');
    expect(changes).toEqual([
      expect.objectContaining({ action: 'settings.changed', summary: '2 MiB' }),
    ]);

    for (const wrong of [0, 1.5, 16 * 1024 + 1]) {
      expect(
        (
          await refusal(() => {
            store.setMaxMebibytes(wrong);
          })
        ).code,
      ).toBe('INVALID_INPUT');
    }
    store.setMaxMebibytes(1024);
    expect(store.maxBytes).toBe(DEFAULT_MAX_EVIDENCE_BYTES);
  });

  it('refuses a stream that grows past a configured limit and keeps nothing', async () => {
    const small = new EvidenceStore(sessionEvidenceDatabase(session), {
      door: 'desktop',
      maxBytes: 3000,
      chunkBytes: 1000,
    });
    await small.importEvidence(piecesOf(bytesOf(3000), 999), meta());

    const error = await refusal(() =>
      small.importEvidence(piecesOf(bytesOf(3001, 9), 999), meta()),
    );
    expect(error.code).toBe('TOO_LARGE');
    expect(counts()).toEqual({ contents: 1, chunks: 3, items: 1 });
  });

  it('lets answers save between chunks and keeps them when the import is cancelled', async () => {
    const assessmentId = session.write('desktop', ({ database }) => seedAssessment(database));
    const controller = new AbortController();
    const order: string[] = [];
    let chunksRead = 0;

    async function* slowSource() {
      for (;;) {
        chunksRead += 1;
        yield bytesOf(256 * 1024, chunksRead);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    const importing = store
      .importEvidence(slowSource(), meta(), { signal: controller.signal })
      .finally(() => order.push('import ended'));

    const sleep = () => new Promise((resolve) => setTimeout(resolve, 5));
    while (counts().chunks < 2) await sleep();
    session.write('desktop', (transaction) =>
      saveAnswer(
        transaction,
        { assessmentId, rowId: '8.2.1', response: 'in-place', payload: { note: 'checked' } },
        new Date(),
      ),
    );
    order.push('answer saved');
    // The import goes on after the answer, then is cancelled.
    const chunksAtAnswer = counts().chunks;
    while (counts().chunks <= chunksAtAnswer) await sleep();
    controller.abort();

    await expect(importing).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(order).toEqual(['answer saved', 'import ended']);
    expect(getAnswer(session.database, assessmentId, '8.2.1')?.response).toBe('in-place');
    expect(counts()).toEqual({ contents: 0, chunks: 0, items: 0 });
  });

  it('reports a full disk, keeps nothing of the file and leaves the vault intact', async () => {
    const before = await store.importEvidence(piecesOf(bytesOf(5000)), meta());
    const pages = session.read((database) => database.pragma('page_count', { simple: true }));
    session.read((database) => database.pragma(`max_page_count = ${Number(pages) + 64}`));

    const error = await refusal(() =>
      store.importEvidence(piecesOf(bytesOf(4 * DEFAULT_CHUNK_BYTES, 3)), meta()),
    );
    expect(error.code).toBe('DISK_FULL');

    session.read((database) => database.pragma('max_page_count = 1073741823'));
    expect(counts()).toEqual({ contents: 1, chunks: 1, items: 1 });
    expect(session.read((database) => database.pragma('integrity_check', { simple: true }))).toBe(
      'ok',
    );
    expect(sha256(await readAll(before.item.id))).toBe(before.item.sha256);
    await expect(store.importEvidence(piecesOf(bytesOf(20, 4)), meta())).resolves.toBeDefined();
  });

  it('removes content a crash left pending at the next unlock', async () => {
    const pendingId = session.read((database) => {
      const id = database
        .prepare(
          "INSERT INTO evidence_contents (state, chunk_size, created_at) VALUES ('pending', 4, 'x') RETURNING id",
        )
        .pluck()
        .get() as number;
      for (let seq = 0; seq < 20; seq += 1) {
        database
          .prepare('INSERT INTO evidence_chunks (content_id, seq, bytes) VALUES (?, ?, ?)')
          .run(id, seq, Buffer.from('MARK'));
      }
      return id;
    });
    expect(pendingId).toBeGreaterThan(0);

    await vault.service.lock();
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    session = vault.service.session();
    const reopened = evidenceStoreFor(sessionEvidenceDatabase(session), { door: 'desktop' });
    expect(reopened).not.toBe(store);

    await expect(reopened.removeUnfinished()).resolves.toBe(1);
    expect(counts()).toEqual({ contents: 0, chunks: 0, items: 0 });
  });
});

describe('odd file names and saving a copy', () => {
  const longName = `${'\u00e9'.repeat(140)}.pdf`;

  it.each([
    ['NFD name', 'Re\u0301sume\u0301.txt', 'R\u00e9sum\u00e9.txt', 'R\u00e9sum\u00e9.txt'],
    ['right-to-left override', 'invoice\u202Efdp.exe', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['dot-dot and slashes', '../../etc/passwd', 'passwd', 'passwd'],
    ['Windows path', 'C:\\Users\\pat\\..\\scan.png', 'scan.png', 'scan.png'],
    ['only dots', '..', '..', 'evidence'],
    ['reserved name', 'CON.txt', 'CON.txt', '_CON.txt'],
    ['255-byte name', longName, longName, `${'\u00e9'.repeat(125)}.pdf`],
  ])('%s: stored as text and saved under a safe name', async (_case, given, stored, saved) => {
    const original = bytesOf(3000, given.length);
    const { item } = await store.importEvidence(piecesOf(original), meta({ fileName: given }));

    expect(item.fileName).toBe(stored);
    expect(suggestedCopyName(item)).toBe(saved);
    expect(Buffer.byteLength(suggestedCopyName(item))).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);

    const destination = join(outside, suggestedCopyName(item));
    await saveEvidenceCopy(store, item.id, destination);
    expect(readdirSync(outside)).toEqual([saved]);
    expect(readFileSync(destination).equals(original)).toBe(true);
  });

  it('replaces an existing file whole, and leaves it untouched when cancelled', async () => {
    const original = bytesOf(3 * DEFAULT_CHUNK_BYTES, 77);
    const { item } = await store.importEvidence(piecesOf(original), meta());
    const destination = join(outside, 'copy.bin');
    writeFileSync(destination, 'older copy');

    const controller = new AbortController();
    const cancelled = await refusal(() =>
      saveEvidenceCopy(store, item.id, destination, {
        signal: controller.signal,
        onProgress: () => {
          controller.abort();
        },
      }),
    );
    expect(cancelled.code).toBe('CANCELLED');
    expect(readFileSync(destination, 'utf8')).toBe('older copy');
    expect(readdirSync(outside)).toEqual(['copy.bin']);

    await expect(saveEvidenceCopy(store, item.id, destination)).resolves.toEqual({
      bytes: original.length,
      sha256: sha256(original),
    });
    expect(sha256(readFileSync(destination))).toBe(sha256(original));
    expect(readdirSync(outside)).toEqual(['copy.bin']);
    expect(existsSync(join(outside, 'missing', 'x'))).toBe(false);
  });
});
