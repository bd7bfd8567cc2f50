import { describe, expect, it } from 'vitest';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseHint,
  passphraseLength,
  type PassphraseStrength,
} from './passphrase-strength';

describe('passphraseLength', () => {
  it.each([
    ['abc', 3],
    ['crème', 5],
    ['cre\u0300me', 5], // e + combining grave normalises to one character
    ['😀😀', 2],
    ['  spaces  ', 10], // nothing is trimmed
  ])('%j has %i characters', (text, length) => {
    expect(passphraseLength(text)).toBe(length);
  });
});

describe('passphraseHint', () => {
  const cases: [string, PassphraseStrength, boolean][] = [
    ['', 'too-short', false],
    ['Tr0ub4dor&3', 'too-short', false],
    ['aaaaaaaaaaaaaaaa', 'weak', true],
    ['password12345678', 'weak', true],
    ['123456789012345', 'weak', true],
    ['sunlight orbit', 'weak', true],
    ['sunlight orbit canyon', 'fair', true],
    ['Kx9#mQ2$vL7!pZ4w', 'strong', true],
    ['violet tractor mango glacier', 'good', true],
    ['violet tractor mango glacier pepper ribbon', 'strong', true],
  ];

  it.each(cases)('%j is %s (acceptable: %s)', (passphrase, strength, acceptable) => {
    const hint = passphraseHint(passphrase);

    expect(hint.strength).toBe(strength);
    expect(hint.acceptable).toBe(acceptable);
  });

  it('says how many characters are missing', () => {
    expect(passphraseHint('short').advice[0]).toBe(
      `Use at least ${MIN_PASSPHRASE_LENGTH} characters (${MIN_PASSPHRASE_LENGTH - 5} more).`,
    );
  });

  it('warns about common words and runs, and has nothing to add for a strong one', () => {
    expect(passphraseHint('mypassword is long').advice.join(' ')).toMatch(/common words/);
    expect(passphraseHint('abcdefgh12345678').advice.join(' ')).toMatch(/runs/);
    expect(passphraseHint('violet tractor mango glacier pepper ribbon').advice).toEqual([]);
  });

  it('never rates a longer version of the same passphrase lower', () => {
    const order: PassphraseStrength[] = ['too-short', 'weak', 'fair', 'good', 'strong'];
    let previous = 0;
    for (let length = 1; length <= 40; length += 1) {
      const rank = order.indexOf(passphraseHint('q7Wm!e2Rz#'.repeat(4).slice(0, length)).strength);
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
  });
});
