import type { Door } from '../../../shared/api/ops/app';
import { OperationError } from '../../../shared/api/result';
import type { AuditEntryInput } from '../audit/audit-trail';
import { storeErrorFor } from '../store/errors';
import type { SqliteDatabase } from '../store/sqlite-binding';
import type { VaultSession } from '../vault/session';

/** A visible change: its transaction and the audit trail it appends to. */
export interface EvidenceWrite {
  readonly database: SqliteDatabase;
  readonly audit: (entry: AuditEntryInput) => void;
}

/**
 * What the evidence store needs from the vault. Three kinds of access:
 * reads; quiet transactions for work nobody can see yet (the chunks of a
 * pending import, removing chunks of content no item uses), which neither
 * bump the vault revision nor write audit entries; and visible, audited
 * writes. Kept this small so that the store runs on the vault session in the
 * app and on a bare database in benchmarks.
 */
export interface EvidenceDatabase {
  read<T>(body: (database: SqliteDatabase) => T): T;
  quiet<T>(body: (database: SqliteDatabase) => T): T;
  write<T>(door: Door, body: (write: EvidenceWrite) => T): T;
  /** Identifies one unlock of the vault, so that clean-up runs once per open. */
  readonly openId: object;
}

/** The store on the unlocked vault. */
export function sessionEvidenceDatabase(session: VaultSession): EvidenceDatabase {
  return {
    openId: session,
    read: (body) => session.read(body),
    quiet: (body) => {
      if (session.damaged) {
        throw new OperationError('VAULT_DAMAGED', 'Writes are stopped: the database is damaged.');
      }
      // session.read translates SQLite failures (disk full, damage) the same way writes do.
      return session.read((database) => database.transaction(() => body(database)).immediate());
    },
    write: (door, body) =>
      session.write(door, (transaction) =>
        body({
          database: transaction.database,
          audit: (entry) => {
            transaction.audit(entry);
          },
        }),
      ),
  };
}

/**
 * The store on a bare database (benchmarks, tests of the store alone). Audit
 * entries go to `onAudit`; SQLite failures are translated as in the vault.
 */
export function bareEvidenceDatabase(
  database: SqliteDatabase,
  onAudit: (entry: AuditEntryInput) => void = () => undefined,
): EvidenceDatabase {
  const translated = <T>(body: () => T): T => {
    try {
      return body();
    } catch (error) {
      throw storeErrorFor(error) ?? error;
    }
  };

  return {
    openId: database,
    read: (body) => translated(() => body(database)),
    quiet: (body) => translated(() => database.transaction(() => body(database)).immediate()),
    write: (_door, body) =>
      translated(() => database.transaction(() => body({ database, audit: onAudit })).immediate()),
  };
}
