import type { ApiError, ErrorCode } from '../../../shared/api/errors';

/** What a person reads for each error code. Core's own message is for logs. */
const MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Some of what was entered is not valid. Check the highlighted fields.',
  NOT_FOUND: 'That item no longer exists.',
  FORBIDDEN: 'The app refused this request.',
  UNAUTHORIZED:
    'This page is not connected to the app. Open the address printed when browser mode started.',
  TOO_LARGE: 'That is larger than the app accepts.',
  CANCELLED: 'Cancelled.',
  INTERNAL:
    'Something went wrong inside the app. Nothing you saved was lost; the details are in the app log.',
  APP_UNREACHABLE:
    'The app is not running or cannot be reached. Start it again (npm start), then reload this page; what was saved before is safe.',
  NOT_IMPLEMENTED_HERE: 'This is not available in this version of the app.',
  VAULT_NOT_FOUND: 'There is no vault here yet. Create one to begin.',
  VAULT_EXISTS: 'A vault already exists here. Unlock it instead.',
  VAULT_LOCKED: 'The vault is locked. Unlock it to continue.',
  VAULT_IN_USE: 'The vault is open in another window or program. Close it there first.',
  VAULT_DAMAGED: 'The vault file is damaged. Restore it from a backup; nothing has been changed.',
  VAULT_TOO_NEW: 'This vault was made by a newer version of the app. Update the app to open it.',
  WRONG_PASSPHRASE: 'That passphrase does not open this vault.',
  WRONG_RECOVERY_KEY: 'That recovery key does not open this vault.',
  KEY_FILE_DAMAGED: 'The vault key file is damaged. Restore it from a backup.',
  KEY_FILE_MISMATCH: 'The key file belongs to a different vault.',
  WEAK_PASSPHRASE: 'Choose a longer passphrase: at least 12 characters.',
  NO_PERMISSION: 'The app is not allowed to read or write the vault folder.',
  DISK_FULL: 'The disk is full. Free some space; what was saved before is safe.',
  CARD_DATA_DETECTED:
    'This looks like a card number. Card numbers must never be stored in the app.',
  STALE_REVISION: 'This changed in another window. Reload to see the latest version.',
  ASSESSMENT_SIGNED: 'This assessment is signed. Reopen it to make changes.',
  ASSESSMENT_INCOMPLETE: 'The assessment is not ready to sign yet. The review lists what is left.',
  DEFINITION_INVALID: 'The questionnaire definition is not valid.',
  SIGNATURE_INVALID: 'The signature does not match the document.',
  DEVICE_UNLOCK_UNAVAILABLE:
    'This device cannot keep the vault key safely (no system keyring, or one that stores secrets as plain text). Use the passphrase.',
  DEVICE_UNLOCK_FAILED:
    'This device could not unlock the vault. Nothing was changed: unlock with the passphrase, then turn "Remember on this device" off and on again.',
};

export function messageFor(error: ApiError): string {
  // Core's explanation of an invalid input names the field and the rule
  // ("its last group does not match"), which a person needs to fix it.
  if (error.code === 'INVALID_INPUT' && error.message !== '') {
    return `This was not accepted: ${error.message}`;
  }

  return MESSAGES[error.code];
}
