import { chmodSync, existsSync } from 'node:fs';
import { OperationError } from '../../../shared/api/result';
import { rethrowAsStoreError } from './errors';
import { openSqliteFile, type SqliteDatabase } from './sqlite-binding';

/** Length of the raw data key that encrypts the database. */
export const DATA_KEY_BYTES = 32;

/**
 * Settings every vault connection runs with, read back after each open. WAL
 * with synchronous=FULL makes each commit durable before it returns (and a
 * crash leaves the last commit or the one before, never half of one);
 * temp_store=MEMORY and mmap_size=0 keep decrypted pages out of temporary
 * files and out of a shared mapping; secure_delete overwrites freed content.
 */
const REQUIRED_PRAGMAS = [
  ['journal_mode', 'wal'],
  ['synchronous', 2],
  ['temp_store', 2],
  ['mmap_size', 0],
  ['secure_delete', 1],
  ['foreign_keys', 1],
  ['cipher', 'sqlcipher'],
] as const;

export interface OpenOptions {
  /** Create the file (only `create` and restore staging do); otherwise it must exist. */
  readonly create?: boolean;
}

/**
 * The raw key in SQLite3MultipleCiphers' literal form `x'<64 hex>'`, built in
 * a Buffer so that the caller can overwrite it: a JavaScript string holding
 * the hex could never be wiped.
 */
function rawKeyLiteral(dataKey: Buffer): Buffer {
  const digits = '0123456789abcdef';
  const literal = Buffer.alloc(dataKey.length * 2 + 3);
  literal[0] = 0x78; // x
  literal[1] = 0x27; // '
  for (let index = 0; index < dataKey.length; index += 1) {
    const byte = dataKey[index] ?? 0;
    literal[2 + index * 2] = digits.charCodeAt(byte >> 4);
    literal[3 + index * 2] = digits.charCodeAt(byte & 15);
  }
  literal[literal.length - 1] = 0x27;

  return literal;
}

/**
 * Opens a vault database with its data key and checks that the key is right.
 * The key goes in raw, so the library's own passphrase derivation is never
 * used. A wrong key is accepted silently by the library and only the first
 * read fails, so the schema is read right after keying, before anything
 * (journal mode included) could write to the file.
 */
export function openEncryptedDatabase(
  path: string,
  dataKey: Buffer,
  options: OpenOptions = {},
): SqliteDatabase {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error('The data key has the wrong length.');

  let database: SqliteDatabase;
  try {
    database = openSqliteFile(path, { fileMustExist: options.create !== true });
  } catch (error) {
    rethrowAsStoreError(error);
  }

  const literal = rawKeyLiteral(dataKey);
  try {
    database.pragma("cipher='sqlcipher'");
    database.pragma('legacy=4');
    database.key(literal);
    database.prepare('SELECT count(*) FROM sqlite_master').get();

    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('temp_store = MEMORY');
    database.pragma('mmap_size = 0');
    database.pragma('secure_delete = ON');
    database.pragma('foreign_keys = ON');
    assertPragmas(database);
    restrictFileModes(path);

    return database;
  } catch (error) {
    database.close();
    rethrowAsStoreError(error);
  } finally {
    literal.fill(0);
  }
}

export function assertPragmas(database: SqliteDatabase): void {
  for (const [name, expected] of REQUIRED_PRAGMAS) {
    const actual = database.pragma(name, { simple: true });
    const matches =
      typeof expected === 'string'
        ? String(actual).toLowerCase() === expected
        : actual === expected;
    if (!matches) throw new Error(`PRAGMA ${name} is ${String(actual)}, expected ${expected}.`);
  }
}

/** Database, WAL and shared-memory files are readable by their owner only. */
export function restrictFileModes(databasePath: string): void {
  if (process.platform === 'win32') return;
  for (const path of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

/** Tables too large to read in full at every unlock; their pages are checked when read. */
export const tablesCheckedOnRead = new Set<string>();

/**
 * Reads the tables that matter at every unlock so that damage deep in the
 * file is found before the person starts working, not halfway through.
 * SQLCipher checks a MAC on every page it decrypts, so reading a page is
 * enough to find a flipped bit. Large blob tables registered in
 * `tablesCheckedOnRead` are skipped; damage there surfaces as VAULT_DAMAGED
 * when the page is read, and the session then refuses further writes.
 */
export function checkIntegrityAtOpen(database: SqliteDatabase): void {
  const tables = database
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all()
    .map((row) => row.name);
  const deferred = tables.some((name) => tablesCheckedOnRead.has(name));

  const problems = deferred
    ? tables
        .filter((name) => !tablesCheckedOnRead.has(name))
        .flatMap((name) => quickCheck(database, name))
    : quickCheck(database, undefined);
  if (problems.length > 0) {
    throw new OperationError(
      'VAULT_DAMAGED',
      `The database failed its integrity check (${problems.length} problem(s)).`,
    );
  }
}

function quickCheck(database: SqliteDatabase, table: string | undefined): string[] {
  const sql =
    table === undefined ? 'PRAGMA quick_check' : `PRAGMA quick_check(${quoteName(table)})`;
  try {
    return database
      .prepare<[], { quick_check: string }>(sql)
      .all()
      .map((row) => row.quick_check)
      .filter((line) => line !== 'ok');
  } catch (error) {
    rethrowAsStoreError(error);
  }
}

/** A full integrity check, used on backup copies before they are trusted. */
export function integrityProblems(database: SqliteDatabase): string[] {
  try {
    return database
      .prepare<[], { integrity_check: string }>('PRAGMA integrity_check')
      .all()
      .map((row) => row.integrity_check)
      .filter((line) => line !== 'ok');
  } catch (error) {
    rethrowAsStoreError(error);
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
