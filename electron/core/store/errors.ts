import { OperationError } from '../../../shared/api/result';
import { sqliteErrorCode } from './sqlite-binding';

/**
 * Turns what SQLite or the file system threw into the error a person can act
 * on. Returns undefined for anything unrecognised, which the caller rethrows
 * (it then reaches the page as INTERNAL and the log by name).
 */
export function storeErrorFor(error: unknown): OperationError | undefined {
  if (error instanceof OperationError) return error;

  const sqlite = sqliteErrorCode(error);
  if (sqlite !== undefined) return sqliteOperationError(sqlite);

  const code = nodeErrorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new OperationError('NO_PERMISSION', `The vault folder refused access (${code}).`);
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new OperationError('DISK_FULL', `No space left to write (${code}).`);
    default:
      return undefined;
  }
}

function sqliteOperationError(code: string): OperationError | undefined {
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new OperationError('VAULT_DAMAGED', `The database is damaged (${code}).`);
  }
  // A write that hits the size limit partway fails with SQLITE_FULL; one that
  // starts exactly at the limit fails as a write I/O error (EFBIG, ENOSPC
  // after a partial block). Both mean the same to the person: no space.
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE') {
    return new OperationError('DISK_FULL', `No space left to write (${code}).`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new OperationError('NO_PERMISSION', `The vault cannot be written (${code}).`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new OperationError('NO_PERMISSION', `The vault file cannot be opened (${code}).`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new OperationError('VAULT_IN_USE', `The database is busy (${code}).`);
  }

  return undefined;
}

export function nodeErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;

  return typeof code === 'string' ? code : undefined;
}

/** Rethrows `error` as the matching OperationError when there is one. */
export function rethrowAsStoreError(error: unknown): never {
  throw storeErrorFor(error) ?? error;
}
