/**
 * Stable error codes that cross every door (IPC, HTTP, CLI). The page chooses
 * the sentence a person reads from the code, never from `message`, which is
 * meant for logs and support and may be technical.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'TOO_LARGE',
  'CANCELLED',
  'INTERNAL',
  'APP_UNREACHABLE',
  'NOT_IMPLEMENTED_HERE',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'VAULT_IN_USE',
  'VAULT_DAMAGED',
  'VAULT_TOO_NEW',
  'WRONG_PASSPHRASE',
  'WRONG_RECOVERY_KEY',
  'KEY_FILE_DAMAGED',
  'KEY_FILE_MISMATCH',
  'WEAK_PASSPHRASE',
  'NO_PERMISSION',
  'DISK_FULL',
  'CARD_DATA_DETECTED',
  'STALE_REVISION',
  'ASSESSMENT_SIGNED',
  'ASSESSMENT_INCOMPLETE',
  'DEFINITION_INVALID',
  'SIGNATURE_INVALID',
  'DEVICE_UNLOCK_UNAVAILABLE',
  'DEVICE_UNLOCK_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Where the problem is, e.g. a JSON path or a field name; never user content. */
  readonly path?: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
