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
    // Long enough, yet easy to guess: refused, not merely marked weak.
    ['aaaaaaaaaaaaaaaaaaaa', 'weak', false],
    ['password12345678', 'weak', false],
    ['123456789012345', 'weak', false],
    ['sunlight orbit', 'weak', false],
    ['tractor tractor tractor tractor', 'weak', false],
    ['abcabcabcabcabcabc', 'weak', false],
    ['qwertyuiopasdfgh', 'weak', false],
    ['summer winter spring', 'weak', false],
    ['sunlight orbit canyon', 'fair', true],
    ['Kx9#mQ2$vL7!pZ4w', 'strong', true],
    ['correct horse battery staple', 'good', true],
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

  it('says why a long passphrase is refused', () => {
    const repeatedWord = passphraseHint('tractor tractor tractor tractor').advice.join(' ');
    const repeatedPart = passphraseHint('Tractor!Tractor!Tractor!').advice.join(' ');
    expect(passphraseHint('Tractor!Tractor!Tractor!').estimatedBits).toBeLessThan(
      passphraseHint('Tractor!').estimatedBits + 4,
    );

    expect(repeatedWord).toMatch(/easy to guess/);
    expect(repeatedWord).toMatch(/repeating the same part|more than once/);
    expect(repeatedPart).toMatch(/repeating the same part/);
    expect(passphraseHint('aaaaaaaaaaaaaaaaaaaa').advice.join(' ')).toMatch(/"aaaa"/);
    expect(passphraseHint('password12345678').advice.join(' ')).toMatch(/common words/);
  });

  it('warns about common words and runs, and has nothing to add for a strong one', () => {
    expect(passphraseHint('mypassword is long').advice.join(' ')).toMatch(/common words/);
    expect(passphraseHint('abcdefgh12345678').advice.join(' ')).toMatch(/runs/);
    expect(passphraseHint('violet tractor mango glacier pepper ribbon').advice).toEqual([]);
  });

  it('never rates a longer version of the same passphrase lower', () => {
    const order: PassphraseStrength[] = ['too-short', 'weak', 'fair', 'good', 'strong'];
    // No part of it repeats: a repeated block is rated as the block, by design.
    const grown = 'q7Wm!e2Rz#Lp4$Vx9&Tb3^Nc6*Hd8@Jf5%Ks1(Yg';
    let previous = 0;
    for (let length = 1; length <= 40; length += 1) {
      const rank = order.indexOf(passphraseHint(grown.slice(0, length)).strength);
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
  });
});
