import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase, tablesCheckedOnRead } from '../database';
import { MIGRATIONS, migrate, schemaVersion } from '../migrate';
import type { SqliteDatabase } from '../sqlite-binding';
import { evidenceSchema } from './0002-evidence';

let folder: string;
let database: SqliteDatabase;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pci-saq-migration-2-'));
  database = openEncryptedDatabase(join(folder, 'vault.db'), randomBytes(32), { create: true });
});

afterEach(() => {
  database.close();
  rmSync(folder, { recursive: true, force: true });
});

const now = '2026-01-01T00:00:00.000Z';

function addContent(state: string, sha256: string | null): number {
  const row = database
    .prepare<[string, string | null, string], { id: number }>(
      `INSERT INTO evidence_contents (state, sha256, chunk_size, created_at)
       VALUES (?, ?, 1048576, ?) RETURNING id`,
    )
    .get(state, sha256, now);
  return row!.id;
}

function addItem(id: string, contentId: number): void {
  database
    .prepare(
      `INSERT INTO evidence_items (id, content_id, title, file_name, media_type, kind, added_on,
         text_check, created_at, updated_at)
       VALUES (?, ?, 'Scan', 'scan.pdf', 'application/pdf', 'asv-scan', '2026-01-01',
         'checked', ?, ?)`,
    )
    .run(id, contentId, now, now);
}

const contentRow = (id: number) =>
  database
    .prepare<[number], { state: string; ref_count: number; sha256: string | null }>(
      'SELECT state, ref_count, sha256 FROM evidence_contents WHERE id = ?',
    )
    .get(id);

describe('migration 2: evidence', () => {
  it('comes right after the initial schema and brings a version-1 vault to 2', () => {
    migrate(database, { migrations: MIGRATIONS.filter((step) => step.version === 1) });
    expect(schemaVersion(database)).toBe(1);

    expect(migrate(database)).toEqual({ from: 1, to: 2 });
    expect(evidenceSchema.version).toBe(2);
    const tables = database
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'evidence_%' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    expect(tables).toEqual([
      'evidence_chunks',
      'evidence_contents',
      'evidence_items',
      'evidence_links',
    ]);
    expect(tablesCheckedOnRead.has('evidence_chunks')).toBe(true);
  });

  it('counts the items using a content and marks it for removal when the last goes', () => {
    migrate(database);
    const content = addContent('complete', 'a'.repeat(64));
    addItem('00000000-0000-4000-8000-000000000001', content);
    addItem('00000000-0000-4000-8000-000000000002', content);
    expect(contentRow(content)).toEqual({
      state: 'complete',
      ref_count: 2,
      sha256: 'a'.repeat(64),
    });

    database.prepare("DELETE FROM evidence_items WHERE id LIKE '%1'").run();
    expect(contentRow(content)).toEqual({
      state: 'complete',
      ref_count: 1,
      sha256: 'a'.repeat(64),
    });

    database.prepare("DELETE FROM evidence_items WHERE id LIKE '%2'").run();
    expect(contentRow(content)).toEqual({ state: 'deleting', ref_count: 0, sha256: null });
  });

  it('refuses items on unfinished content, moving an item to other content, and orphan chunks', () => {
    migrate(database);
    const pending = addContent('pending', null);
    expect(() => {
      addItem('00000000-0000-4000-8000-000000000003', pending);
    }).toThrow(/not complete/);

    const complete = addContent('complete', 'b'.repeat(64));
    addItem('00000000-0000-4000-8000-000000000004', complete);
    expect(() => database.prepare('UPDATE evidence_items SET content_id = ?').run(pending)).toThrow(
      /never changes/,
    );

    database
      .prepare("INSERT INTO evidence_chunks (content_id, seq, bytes) VALUES (?, 0, x'00')")
      .run(complete);
    expect(() =>
      database.prepare('DELETE FROM evidence_contents WHERE id = ?').run(complete),
    ).toThrow(/FOREIGN KEY/);
    expect(() => addContent('complete', null)).toThrow(/CHECK/);
  });
});
