/**
 * Passphrase rules shared by the page (a hint while typing) and core (the
 * rule it enforces). Pure: no Node, no DOM.
 *
 * Length is counted in Unicode code points after NFC normalisation, so that
 * "é" typed as one character or as "e" plus an accent counts the same, and
 * an emoji counts as one character, not two UTF-16 units. Nothing is ever
 * truncated: every code point goes into the key derivation.
 */

export const MIN_PASSPHRASE_LENGTH = 12;

/** The form a passphrase has before it is turned into bytes for the key derivation. */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export function passphraseLength(passphrase: string): number {
  return Array.from(normalizePassphrase(passphrase)).length;
}

export type PassphraseStrength = 'too-short' | 'weak' | 'fair' | 'good' | 'strong';

export interface PassphraseHint {
  readonly strength: PassphraseStrength;
  /**
   * Whether the app accepts it for a new vault: long enough and not weak. A
   * long passphrase can still be weak ("aaaaaaaaaaaaaaaa", a word said four
   * times, "password" with digits), and the advice says why.
   */
  readonly acceptable: boolean;
  readonly length: number;
  /** A rough, deliberately pessimistic guess of the bits an attacker must search. */
  readonly estimatedBits: number;
  /** Short sentences that say how to make it better; empty when there is nothing to add. */
  readonly advice: readonly string[];
}

/** Words people pick first; a passphrase made of them is far weaker than its length says. */
const COMMON_PARTS = [
  'password',
  'passwort',
  'passphrase',
  'qwerty',
  'azerty',
  'letmein',
  'welcome',
  'admin',
  'secret',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'abc123',
  '123456',
  'changeme',
  'pci',
  'visa',
  'mastercard',
  'trustno1',
  'starwars',
  'hello',
  'summer',
  'winter',
  'spring',
  'autumn',
  'london',
  'berlin',
  'paris',
  'company',
];

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm'];

function characterPool(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[^A-Za-z0-9\s]/.test(text)) pool += 33;
  if (/\s/.test(text)) pool += 1;
  // Letters outside ASCII widen the search space considerably.
  if (/[^\p{ASCII}]/u.test(text)) pool += 100;

  return Math.max(pool, 1);
}

/** Length after squeezing runs ("aaaa" counts once) and known sequences ("1234" counts once). */
function effectiveLength(characters: readonly string[]): number {
  const lower = characters.join('').toLowerCase();
  let length = 0;
  let index = 0;
  while (index < characters.length) {
    let run = 1;
    while (characters[index + run] === characters[index]) run += 1;
    let sequence = 1;
    for (const alphabet of SEQUENCES) {
      let span = 1;
      while (index + span < lower.length) {
        const at = alphabet.indexOf(lower.slice(index, index + span + 1));
        if (at < 0) break;
        span += 1;
      }
      sequence = Math.max(sequence, span >= 3 ? span : 1);
    }
    const skip = Math.max(run, sequence);
    length += skip >= 3 ? 1 : skip;
    index += skip;
  }

  return length;
}

/**
 * The shortest block the whole text repeats ("abcabcab" is "abc" again and
 * again); the text itself when it repeats nothing. An attacker guesses the
 * block and the count, not every character.
 */
function repeatedBlock(characters: readonly string[]): readonly string[] {
  const length = characters.length;
  for (let period = 1; period <= length / 2; period += 1) {
    let repeats = true;
    for (let index = period; index < length && repeats; index += 1) {
      repeats = characters[index] === characters[index - period];
    }
    if (repeats) return characters.slice(0, period);
  }

  return characters;
}

export function passphraseHint(passphrase: string): PassphraseHint {
  const normalized = normalizePassphrase(passphrase);
  const characters = Array.from(normalized);
  const length = characters.length;
  const advice: string[] = [];

  const words = normalized.split(/[\s\-_.,;:]+/).filter((word) => word.length > 0);
  const distinctWords = new Set(words.map((word) => word.toLowerCase())).size;
  const lower = normalized.toLowerCase();
  const commonHits = COMMON_PARTS.filter((part) => lower.includes(part));
  const block = repeatedBlock(characters);
  const repeatsBlock = block.length < characters.length;

  let bits = effectiveLength(block) * Math.log2(characterPool(normalized));
  // The count of repeats is all the repetition adds.
  if (repeatsBlock) bits += Math.log2(characters.length / block.length);
  for (const part of commonHits) bits -= (part.length - 1) * Math.log2(26);
  if (words.length >= 2 && /^[\p{L}\s\-_.,;:]+$/u.test(normalized)) {
    // Only words: count the distinct ones as picks from a large word list
    // (about 14 bits each), whichever of the two guesses is lower.
    bits = Math.min(bits, distinctWords * 14);
  }
  const estimatedBits = Math.max(0, Math.round(bits));

  if (length < MIN_PASSPHRASE_LENGTH) {
    advice.push(
      `Use at least ${MIN_PASSPHRASE_LENGTH} characters (${MIN_PASSPHRASE_LENGTH - length} more).`,
    );
  }
  if (commonHits.length > 0) advice.push('Avoid common words such as "password" or "qwerty".');
  if (repeatsBlock && block.length > 1) {
    advice.push('Avoid repeating the same part: saying it again adds almost nothing.');
  } else if (effectiveLength(characters) < length * 0.7) {
    advice.push('Avoid repeated characters and runs such as "aaaa" or "1234".');
  }
  if (distinctWords < words.length && !repeatsBlock) {
    advice.push('Avoid using a word more than once.');
  }
  if (words.length < 4 && estimatedBits < 70) {
    advice.push('Four or more unrelated words make a passphrase that is long and easy to type.');
  }

  let strength: PassphraseStrength;
  if (length < MIN_PASSPHRASE_LENGTH) strength = 'too-short';
  else if (estimatedBits < 40) strength = 'weak';
  else if (estimatedBits < 55) strength = 'fair';
  else if (estimatedBits < 75) strength = 'good';
  else strength = 'strong';

  if (strength === 'weak') {
    advice.unshift(
      'This passphrase is long enough but easy to guess, so the app does not accept it for the vault.',
    );
  }

  return {
    strength,
    acceptable: length >= MIN_PASSPHRASE_LENGTH && strength !== 'weak',
    length,
    estimatedBits,
    advice,
  };
}
