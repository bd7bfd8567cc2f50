import type { Migration } from '../migration';

/**
 * The first schema: the vault's identity and revision, settings, merchant
 * profiles, assessments, answers with their history, attestations and the
 * audit trail. Free-form parts of a row (worksheets, explanations, notes)
 * are JSON in `payload` columns so that the questionnaire can grow without a
 * migration; columns are kept for what is queried or constrained.
 *
 * Evidence tables come in a later migration.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(database) {
    database.exec(`
      CREATE TABLE vault_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One row. Bumped by every committed write, so that any window can tell
      -- whether what it shows is still current.
      CREATE TABLE vault_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL CHECK (revision >= 0)
      ) STRICT;
      INSERT INTO vault_revision (id, revision) VALUES (1, 0);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE merchant_profiles (
        id TEXT PRIMARY KEY,
        company_name TEXT NOT NULL,
        contact_name TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- An assessment pins the exact questionnaire it was answered against,
      -- so that a later definition never silently changes its meaning.
      CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES merchant_profiles(id),
        saq_type TEXT NOT NULL,
        questionnaire_id TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        questionnaire_sha256 TEXT NOT NULL CHECK (length(questionnaire_sha256) = 64),
        period_start TEXT,
        period_end TEXT,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assessments_by_profile ON assessments(profile_id);

      -- One row per answer row of the questionnaire (a requirement, or one
      -- bullet of it). payload holds the worksheet, explanation, legal
      -- exception and notes. revision counts saves of this row and is what a
      -- window sends back to detect that another window saved in between.
      CREATE TABLE answers (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        row_id TEXT NOT NULL,
        response TEXT CHECK (response IS NULL OR response IN
          ('in-place', 'in-place-ccw', 'not-applicable', 'not-tested', 'not-in-place')),
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, row_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE answer_history (
        id INTEGER PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        row_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        response TEXT,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        door TEXT NOT NULL,
        changed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX answer_history_by_row ON answer_history(assessment_id, row_id, revision);

      CREATE TABLE attestations (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        signer_name TEXT,
        signed_at TEXT,
        -- The audit trail as it stood when the attestation was signed.
        audit_length INTEGER,
        audit_head TEXT,
        revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attestations_by_assessment ON attestations(assessment_id);

      -- The audit trail: a hash chain, append-only. Each entry's hash covers
      -- its fields and the previous entry's hash.
      CREATE TABLE audit_entries (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        at TEXT NOT NULL,
        door TEXT NOT NULL CHECK (door IN ('desktop', 'browser', 'cli')),
        preparer TEXT NOT NULL,
        app_version TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        summary TEXT NOT NULL,
        digest_before TEXT,
        digest_after TEXT,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;

      -- Not a defence against someone holding the key (verification is), but
      -- it stops any code path from rewriting history by mistake.
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    `);
  },
};
