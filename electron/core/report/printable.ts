import { PRINTABLE_RANGES } from './printable-ranges';

/**
 * The writing systems the report can print with its embedded fonts (DejaVu
 * Sans, then Droid Sans Fallback for CJK). Pure: no Node imports, so the page
 * can warn while the user types. Korean (Hangul), Arabic, Hebrew, Indic and
 * Thai scripts are not listed: the fonts either lack them or the PDF engine
 * does not shape them correctly, so they would print wrongly.
 */
export const SUPPORTED_SCRIPTS = [
  {
    script: 'Latin',
    blocks: [
      [0x0020, 0x007e], // Basic Latin
      [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
      [0x02b0, 0x036f], // spacing modifiers, combining diacritical marks
      [0x1e00, 0x1eff], // Latin Extended Additional
    ],
  },
  {
    script: 'Greek',
    blocks: [
      [0x0370, 0x03ff],
      [0x1f00, 0x1fff],
    ],
  },
  { script: 'Cyrillic', blocks: [[0x0400, 0x052f]] },
  {
    script: 'Common punctuation and symbols',
    blocks: [
      [0x2000, 0x206f], // general punctuation
      [0x20a0, 0x20cf], // currency signs
      [0x2100, 0x21ff], // letterlike symbols, number forms, arrows
      [0x2200, 0x22ff], // mathematical operators
    ],
  },
  {
    script: 'CJK (Chinese, Japanese kana) through the fallback font',
    blocks: [
      [0x3000, 0x30ff], // CJK punctuation, Hiragana, Katakana
      [0x3100, 0x312f], // Bopomofo
      [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
      [0x4e00, 0x9fff], // CJK Unified Ideographs
      [0xff00, 0xffef], // half-width and full-width forms
    ],
  },
] as const satisfies readonly {
  readonly script: string;
  readonly blocks: readonly (readonly [number, number])[];
}[];

export interface UnprintableCharacter {
  /** The character as the user typed it (one code point). */
  readonly character: string;
  /** "U+0E01" */
  readonly codePoint: string;
  /** Index of the code point in the NFC form of the text. */
  readonly index: number;
}

const LINE_BREAKS = new Set([0x0a, 0x0d, 0x09]);

export function isPrintable(codePoint: number): boolean {
  if (LINE_BREAKS.has(codePoint)) return true;

  let low = 0;
  let high = PRINTABLE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = PRINTABLE_RANGES[middle];
    if (range === undefined) return false;
    if (codePoint < range[0]) high = middle - 1;
    else if (codePoint > range[1]) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * The characters of `text` that the report cannot print (each distinct one
 * once, in order of first appearance), so the form can warn at entry rather
 * than the PDF showing empty boxes. The text is checked in NFC, the form the
 * report prints.
 */
export function unprintableCharacters(text: string): UnprintableCharacter[] {
  const found: UnprintableCharacter[] = [];
  const seen = new Set<number>();
  let index = 0;

  for (const character of text.normalize('NFC')) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (!isPrintable(codePoint) && !seen.has(codePoint)) {
      seen.add(codePoint);
      found.push({
        character,
        codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
        index,
      });
    }
    index += 1;
  }
  return found;
}
