import type { Migration } from '../migration';
import { tablesCheckedOnRead } from '../database';

/**
 * Evidence files inside the vault.
 *
 * - `evidence_contents`: one row per distinct file content, identified by
 *   the SHA-256 of its bytes once known. A content is `pending` while its
 *   chunks stream in (nobody sees it yet), `complete` once an item uses it,
 *   and `deleting` while its chunks are removed in short transactions after
 *   the last item using it went (or an import was abandoned). Anything not
 *   complete is cleared at the next unlock.
 * - `evidence_chunks`: the bytes, in fixed-size chunks so that a large file
 *   streams in and out with flat memory and each chunk commits on its own.
 * - `evidence_items`: what a person sees: title, kind, dates, the original
 *   file name. Triggers keep the content's reference count, so deleting one
 *   item never removes content another still uses.
 * - `evidence_links`: which answer rows an item supports; unlinking is not
 *   deleting.
 */
export const evidenceSchema: Migration = {
  version: 2,
  name: 'evidence',
  up(database) {
    database.exec(`
      CREATE TABLE evidence_contents (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('pending', 'complete', 'deleting')),
        sha256 TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64),
        size_bytes INTEGER NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
        chunk_size INTEGER NOT NULL CHECK (chunk_size > 0),
        chunk_count INTEGER NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
        ref_count INTEGER NOT NULL DEFAULT 0 CHECK (ref_count >= 0),
        created_at TEXT NOT NULL,
        CHECK (state <> 'complete' OR sha256 IS NOT NULL)
      ) STRICT;
      CREATE INDEX evidence_contents_unfinished ON evidence_contents(state)
        WHERE state <> 'complete';

      -- No cascade: a content row can only go once its chunks are gone, which
      -- the store does a few chunks per transaction.
      CREATE TABLE evidence_chunks (
        id INTEGER PRIMARY KEY,
        content_id INTEGER NOT NULL REFERENCES evidence_contents(id),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        bytes BLOB NOT NULL,
        UNIQUE (content_id, seq)
      ) STRICT;

      CREATE TABLE evidence_items (
        id TEXT PRIMARY KEY,
        content_id INTEGER NOT NULL REFERENCES evidence_contents(id),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('asv-scan', 'service-provider-aoc',
          'penetration-test', 'policy', 'screenshot', 'configuration', 'other')),
        added_on TEXT NOT NULL
          CHECK (added_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        effective_on TEXT CHECK (effective_on IS NULL
          OR effective_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        expires_on TEXT CHECK (expires_on IS NULL
          OR expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        text_check TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX evidence_items_by_content ON evidence_items(content_id);

      CREATE TRIGGER evidence_items_need_complete_content BEFORE INSERT ON evidence_items
      WHEN (SELECT state FROM evidence_contents WHERE id = NEW.content_id) IS NOT 'complete'
      BEGIN SELECT RAISE(ABORT, 'evidence content is not complete'); END;

      CREATE TRIGGER evidence_items_content_fixed BEFORE UPDATE OF content_id ON evidence_items
      BEGIN SELECT RAISE(ABORT, 'evidence content never changes'); END;

      CREATE TRIGGER evidence_items_count_in AFTER INSERT ON evidence_items
      BEGIN
        UPDATE evidence_contents SET ref_count = ref_count + 1 WHERE id = NEW.content_id;
      END;

      -- The last item going marks its content for removal in the same
      -- transaction, and gives up its hash so that the same bytes added
      -- again while the old chunks are being removed get a fresh content.
      CREATE TRIGGER evidence_items_count_out AFTER DELETE ON evidence_items
      BEGIN
        UPDATE evidence_contents
          SET ref_count = ref_count - 1,
              state = CASE WHEN ref_count = 1 THEN 'deleting' ELSE state END,
              sha256 = CASE WHEN ref_count = 1 THEN NULL ELSE sha256 END
          WHERE id = OLD.content_id;
      END;

      CREATE TABLE evidence_links (
        evidence_id TEXT NOT NULL REFERENCES evidence_items(id) ON DELETE CASCADE,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        row_id TEXT NOT NULL,
        linked_at TEXT NOT NULL,
        PRIMARY KEY (evidence_id, assessment_id, row_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX evidence_links_by_row ON evidence_links(assessment_id, row_id);
    `);
  },
};

// Reading every chunk at each unlock would take seconds on a large vault;
// SQLCipher checks each page's MAC when a chunk is read instead.
tablesCheckedOnRead.add('evidence_chunks');
