import type { ApiError, ErrorCode } from './errors';

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, path?: string): Result<never> {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}

/**
 * An error that core code throws when an operation cannot go on; the door that
 * called the operation turns it into a `{ ok: false }` result with its code.
 */
export class OperationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'OperationError';
  }

  toApiError(): ApiError {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}
