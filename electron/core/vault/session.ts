import type { Door } from '../../../shared/api/ops/app';
import { OperationError } from '../../../shared/api/result';
import { AuditTrail, type AuditEntry, type AuditEntryInput } from '../audit/audit-trail';
import type { EventHub } from '../events';
import { storeErrorFor } from '../store/errors';
import { bumpVaultRevision, vaultRevision } from '../store/revision';
import { preparerName } from '../store/settings-repository';
import type { SqliteDatabase } from '../store/sqlite-binding';

/** What a write sees: the database inside its transaction, and the audit trail. */
export interface WriteTransaction {
  readonly database: SqliteDatabase;
  readonly door: Door;
  /** Appends an audit entry in this transaction: it commits or vanishes with the change. */
  audit(entry: AuditEntryInput): AuditEntry;
}

export interface SessionOptions {
  readonly database: SqliteDatabase;
  readonly vaultId: string;
  readonly appVersion: string;
  readonly events: EventHub;
  readonly now: () => Date;
}

/**
 * The unlocked vault as other domains use it. Get it from
 * `VaultService.session()`, which throws VAULT_LOCKED while locked; a
 * session kept past a lock throws VAULT_LOCKED too.
 *
 * Change data through `write`: one IMMEDIATE transaction, audit entries in
 * the same transaction, the vault revision bumped and a `vault-changed`
 * event sent after commit, and SQLite failures turned into the errors the
 * page knows (DISK_FULL, NO_PERMISSION, VAULT_DAMAGED). Once a read or a
 * write finds the database damaged, the session refuses every further write
 * so that nothing is built on top of a damaged page.
 */
export class VaultSession {
  readonly vaultId: string;
  readonly #database: SqliteDatabase;
  readonly #audit: AuditTrail;
  readonly #events: EventHub;
  #open = true;
  #damaged = false;

  constructor(options: SessionOptions) {
    this.vaultId = options.vaultId;
    this.#database = options.database;
    this.#events = options.events;
    this.#audit = new AuditTrail(options.database, {
      appVersion: options.appVersion,
      now: options.now,
      preparer: preparerName,
    });
  }

  get isOpen(): boolean {
    return this.#open;
  }

  get damaged(): boolean {
    return this.#damaged;
  }

  /** The open database, for reads and for repositories used inside `write`. */
  get database(): SqliteDatabase {
    this.#assertOpen();
    return this.#database;
  }

  get audit(): AuditTrail {
    this.#assertOpen();
    return this.#audit;
  }

  revision(): number {
    return this.read(vaultRevision);
  }

  read<T>(body: (database: SqliteDatabase) => T): T {
    this.#assertOpen();
    try {
      return body(this.#database);
    } catch (error) {
      throw this.#translate(error);
    }
  }

  write<T>(door: Door, body: (transaction: WriteTransaction) => T): T {
    this.#assertOpen();
    if (this.#damaged) {
      throw new OperationError('VAULT_DAMAGED', 'Writes are stopped: the database is damaged.');
    }

    let revision = 0;
    let result: T;
    try {
      result = this.#database
        .transaction(() => {
          const value = body({
            database: this.#database,
            door,
            audit: (entry) => this.#audit.append({ ...entry, door }),
          });
          revision = bumpVaultRevision(this.#database);
          return value;
        })
        .immediate();
    } catch (error) {
      throw this.#translate(error);
    }
    this.#events.emit({ type: 'vault-changed', revision });

    return result;
  }

  /** Called by the vault service when it locks; the database is closed by the service. */
  markClosed(): void {
    this.#open = false;
  }

  #assertOpen(): void {
    if (!this.#open) throw new OperationError('VAULT_LOCKED', 'The vault is locked.');
  }

  #translate(error: unknown): unknown {
    const translated = storeErrorFor(error);
    if (translated?.code === 'VAULT_DAMAGED') this.#damaged = true;

    return translated ?? error;
  }
}
