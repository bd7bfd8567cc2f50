import type { Door } from '../../../shared/api/ops/app';
import type { AuditHead, AuditVerification } from '../../../shared/api/ops/vault';
import type { SqliteDatabase } from '../store/sqlite-binding';
import { canonicalJson, sha256Hex, valueDigest } from './canonical-json';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a domain says about a change; who, when and the chain are added here. */
export interface AuditEntryInput {
  /** A stable dotted name, e.g. `answer.saved`, `vault.passphrase-changed`. */
  readonly action: string;
  /** What it applies to, by id, e.g. `assessment:<id>/row:1.2.3`. Never user content. */
  readonly subject: string;
  /** A short description of the change without user content, e.g. `response in-place`. */
  readonly summary?: string;
  /** The value before and after the change; only their digests are recorded. */
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly door: Door;
  readonly preparer: string;
  readonly appVersion: string;
  readonly action: string;
  readonly subject: string;
  readonly summary: string;
  readonly digestBefore: string | null;
  readonly digestAfter: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

interface AuditRow {
  seq: number;
  at: string;
  door: Door;
  preparer: string;
  app_version: string;
  action: string;
  subject: string;
  summary: string;
  digest_before: string | null;
  digest_after: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditContext {
  readonly appVersion: string;
  readonly now: () => Date;
  /** Who prepares the assessment, read at the time of each entry. */
  readonly preparer: (database: SqliteDatabase) => string;
}

/**
 * The hash of an entry: SHA-256 over the canonical JSON of every field but
 * the hash itself, in a fixed order. Changing any field, reordering entries
 * or removing one breaks the chain from that entry on.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    canonicalJson([
      'pci-saq-audit-1',
      entry.seq,
      entry.at,
      entry.door,
      entry.preparer,
      entry.appVersion,
      entry.action,
      entry.subject,
      entry.summary,
      entry.digestBefore,
      entry.digestAfter,
      entry.prevHash,
    ]),
  );
}

function fromRow(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    door: row.door,
    preparer: row.preparer,
    appVersion: row.app_version,
    action: row.action,
    subject: row.subject,
    summary: row.summary,
    digestBefore: row.digest_before,
    digestAfter: row.digest_after,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The vault's audit trail. Appends belong in the same transaction as the
 * change they describe (VaultSession.write does that), so that a change and
 * its entry commit or vanish together.
 */
export class AuditTrail {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly context: AuditContext,
  ) {}

  append(input: AuditEntryInput & { readonly door: Door }): AuditEntry {
    const append = () => {
      const { length, head } = this.head();
      const unhashed: Omit<AuditEntry, 'hash'> = {
        seq: length + 1,
        at: this.context.now().toISOString(),
        door: input.door,
        preparer: this.context.preparer(this.database),
        appVersion: this.context.appVersion,
        action: input.action,
        subject: input.subject,
        summary: input.summary ?? '',
        digestBefore: input.before === undefined ? null : valueDigest(input.before),
        digestAfter: input.after === undefined ? null : valueDigest(input.after),
        prevHash: head,
      };
      const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
      this.database
        .prepare(
          `INSERT INTO audit_entries (seq, at, door, preparer, app_version, action, subject,
             summary, digest_before, digest_after, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.seq,
          entry.at,
          entry.door,
          entry.preparer,
          entry.appVersion,
          entry.action,
          entry.subject,
          entry.summary,
          entry.digestBefore,
          entry.digestAfter,
          entry.prevHash,
          entry.hash,
        );
      return entry;
    };

    return this.database.inTransaction ? append() : this.database.transaction(append).immediate();
  }

  /** The chain's length and the hash of its last entry (the genesis hash when empty). */
  head(): AuditHead {
    const row = this.database
      .prepare<[], { seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
      )
      .get();

    return row === undefined
      ? { length: 0, head: GENESIS_HASH }
      : { length: row.seq, head: row.hash };
  }

  entries(fromSeq = 1, limit = 1000): AuditEntry[] {
    return this.database
      .prepare<[number, number], AuditRow>(
        'SELECT * FROM audit_entries WHERE seq >= ? ORDER BY seq LIMIT ?',
      )
      .all(fromSeq, limit)
      .map(fromRow);
  }

  /**
   * Walks the whole chain and reports the first entry that does not hold:
   * a gap in the numbering, a link to a previous hash that is not the
   * previous entry's, or a hash that does not match the entry's fields.
   * With `expected` (the head and length printed in a signed report), also
   * says whether this trail still contains that report's trail unchanged.
   */
  verify(expected?: AuditHead): AuditVerification {
    let previous = GENESIS_HASH;
    let length = 0;
    let firstBroken: AuditVerification['firstBroken'] = null;
    let hashAtExpected: string | undefined;

    for (const row of this.database
      .prepare<[], AuditRow>('SELECT * FROM audit_entries ORDER BY seq')
      .iterate()) {
      const entry = fromRow(row);
      const { hash, ...unhashed } = entry;
      if (entry.seq !== length + 1) {
        firstBroken = { seq: length + 1, reason: 'missing-entry' };
      } else if (entry.prevHash !== previous) {
        firstBroken = { seq: entry.seq, reason: 'broken-link' };
      } else if (entryHash(unhashed) !== hash) {
        firstBroken = { seq: entry.seq, reason: 'altered-entry' };
      }
      if (firstBroken !== null) break;

      previous = hash;
      length = entry.seq;
      if (expected !== undefined && entry.seq === expected.length) hashAtExpected = hash;
    }

    const ok = firstBroken === null;
    const extendsExpected =
      expected === undefined
        ? null
        : ok &&
          (expected.length === 0
            ? expected.head === GENESIS_HASH
            : hashAtExpected === expected.head);

    return { ok, length, head: previous, firstBroken, extendsExpected };
  }
}
