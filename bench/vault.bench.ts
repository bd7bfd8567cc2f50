import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AuditTrail } from '../electron/core/audit/audit-trail';
import { saveAnswer } from '../electron/core/store/answers-repository';
import { checkIntegrityAtOpen, openEncryptedDatabase } from '../electron/core/store/database';
import { assertSchemaNotNewer, migrate } from '../electron/core/store/migrate';
import { openSqliteFile, type SqliteDatabase } from '../electron/core/store/sqlite-binding';
import { DEFAULT_SCRYPT, derivePassphraseKey } from '../electron/core/vault/key-file';
import type { WriteTransaction } from '../electron/core/vault/session';
import { seedAssessment, temporaryVault, TEST_PASSPHRASE } from '../electron/core/vault/testing';
import { formatMs, summarize, type BenchSuite } from './suite';

/**
 * The vault's costs: saving one answer (the autosave path: answer, history,
 * audit entry, revision, one durable commit) beside the disk's own fsync
 * floor; unlocking, split into key derivation and opening; and the same
 * workload on an encrypted and a plain database.
 */

const SAVES = 400;

function time(body: () => void): number {
  const started = performance.now();
  body();
  return performance.now() - started;
}

async function timeAsync(body: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

function line(label: string, samples: readonly number[]): string {
  const { median, p99, max } = summarize(samples);
  return `${label.padEnd(44)} median ${formatMs(median)}  p99 ${formatMs(p99)}  max ${formatMs(max)}  (n=${samples.length})`;
}

/** One 4 KiB write plus fsync to a file in `dir`: what one durable commit cannot beat. */
function fsyncFloor(dir: string, rounds: number): number[] {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'w');
  const page = randomBytes(4096);
  const samples: number[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      samples.push(
        time(() => {
          writeSync(fd, page, 0, page.length, (round % 64) * 4096);
          fsyncSync(fd);
        }),
      );
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return samples;
}

function transactionOn(database: SqliteDatabase): WriteTransaction {
  const trail = new AuditTrail(database, {
    appVersion: 'bench',
    now: () => new Date(),
    preparer: () => 'Bench',
  });
  return { database, door: 'cli', audit: (entry) => trail.append({ ...entry, door: 'cli' }) };
}

/** Saves, reads back and bulk-inserts: the same on both databases. */
function workload(database: SqliteDatabase): number {
  migrate(database);
  seedAssessment(database);
  const transaction = transactionOn(database);
  return time(() => {
    for (let row = 0; row < 300; row += 1) {
      database.transaction(() =>
        saveAnswer(
          transaction,
          {
            assessmentId: 'assessment-1',
            rowId: `r${row % 100}`,
            response: 'in-place',
            payload: { notes: `note ${row} `.repeat(20) },
          },
          new Date(),
        ),
      )();
    }
    database.transaction(() => {
      for (let row = 0; row < 5000; row += 1) {
        transaction.audit({ action: 'bench.bulk', subject: `row:${row}`, after: row });
      }
    })();
    database.prepare('SELECT * FROM answer_history').all();
    database.prepare('SELECT * FROM audit_entries').all();
  });
}

function plainDatabase(path: string): SqliteDatabase {
  const database = openSqliteFile(path, { fileMustExist: false });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('temp_store = MEMORY');
  database.pragma('mmap_size = 0');
  database.pragma('secure_delete = ON');
  database.pragma('foreign_keys = ON');
  return database;
}

export const vaultBench: BenchSuite = {
  name: 'vault',
  async run(print) {
    const vault = temporaryVault({ prefix: 'pci-saq-bench-' });
    try {
      await vault.service.create(TEST_PASSPHRASE);
      const session = vault.service.session();
      session.write('cli', (transaction) => {
        seedAssessment(transaction.database);
      });

      // Save one answer, as autosave does, after a short warm-up.
      const save = (row: number) =>
        session.write('cli', (transaction) =>
          saveAnswer(
            transaction,
            {
              assessmentId: 'assessment-1',
              rowId: `${1 + (row % 12)}.${row % 20}`,
              response: row % 3 === 0 ? 'not-applicable' : 'in-place',
              payload: { explanation: `Explanation number ${row}. `.repeat(8) },
            },
            new Date(),
          ),
        );
      for (let row = 0; row < 30; row += 1) save(row);
      const saves = Array.from({ length: SAVES }, (_unused, row) => time(() => save(row)));
      print(line('save one answer (encrypted, durable)', saves));
      print(line('fsync floor, 4 KiB write + fsync, same disk', fsyncFloor(vault.root, SAVES)));

      // Unlock, split: key derivation with the shipped parameters, then opening.
      const salt = randomBytes(16);
      const kdf: number[] = [];
      for (let round = 0; round < 5; round += 1) {
        kdf.push(await timeAsync(() => derivePassphraseKey(TEST_PASSPHRASE, salt, DEFAULT_SCRYPT)));
      }
      print(line(`unlock: scrypt N=2^${Math.log2(DEFAULT_SCRYPT.N)} r=${DEFAULT_SCRYPT.r}`, kdf));

      const dataKey = randomBytes(32);
      const bigPath = join(vault.root, 'big.db');
      const big = openEncryptedDatabase(bigPath, dataKey, { create: true });
      migrate(big);
      seedAssessment(big);
      const transaction = transactionOn(big);
      big.transaction(() => {
        for (let row = 0; row < 20_000; row += 1) {
          saveAnswer(
            transaction,
            {
              assessmentId: 'assessment-1',
              rowId: `r${row % 254}`,
              response: 'in-place',
              payload: { notes: `A longer note for row ${row}. `.repeat(12) },
            },
            new Date(),
          );
        }
      })();
      big.close();
      const megabytes = statSync(bigPath).size / 1024 / 1024;
      const opens: number[] = [];
      const checks: number[] = [];
      for (let round = 0; round < 5; round += 1) {
        let database: SqliteDatabase | undefined;
        opens.push(
          time(() => {
            database = openEncryptedDatabase(bigPath, dataKey);
            assertSchemaNotNewer(database);
          }),
        );
        checks.push(
          time(() => {
            if (database !== undefined) checkIntegrityAtOpen(database);
          }),
        );
        database?.close();
      }
      print(line(`unlock: open + key check + pragmas (${megabytes.toFixed(1)} MB)`, opens));
      print(line(`unlock: integrity check at open (${megabytes.toFixed(1)} MB)`, checks));
      print(
        `  integrity check cost: ${formatMs(summarize(checks).median / megabytes)} per MB of database`,
      );

      // The same workload, encrypted and plain, alternating on fresh files so
      // that neither side always runs on a warmer machine.
      const encryptedRuns: number[] = [];
      const plainRuns: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        const encrypted = openEncryptedDatabase(
          join(vault.root, `encrypted-${round}.db`),
          randomBytes(32),
          { create: true },
        );
        encryptedRuns.push(workload(encrypted));
        encrypted.close();
        const plainPath = join(vault.root, `plain-${round}.db`);
        const plain = plainDatabase(plainPath);
        plainRuns.push(workload(plain));
        plain.close();
        // The comparison only means something if the plain file really is plain.
        if (!readFileSync(plainPath).subarray(0, 15).equals(Buffer.from('SQLite format 3'))) {
          throw new Error('The plain database is not a plain SQLite file.');
        }
      }
      const encryptedMs = summarize(encryptedRuns).median;
      const plainMs = summarize(plainRuns).median;
      print(
        `workload (300 saves, 5000-entry bulk insert, read-back), median of 3: encrypted ${formatMs(encryptedMs)}, plain ${formatMs(plainMs)}, ratio ${(encryptedMs / plainMs).toFixed(2)}x`,
      );
    } finally {
      await vault.remove();
    }
  },
};
