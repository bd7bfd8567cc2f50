import { createCipheriv, createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from '../vault/testing';
import { sessionEvidenceDatabase } from './evidence-database';
import { evidenceStoreFor, type EvidenceStore } from './evidence-store';

/**
 * The large round trip: 300 MiB streamed from a generator (never a file on
 * disk, never whole in memory) into a real encrypted vault and back out.
 * Resident memory is sampled during the import; a store that buffered the
 * file would grow by its whole size and fail the bound.
 */

const MIB = 1024 * 1024;
const TOTAL = 300 * MIB;
const PIECE = 64 * 1024;
/** Written at the start of every piece, so that any plaintext page would show it. */
const MARKER = Buffer.from('PLAINTEXT-EVIDENCE-MARKER-7f3a');
/** Well under the file's size: buffering it whole (or a large part) cannot pass. */
const RSS_GROWTH_LIMIT = 96 * MIB;

let vault: TemporaryVault;
let store: EvidenceStore;

beforeAll(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-evidence-large-' });
  await vault.service.create(TEST_PASSPHRASE);
  store = evidenceStoreFor(sessionEvidenceDatabase(vault.service.session()), { door: 'desktop' });
});

afterAll(async () => {
  await vault.remove();
});

/** Pseudo-random bytes from AES-CTR over zeros (fast), with the marker in each piece. */
async function* generated(total: number, digest: { sha256?: string }): AsyncGenerator<Buffer> {
  const keystream = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(PIECE);
  const hash = createHash('sha256');
  for (let sent = 0; sent < total; sent += PIECE) {
    const piece = keystream.update(zeros.subarray(0, Math.min(PIECE, total - sent)));
    MARKER.copy(piece, 0);
    hash.update(piece);
    yield piece;
    await Promise.resolve();
  }
  digest.sha256 = hash.digest('hex');
}

/** Whether `needle` occurs in the file, read in pieces with an overlap. */
function fileContains(path: string, needle: Buffer): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4 * MIB + needle.length);
    let position = 0;
    let carried = 0;
    for (;;) {
      const read = readSync(fd, buffer, carried, buffer.length - carried, position);
      if (read === 0) return false;
      const filled = carried + read;
      if (buffer.subarray(0, filled).includes(needle)) return true;
      carried = Math.min(needle.length - 1, filled);
      buffer.copy(buffer, 0, filled - carried, filled);
      position += read;
    }
  } finally {
    closeSync(fd);
  }
}

describe('a 300 MiB file', () => {
  it('streams in and out with bounded memory, identical bytes and no plaintext on disk', async () => {
    const digest: { sha256?: string } = {};
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let progressCalls = 0;

    const { item } = await store.importEvidence(
      generated(TOTAL, digest),
      { title: 'Large configuration export', fileName: 'export.bin', kind: 'configuration' },
      {
        onProgress: () => {
          progressCalls += 1;
          if (progressCalls % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        },
      },
    );
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(item.sizeBytes).toBe(TOTAL);
    expect(item.sha256).toBe(digest.sha256);
    expect(peak - baseline).toBeLessThan(RSS_GROWTH_LIMIT);

    const { database } = vault.service.paths;
    expect(statSync(database).size).toBeGreaterThan(TOTAL);
    expect(fileContains(database, MARKER)).toBe(false);
    expect(fileContains(`${database}-wal`, MARKER)).toBe(false);

    const out = createHash('sha256');
    let outBytes = 0;
    let readPeak = process.memoryUsage().rss;
    for await (const chunk of store.readContent(item.id)) {
      out.update(chunk);
      outBytes += chunk.length;
      if (outBytes % (32 * MIB) === 0) readPeak = Math.max(readPeak, process.memoryUsage().rss);
    }
    expect(outBytes).toBe(TOTAL);
    expect(out.digest('hex')).toBe(digest.sha256);
    expect(readPeak - baseline).toBeLessThan(RSS_GROWTH_LIMIT);
  });
});
