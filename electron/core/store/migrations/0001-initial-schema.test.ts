import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../database';
import { migrate, MIGRATIONS, schemaVersion } from '../migrate';
import type { SqliteDatabase } from '../sqlite-binding';
import { initialSchema } from './0001-initial-schema';

let folder: string;
let database: SqliteDatabase;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pci-saq-migration-1-'));
  // Version 0: a new, empty encrypted database.
  database = openEncryptedDatabase(join(folder, 'vault.db'), randomBytes(32), { create: true });
});

afterEach(() => {
  database.close();
  rmSync(folder, { recursive: true, force: true });
});

const now = '2026-01-01T00:00:00.000Z';

function insertAssessment(): void {
  database
    .prepare(
      `INSERT INTO merchant_profiles (id, company_name, created_at, updated_at)
       VALUES ('p', 'Example Shop', ?, ?)`,
    )
    .run(now, now);
  database
    .prepare(
      `INSERT INTO assessments (id, profile_id, saq_type, questionnaire_id, questionnaire_version,
         questionnaire_sha256, created_at, updated_at)
       VALUES ('a', 'p', 'A', 'saq-a', '4.0.1', ?, ?, ?)`,
    )
    .run('ab'.repeat(32), now, now);
}

describe('migration 1: initial schema', () => {
  it('migrates a database at version 0 to version 1 with every table', () => {
    expect(schemaVersion(database)).toBe(0);

    migrate(database, { migrations: MIGRATIONS.slice(0, 1) });

    expect(schemaVersion(database)).toBe(initialSchema.version);
    const tables = database
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    expect(tables).toEqual([
      'answer_history',
      'answers',
      'assessments',
      'attestations',
      'audit_entries',
      'merchant_profiles',
      'settings',
      'vault_meta',
      'vault_revision',
    ]);
    expect(
      database.prepare<[], { revision: number }>('SELECT revision FROM vault_revision').get(),
    ).toEqual({ revision: 0 });
  });

  it('constrains what it stores: responses, JSON payloads, the pinned questionnaire digest', () => {
    migrate(database, { migrations: MIGRATIONS.slice(0, 1) });
    insertAssessment();
    const answer = database.prepare(
      `INSERT INTO answers (assessment_id, row_id, response, payload, revision, updated_at)
       VALUES ('a', ?, ?, ?, 1, ?)`,
    );

    expect(() => answer.run('1.1', 'in-place', '{}', now)).not.toThrow();
    expect(() => answer.run('1.2', 'maybe', '{}', now)).toThrow(/CHECK/);
    expect(() => answer.run('1.3', 'in-place', 'not json', now)).toThrow(/CHECK/);
    expect(() =>
      database
        .prepare(
          `INSERT INTO assessments (id, profile_id, saq_type, questionnaire_id, questionnaire_version,
             questionnaire_sha256, created_at, updated_at)
           VALUES ('b', 'p', 'A', 'saq-a', '4.0.1', 'short', ?, ?)`,
        )
        .run(now, now),
    ).toThrow(/CHECK/);
    expect(() =>
      database
        .prepare(
          `INSERT INTO answers (assessment_id, row_id, response, payload, revision, updated_at)
           VALUES ('missing', '1.1', NULL, '{}', 1, ?)`,
        )
        .run(now),
    ).toThrow(/FOREIGN KEY/);
  });

  it('makes the audit trail append-only', () => {
    migrate(database, { migrations: MIGRATIONS.slice(0, 1) });
    database
      .prepare(
        `INSERT INTO audit_entries (seq, at, door, preparer, app_version, action, subject, summary,
           prev_hash, hash) VALUES (1, ?, 'cli', '', '0', 'a', 's', '', ?, ?)`,
      )
      .run(now, '0'.repeat(64), '1'.repeat(64));

    expect(() => database.exec("UPDATE audit_entries SET action = 'b'")).toThrow(/append-only/);
    expect(() => database.exec('DELETE FROM audit_entries')).toThrow(/append-only/);
  });
});
