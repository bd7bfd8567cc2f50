/**
 * The one module that knows which SQLite binding the app uses. Everything else
 * imports the types and the open function from here, so that switching the
 * binding (or its major version) is a change to this file alone.
 *
 * The binding is better-sqlite3-multiple-ciphers: SQLite with the
 * SQLite3MultipleCiphers extension, used in SQLCipher 4 mode (see
 * `database.ts`).
 *
 * How each runtime gets a loadable native binary:
 * - Development, tests and the CLI run on Node 20, where the 12.x line has no
 *   prebuilt binary reachable here; `npm ci` compiles 12.11.1 from source
 *   (about two minutes) against the Node 20 headers.
 * - The packaged desktop app runs inside Electron 45 (Node 24). A binary
 *   compiled for Node 20 does not load there, and `electron-builder
 *   install-app-deps` silently builds against the Node headers on machines
 *   whose npm config sets `nodedir`. The release build therefore uses the
 *   13.x line of the same package, which ships Node-API binaries (linux, musl,
 *   darwin, win32) inside the package: Node-API is stable across Node and
 *   Electron versions, so no rebuild is needed. The packager must copy the
 *   binding's `prebuilds/` folder out of the asar archive (asarUnpack), and
 *   the release check opens an encrypted database from the packaged app
 *   before publishing. 13.x needs Node >= 22.14, so it cannot be installed
 *   for development on Node 20; the API used here is the same in both lines.
 * - `nativeBinding` lets a packager point at an explicit `.node` file should
 *   the default lookup not find it.
 */
import Database from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Database.Database;
export type SqliteStatement<P extends unknown[] = unknown[], R = unknown> = Database.Statement<
  P,
  R
>;

export interface SqliteOpenOptions {
  /** Refuse to create the file: opening never creates a vault by accident. */
  readonly fileMustExist: boolean;
  readonly readonly?: boolean;
  readonly nativeBinding?: string;
}

export function openSqliteFile(path: string, options: SqliteOpenOptions): SqliteDatabase {
  return new Database(path, {
    fileMustExist: options.fileMustExist,
    readonly: options.readonly ?? false,
    // One writer per vault is enforced by the vault's lock file; a short busy
    // wait only covers our own second connection (backup checks).
    timeout: 2000,
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  });
}

/** The SQLite result code name (`SQLITE_NOTADB`, `SQLITE_FULL` ...) of an error, if it is one. */
export function sqliteErrorCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}
