import { OperationError } from '../../../shared/api/result';
import type { SqliteDatabase } from './sqlite-binding';

/**
 * Revisions let several windows (browser tabs, or the desktop window and a
 * tab) edit the same vault without silently overwriting each other. Every
 * record that a window edits carries a revision; the window sends back the
 * revision it last saw, and a save whose expected revision is no longer the
 * current one is refused with STALE_REVISION instead of overwriting what the
 * other window saved. The vault as a whole also has a revision, bumped by
 * every committed write and broadcast as a `vault-changed` event, so that
 * windows know when to reload.
 */

/** Checks an expected revision; `undefined` means the caller does not check (CLI imports). */
export function assertRevision(current: number, expected: number | undefined, path: string): void {
  if (expected === undefined || expected === current) return;

  throw new OperationError(
    'STALE_REVISION',
    `Expected revision ${expected} but the stored one is ${current}.`,
    path,
  );
}

export function vaultRevision(database: SqliteDatabase): number {
  const row = database
    .prepare<[], { revision: number }>('SELECT revision FROM vault_revision WHERE id = 1')
    .get();

  return row?.revision ?? 0;
}

export function bumpVaultRevision(database: SqliteDatabase): number {
  const row = database
    .prepare<[], { revision: number }>(
      'UPDATE vault_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision',
    )
    .get();
  if (row === undefined) throw new Error('The vault revision row is missing.');

  return row.revision;
}
