import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computePrintableRanges } from './font-coverage';
import { isPrintable, SUPPORTED_SCRIPTS, unprintableCharacters } from './printable';
import { PRINTABLE_RANGES } from './printable-ranges';

const FONTS_DIR = join(import.meta.dirname, '../../../assets/fonts');

describe('the table of printable characters', () => {
  it('is exactly what the embedded fonts cover within the supported scripts', () => {
    // After changing a font: node --import tsx electron/core/report/font-coverage.ts --write
    expect(PRINTABLE_RANGES).toEqual(computePrintableRanges(FONTS_DIR));
  });

  it('lists Latin, Greek, Cyrillic and CJK', () => {
    const names = SUPPORTED_SCRIPTS.map((entry) => entry.script).join(' | ');
    for (const script of ['Latin', 'Greek', 'Cyrillic', 'CJK']) expect(names).toContain(script);
  });
});

describe('unprintableCharacters', () => {
  it.each([
    ['Latin with accents', 'Zoë Šťastná, Ærøskøbing – “quoted” €12'],
    ['Greek', 'Σοφία Παπαδοπούλου'],
    ['Cyrillic', 'Ёлка Щукина-Жукова'],
    ['Chinese', '北京书店有限公司'],
    ['Japanese kana and kanji', 'カタカナ書店 やまだ 山田'],
    ['line breaks and tabs', 'first line\nsecond\tline\r\n'],
  ])('accepts %s', (_, text) => {
    expect(unprintableCharacters(text)).toEqual([]);
  });

  it.each([
    ['Korean', '안녕하세요', '안', 'U+C548'],
    ['Arabic', 'مرحبا', 'م', 'U+0645'],
    ['Hebrew', 'שלום', 'ש', 'U+05E9'],
    ['Thai', 'สวัสดี', 'ส', 'U+0E2A'],
    ['Devanagari', 'नमस्ते', 'न', 'U+0928'],
    ['emoji', 'Books 📚', '📚', 'U+1F4DA'],
    ['a control character', 'bell\u0007', '\u0007', 'U+0007'],
  ])('flags %s', (_, text, character, codePoint) => {
    const found = unprintableCharacters(text);
    expect(found[0]).toEqual({ character, codePoint, index: Array.from(text).indexOf(character) });
  });

  it('names each unprintable character once, in order, and checks the NFC form', () => {
    expect(unprintableCharacters('a안b안c📚').map((item) => item.character)).toEqual(['안', '📚']);
    // "e" + combining acute composes to "é", which is printable.
    expect(unprintableCharacters('Caf\u0065\u0301')).toEqual([]);
  });

  it('agrees with isPrintable at the edges of a range', () => {
    const [first, last] = PRINTABLE_RANGES[0] ?? [0, 0];
    expect(isPrintable(first)).toBe(true);
    expect(isPrintable(last)).toBe(true);
    expect(isPrintable(first - 1)).toBe(false);
  });
});
