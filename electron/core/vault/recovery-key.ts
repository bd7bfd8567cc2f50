import { createHash, randomBytes } from 'node:crypto';
import { OperationError } from '../../../shared/api/result';

/**
 * The recovery key: 160 random bits written for a person. Crockford's base32
 * alphabet (no I, L, O or U, so nothing reads as another character), in
 * groups of four, with one last group of check characters so that a typo is
 * reported as a typo rather than as a wrong key.
 */

export const RECOVERY_KEY_BYTES = 20;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY_LENGTH = 32; // 160 bits / 5 bits per character
const CHECK_LENGTH = 4;

export function generateRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES);
}

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET.charAt((value << (5 - bits)) & 31);

  return out;
}

function checkCharacters(body: string): string {
  const digest = createHash('sha256').update(`pci-saq-recovery:${body}`).digest();

  return encodeBase32(digest).slice(0, CHECK_LENGTH);
}

/** The key as the person writes it down: `ABCD-EFGH-...-WXYZ` (nine groups of four). */
export function formatRecoveryKey(key: Uint8Array): string {
  if (key.length !== RECOVERY_KEY_BYTES) throw new Error('A recovery key has 20 bytes.');
  const body = encodeBase32(key);
  const text = body + checkCharacters(body);

  return text.match(/.{4}/g)?.join('-') ?? text;
}

/**
 * Reads a recovery key as typed: any case, with or without hyphens or
 * spaces, with O read as 0 and I or L as 1. A key of the wrong length or
 * with a failing check group is refused as INVALID_INPUT (a typo).
 */
export function parseRecoveryKey(typed: string): Buffer {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const typo = (message: string) => new OperationError('INVALID_INPUT', message, 'recoveryKey');

  if (cleaned.length !== BODY_LENGTH + CHECK_LENGTH) {
    throw typo(
      `A recovery key has ${BODY_LENGTH + CHECK_LENGTH} characters; got ${cleaned.length}.`,
    );
  }
  if (Array.from(cleaned).some((character) => !ALPHABET.includes(character))) {
    throw typo('The recovery key contains a character that is never used in one.');
  }
  const body = cleaned.slice(0, BODY_LENGTH);
  if (checkCharacters(body) !== cleaned.slice(BODY_LENGTH)) {
    throw typo('The recovery key has a typo: its last group does not match.');
  }

  const key = Buffer.alloc(RECOVERY_KEY_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const character of body) {
    value = (value << 5) | ALPHABET.indexOf(character);
    bits += 5;
    if (bits >= 8) {
      key[index] = (value >>> (bits - 8)) & 255;
      index += 1;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }

  return key;
}
