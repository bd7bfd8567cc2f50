import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { openEncryptedDatabase } from './database';
import type { Migration } from './migration';
import {
  latestSchemaVersion,
  migrate,
  MIGRATIONS,
  orderMigrations,
  schemaVersion,
} from './migrate';
import type { SqliteDatabase } from './sqlite-binding';

let folder: string;
let database: SqliteDatabase;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pci-saq-migrate-'));
  database = openEncryptedDatabase(join(folder, 'vault.db'), randomBytes(32), { create: true });
});

afterEach(() => {
  database.close();
  rmSync(folder, { recursive: true, force: true });
});

const tables = () =>
  database
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((row) => row.name);

describe('the migration list', () => {
  it('numbers the migrations 1..n without gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_migration, index) => index + 1),
    );
    expect(latestSchemaVersion()).toBe(MIGRATIONS.length);
  });

  it('refuses a list with a gap or a duplicate', () => {
    const step = (version: number): Migration => ({
      version,
      name: `m${version}`,
      up: () => undefined,
    });

    expect(() => orderMigrations([step(1), step(3)])).toThrow(/expected 2/);
    expect(() => orderMigrations([step(1), step(1)])).toThrow(/expected 2/);
    expect(orderMigrations([step(2), step(1)]).map((migration) => migration.version)).toEqual([
      1, 2,
    ]);
  });
});

describe('migrate', () => {
  it('brings an empty database to the latest version and is then a no-op', () => {
    expect(migrate(database)).toEqual({ from: 0, to: latestSchemaVersion() });
    expect(migrate(database)).toEqual({ from: latestSchemaVersion(), to: latestSchemaVersion() });
  });

  it('runs each migration in its own transaction: a failing one leaves the previous version', () => {
    const failing: Migration = {
      version: latestSchemaVersion() + 1,
      name: 'fails halfway',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };

    expect(() => migrate(database, { migrations: [...MIGRATIONS, failing] })).toThrow('boom');
    expect(schemaVersion(database)).toBe(latestSchemaVersion());
    expect(tables()).not.toContain('half_done');
  });

  it('refuses a database newer than this build with VAULT_TOO_NEW and changes nothing', () => {
    migrate(database);
    database.pragma(`user_version = ${latestSchemaVersion() + 1}`);

    let error: unknown;
    try {
      migrate(database);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OperationError);
    expect((error as OperationError).code).toBe('VAULT_TOO_NEW');
    expect(schemaVersion(database)).toBe(latestSchemaVersion() + 1);
  });
});
