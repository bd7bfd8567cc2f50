import { OperationError } from '../../../shared/api/result';
import type { Logger } from '../log/logger';
import type { Migration } from './migration';
import * as listed from './migrations/index';
import type { SqliteDatabase } from './sqlite-binding';

/** The migrations of this build, ordered, checked to be 1, 2, 3 ... without gaps. */
export const MIGRATIONS: readonly Migration[] = orderMigrations(Object.values(listed));

export function orderMigrations(migrations: readonly Migration[]): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}.`,
      );
    }
  });

  return ordered;
}

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(database: SqliteDatabase): number {
  return Number(database.pragma('user_version', { simple: true }));
}

/** Refuses a database written by a newer build before anything touches it. */
export function assertSchemaNotNewer(
  database: SqliteDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const version = schemaVersion(database);
  const latest = latestSchemaVersion(migrations);
  if (version > latest) {
    throw new OperationError(
      'VAULT_TOO_NEW',
      `The vault has schema version ${version}; this build knows up to ${latest}.`,
    );
  }
}

/**
 * Brings the database to the latest schema, one transaction per migration.
 * Each transaction sets `user_version` itself, so a migration that throws
 * leaves the database at the previous version, ready to be retried.
 */
export function migrate(
  database: SqliteDatabase,
  options: { migrations?: readonly Migration[]; log?: Logger } = {},
): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  assertSchemaNotNewer(database, migrations);

  const from = schemaVersion(database);
  for (const migration of migrations) {
    if (migration.version <= from) continue;

    const started = performance.now();
    database
      .transaction(() => {
        migration.up(database);
        // PRAGMA takes no bound parameters; the version is an integer we own.
        database.pragma(`user_version = ${Math.trunc(migration.version)}`);
      })
      .immediate();
    options.log?.info('migration applied', {
      version: migration.version,
      name: migration.name,
      ms: Math.round(performance.now() - started),
    });
  }

  return { from, to: schemaVersion(database) };
}
