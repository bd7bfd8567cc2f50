import { chmodSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import { OperationError } from '../../../shared/api/result';
import { rethrowAsStoreError } from './errors';
import { openSqliteFile, type SqliteDatabase } from './sqlite-binding';

/** Length of the raw data key that encrypts the database. */
export const DATA_KEY_BYTES = 32;

/**
 * How a vault's pages are encrypted, as SQLite3MultipleCiphers names the
 * scheme. Both authenticate every page (a changed bit fails its tag):
 *
 * - `aegis-256`: AEGIS-256, an AES-based authenticated cipher with a random
 *   256-bit nonce and a 256-bit tag per page. New vaults use it: it costs a
 *   fraction of the other (docs/vault.md, "Evidence import speed").
 * - `sqlcipher-4`: AES-256-CBC with HMAC-SHA512 per page, SQLCipher 4's
 *   format. Vaults created before AEGIS keep it; their key file names no
 *   cipher.
 *
 * The key file records the cipher, because neither file says it in clear.
 */
export type DatabaseCipher = 'aegis-256' | 'sqlcipher-4';

export const DATABASE_CIPHERS = [
  'aegis-256',
  'sqlcipher-4',
] as const satisfies readonly DatabaseCipher[];

/** The cipher of vaults created from now on. */
export const NEW_VAULT_CIPHER: DatabaseCipher = 'aegis-256';

/** The cipher of a vault whose key file names none (created before the choice was recorded). */
export const ORIGINAL_VAULT_CIPHER: DatabaseCipher = 'sqlcipher-4';

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
] as const;

/** What each cipher's settings read back as once keyed. */
const CIPHER_PRAGMAS: Record<DatabaseCipher, readonly (readonly [string, string | number])[]> = {
  'aegis-256': [
    ['cipher', 'aegis'],
    ['algorithm', 'aegis-256'],
  ],
  'sqlcipher-4': [
    ['cipher', 'sqlcipher'],
    ['legacy', '4'],
  ],
};

export interface OpenOptions {
  /** Create the file (only `create` and restore staging do); otherwise it must exist. */
  readonly create?: boolean;
  /** The vault's cipher (from its key file); NEW_VAULT_CIPHER when left out. */
  readonly cipher?: DatabaseCipher;
}

/**
 * Selects the cipher before the key goes in. Every setting is named, none
 * left to the library's defaults, so that a later library with other
 * defaults still opens today's vaults.
 */
function selectCipher(database: SqliteDatabase, cipher: DatabaseCipher): void {
  switch (cipher) {
    case 'aegis-256':
      database.pragma("cipher='aegis'");
      database.pragma("algorithm='aegis-256'");
      // Only the 8 bytes after the salt (page size, reserved bytes) stay in
      // clear, so that SQLite reads the page size; the rest of page 1 is sealed.
      database.pragma('plaintext_header_size=0');
      break;
    case 'sqlcipher-4':
      database.pragma("cipher='sqlcipher'");
      database.pragma('legacy=4');
      break;
  }
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

  const cipher = options.cipher ?? NEW_VAULT_CIPHER;
  const literal = rawKeyLiteral(dataKey);
  try {
    selectCipher(database, cipher);
    database.key(literal);
    database.prepare('SELECT count(*) FROM sqlite_master').get();

    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('temp_store = MEMORY');
    database.pragma('mmap_size = 0');
    database.pragma('secure_delete = ON');
    database.pragma('foreign_keys = ON');
    assertPragmas(database, cipher);
    if (cipher === 'aegis-256') assertClearHeaderIntact(path);
    restrictFileModes(path);

    return database;
  } catch (error) {
    database.close();
    rethrowAsStoreError(error);
  } finally {
    literal.fill(0);
  }
}

export function assertPragmas(database: SqliteDatabase, cipher: DatabaseCipher): void {
  for (const [name, expected] of [...REQUIRED_PRAGMAS, ...CIPHER_PRAGMAS[cipher]]) {
    const actual = database.pragma(name, { simple: true });
    const matches =
      typeof expected === 'string'
        ? String(actual).toLowerCase() === expected
        : actual === expected;
    if (!matches) throw new Error(`PRAGMA ${name} is ${String(actual)}, expected ${expected}.`);
  }
}

/**
 * AEGIS leaves bytes 16-23 of the file in clear so that SQLite can read the
 * page size, and no tag covers them. Changes to the page size or reserved
 * bytes make pages fail their tag or the integrity check at unlock; the two
 * format version bytes would silently make the vault read-only (a write
 * version above 2) or unreadable, so anything but the values SQLite writes
 * (1 or 2) is refused here as damage.
 */
function assertClearHeaderIntact(path: string): void {
  const header = Buffer.alloc(24);
  const file = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(file, header, 0, header.length, 0);
  } finally {
    closeSync(file);
  }
  const versionsKnown = [header[18], header[19]].every((version) => version === 1 || version === 2);
  if (length === header.length && !versionsKnown) {
    throw new OperationError('VAULT_DAMAGED', 'The database header is damaged.');
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
 * Both ciphers check a tag on every page they decrypt, so reading a page is
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
