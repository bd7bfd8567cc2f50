import type { ErrorCode } from '../../shared/api/errors';
import { OperationError } from '../../shared/api/result';

/** What the command line says for a vault error, in one line. */
const VAULT_TEXT: Partial<Record<ErrorCode, string>> = {
  VAULT_NOT_FOUND: 'there is no vault in that folder',
  VAULT_EXISTS: 'a vault already exists in that folder',
  VAULT_LOCKED: 'the vault is locked',
  VAULT_IN_USE: 'the vault is open in another program; close it there first',
  VAULT_DAMAGED: 'the vault database is damaged; restore it from a backup',
  VAULT_TOO_NEW: 'the vault was made by a newer version; update pci-saq',
  WRONG_PASSPHRASE: 'wrong passphrase',
  WRONG_RECOVERY_KEY: 'wrong recovery key',
  KEY_FILE_DAMAGED: 'the vault key file is damaged or missing; restore it from a backup',
  KEY_FILE_MISMATCH: 'the key file belongs to a different vault',
  WEAK_PASSPHRASE: 'the passphrase is too short (at least 12 characters)',
  NO_PERMISSION: 'no permission to read or write the vault folder',
  DISK_FULL: 'the disk is full',
};

/** One line for stderr, or undefined when the error is not one the CLI explains. */
export function vaultFailureLine(command: string, error: unknown): string | undefined {
  if (!(error instanceof OperationError)) return undefined;
  const text = VAULT_TEXT[error.code] ?? error.message;

  return `pci-saq ${command}: ${text} (${error.code}).\n`;
}
