/**
 * Finds cardholder data in text: primary account numbers (13-19 digits, spaces
 * or dashes allowed, Luhn-valid, with a known issuer prefix and a length that
 * issuer uses), verification codes written next to their label, and magnetic
 * stripe track data. Keeping any of these in the vault would be electronic
 * storage of account data, which only SAQ D allows, so core refuses them on
 * every write path.
 *
 * A hit says what was found and where (character offsets and line), never the
 * digits themselves, so it can be logged and shown safely.
 *
 * Text is cut into segments at line breaks (a number written across a line
 * break is not a card number here) and, for very long lines, at a neutral
 * character; the streaming scanner and `findCardData` share that cutting, so
 * a file scanned in chunks gives exactly the hits of the same text in one piece.
 */

export type CardDataKind = 'card-number' | 'verification-code' | 'track-data';

export interface CardDataHit {
  readonly kind: CardDataKind;
  /** Offset of the first character, in UTF-16 code units of the scanned text. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** 1-based line of the first character. */
  readonly line: number;
}

export interface CardDataFinding extends CardDataHit {
  /** Which field (or part of a file) the hit is in; never the content. */
  readonly path: string;
}

// ---------------------------------------------------------------------------
// Account numbers

interface IssuerRange {
  readonly brand: string;
  /** Inclusive bounds on the first digits, both of the same length. */
  readonly from: string;
  readonly to: string;
  readonly lengths: readonly number[];
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

const SIXTEEN_TO_NINETEEN = range(16, 19);
const FOURTEEN_TO_NINETEEN = range(14, 19);

/**
 * Issuer identification ranges and the lengths each issuer uses. A number
 * outside these (an order number starting with 1, a Visa-like 14-digit
 * reference) is not treated as a card number, which keeps Luhn-valid
 * references from being refused one time in ten.
 */
const ISSUER_RANGES: readonly IssuerRange[] = [
  { brand: 'visa', from: '4', to: '4', lengths: [13, 16, 19] },
  { brand: 'mastercard', from: '51', to: '55', lengths: [16] },
  { brand: 'mastercard', from: '2221', to: '2720', lengths: [16] },
  { brand: 'amex', from: '34', to: '34', lengths: [15] },
  { brand: 'amex', from: '37', to: '37', lengths: [15] },
  { brand: 'discover', from: '6011', to: '6011', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'discover', from: '644', to: '649', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'discover', from: '65', to: '65', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'diners', from: '300', to: '305', lengths: FOURTEEN_TO_NINETEEN },
  { brand: 'diners', from: '3095', to: '3095', lengths: FOURTEEN_TO_NINETEEN },
  { brand: 'diners', from: '36', to: '36', lengths: FOURTEEN_TO_NINETEEN },
  { brand: 'diners', from: '38', to: '39', lengths: FOURTEEN_TO_NINETEEN },
  { brand: 'jcb', from: '3528', to: '3589', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'unionpay', from: '62', to: '62', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'unionpay', from: '8100', to: '8171', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'maestro', from: '5018', to: '5018', lengths: range(13, 19) },
  { brand: 'maestro', from: '5020', to: '5020', lengths: range(13, 19) },
  { brand: 'maestro', from: '5038', to: '5038', lengths: range(13, 19) },
  { brand: 'maestro', from: '5893', to: '5893', lengths: range(13, 19) },
  { brand: 'maestro', from: '6304', to: '6304', lengths: range(13, 19) },
  { brand: 'maestro', from: '6759', to: '6759', lengths: range(13, 19) },
  { brand: 'maestro', from: '6761', to: '6763', lengths: range(13, 19) },
  { brand: 'dankort', from: '5019', to: '5019', lengths: [16] },
  { brand: 'mir', from: '2200', to: '2204', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'borica', from: '2205', to: '2205', lengths: [16] },
  { brand: 'rupay', from: '60', to: '60', lengths: [16] },
  { brand: 'rupay', from: '508', to: '508', lengths: [16] },
  { brand: 'rupay', from: '82', to: '82', lengths: [16] },
  { brand: 'verve', from: '506099', to: '506198', lengths: [16, 18, 19] },
  { brand: 'verve', from: '650002', to: '650027', lengths: [16, 18, 19] },
  { brand: 'elo', from: '5041', to: '5041', lengths: [16] },
  { brand: 'elo', from: '5066', to: '5067', lengths: [16] },
  { brand: 'elo', from: '509', to: '509', lengths: [16] },
  { brand: 'elo', from: '6277', to: '6277', lengths: [16] },
  { brand: 'elo', from: '6362', to: '6363', lengths: [16] },
  { brand: 'interpayment', from: '636', to: '636', lengths: SIXTEEN_TO_NINETEEN },
  { brand: 'instapayment', from: '637', to: '639', lengths: [16] },
  { brand: 'uzcard', from: '8600', to: '8600', lengths: [16] },
  { brand: 'humo', from: '9860', to: '9860', lengths: [16] },
  { brand: 'troy', from: '9792', to: '9792', lengths: [16] },
];

/** The brand whose range and length fit these digits (ASCII digits only), if any. */
export function issuerOf(digits: string): string | undefined {
  for (const issuer of ISSUER_RANGES) {
    if (!issuer.lengths.includes(digits.length)) continue;

    const head = digits.slice(0, issuer.from.length);
    if (head >= issuer.from && head <= issuer.to) return issuer.brand;
  }

  return undefined;
}

/** The Luhn (mod 10) check every payment card number carries in its last digit. */
export function luhnValid(digits: string): boolean {
  if (digits.length === 0 || !/^\d+$/.test(digits)) return false;

  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }

  return sum % 10 === 0;
}

/** Whether plain ASCII digits form a card number: length, issuer range and Luhn. */
export function isCardNumber(digits: string): boolean {
  return (
    digits.length >= 13 &&
    digits.length <= 19 &&
    issuerOf(digits) !== undefined &&
    luhnValid(digits)
  );
}

// ---------------------------------------------------------------------------
// Character classes

const FULLWIDTH_ZERO = 0xff10;

function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= FULLWIDTH_ZERO && code <= FULLWIDTH_ZERO + 9) return code - FULLWIDTH_ZERO;

  return -1;
}

function isDigitAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && digitValue(text.charCodeAt(index)) >= 0;
}

const LETTER = /[\p{L}\p{M}_]/u;

function isLetterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;

  return LETTER.test(text.charAt(index));
}

/** ASCII digits of a stretch of text (full-width digits count too). */
function digitsOf(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const value = digitValue(text.charCodeAt(index));
    if (value >= 0) out += String(value);
  }

  return out;
}

const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SPACE = '[ \\u00A0\\u2007\\u2009\\u202F]';
const DASH = '[\\-\\u2010-\\u2013\\u2212]';
/** What may join the digit groups of one number: a few spaces, or one dash. */
const JOINER = `(?:${SPACE}{1,3}|${SPACE}?${DASH}${SPACE}?)`;
const DIGIT_RUN = new RegExp(`${DIGIT}+(?:${JOINER}${DIGIT}+)*`, 'g');
const DIGIT_GROUP = new RegExp(`${DIGIT}+`, 'g');
const ANY_DIGIT = new RegExp(DIGIT);
const DASHES = /[-\u2010-\u2013\u2212]/;

// ---------------------------------------------------------------------------
// Account numbers written as text

interface DigitGroup {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/**
 * Whether groups of these lengths look like a card number as people and
 * systems write it. A whole run may be grouped freely as long as only its
 * last group is short, or spelt out one digit at a time (text pulled out of a
 * PDF); a window inside a longer run must use the usual layouts (fours,
 * 4-6-5, 4-6-4). This keeps amounts grouped by thousands, dates and
 * GUID-shaped identifiers out.
 */
function cardLikeGrouping(lengths: readonly number[], wholeRun: boolean): boolean {
  if (lengths.length === 1) return true;

  const last = lengths.at(-1) ?? 0;
  const leading = lengths.slice(0, -1);
  if (leading.every((length) => length === 4) && last >= 1 && last <= 7) return true;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (last === 5 || last === 4)) {
    return true;
  }
  if (!wholeRun) return false;

  return lengths.every((length) => length === 1) || leading.every((length) => length >= 4);
}

/**
 * Whether the run starting at `start` is glued to something that makes it an
 * identifier or a decimal rather than a number standing on its own: a letter
 * (`SO4111...`, hex), a letter and a dash (`ORD-4111...`), a decimal point
 * between digits, or a leading plus (phone numbers).
 */
function taintedBefore(text: string, start: number): boolean {
  const previous = text.charAt(start - 1);
  if (isLetterAt(text, start - 1)) return true;
  if (previous === '+') return true;
  if (previous === '.' && isDigitAt(text, start - 2)) return true;
  if (DASHES.test(previous) && isLetterAt(text, start - 2)) return true;

  return false;
}

function taintedAfter(text: string, end: number): boolean {
  const next = text.charAt(end);
  if (isLetterAt(text, end)) return true;
  if (next === '.' && isDigitAt(text, end + 1)) return true;
  if (DASHES.test(next) && isLetterAt(text, end + 1)) return true;

  return false;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function overlaps(span: Span, others: readonly Span[]): boolean {
  return others.some((other) => span.start < other.end && other.start < span.end);
}

function findCardNumbers(segment: string, excluded: readonly Span[]): Span[] {
  const found: Span[] = [];
  for (const run of segment.matchAll(DIGIT_RUN)) {
    const runStart = run.index;
    const runText = run[0];
    if (runText.length < 13) continue;

    const groups: DigitGroup[] = [];
    for (const group of runText.matchAll(DIGIT_GROUP)) {
      groups.push({
        start: runStart + group.index,
        end: runStart + group.index + group[0].length,
        digits: digitsOf(group[0]),
      });
    }

    const leftTainted = taintedBefore(segment, runStart);
    const rightTainted = taintedAfter(segment, runStart + runText.length);
    for (let first = 0; first < groups.length; first += 1) {
      if (first === 0 && leftTainted) continue;

      let digits = '';
      const lengths: number[] = [];
      for (let last = first; last < groups.length; last += 1) {
        const group = groups[last];
        if (group === undefined) break;

        digits += group.digits;
        lengths.push(group.digits.length);
        if (digits.length > 19) break;
        if (digits.length < 13) continue;
        if (last === groups.length - 1 && rightTainted) continue;

        const span = { start: groups[first]?.start ?? group.start, end: group.end };
        const wholeRun = first === 0 && last === groups.length - 1;
        if (!cardLikeGrouping(lengths, wholeRun)) continue;
        if (overlaps(span, excluded) || !isCardNumber(digits)) continue;

        found.push(span);
      }
    }
  }

  return keepLongestDisjoint(found);
}

/** Of overlapping candidates, keeps the earliest and then the longest. */
function keepLongestDisjoint(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of sorted) {
    // Sorted by start, so only the last kept span can overlap this one.
    const last = kept.at(-1);
    if (last === undefined || span.start >= last.end) kept.push(span);
  }

  return kept;
}

// ---------------------------------------------------------------------------
// IBANs: a valid IBAN can hold a Luhn-valid, issuer-prefixed digit stretch

/** IBAN length by country (ISO 13616 registry). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

const IBAN_START = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}/g;

function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }

  return remainder === 1;
}

/** Spans of valid IBANs (country length and mod-97 check), written with or without spaces. */
function findIbans(segment: string): Span[] {
  const spans: Span[] = [];
  for (const match of segment.matchAll(IBAN_START)) {
    const country = match[1] ?? '';
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;

    let compact = '';
    let index = match.index;
    while (index < segment.length && compact.length < length) {
      const char = segment.charAt(index);
      if (/[A-Z0-9]/.test(char)) compact += char;
      else if (char !== ' ' || compact.length % 4 !== 0) break;
      index += 1;
    }
    if (compact.length !== length || /[A-Za-z0-9]/.test(segment.charAt(index))) continue;
    if (ibanChecksumValid(compact)) spans.push({ start: match.index, end: index });
  }

  return spans;
}

// ---------------------------------------------------------------------------
// Track data and verification codes

/** Track 1: `%B` + account number + `^` name `^` + expiry and service code. */
const TRACK_ONE = /%?B(\d{13,19})\^[^^\r\n]{0,26}\^(?:\d{4}|\^)[^\s?]*\??/g;
/** Track 2 (and its chip equivalent with `D`): account number `=` expiry + the rest. */
const TRACK_TWO = /(?<![\dA-Za-z]);?(\d{13,19})[=D]\d{4}\d*\??/g;
/** A track label with a long stretch of digits after it. */
const TRACK_LABEL =
  /\b(?:track[ \t]*(?:[12]|one|two)|mag(?:netic)?[ \t]*stripe)(?:[ \t]+data)?[ \t]*[:=][ \t]*\S*?\d{12,}\S*/gi;

/**
 * A verification code next to its label: `CVV: 123`, `cvc2=4567`,
 * `security code 123`. The label alone ("we never store the CVV") is prose
 * about the rule, not data, and passes.
 */
const VERIFICATION_CODE = new RegExp(
  '\\b(?:CVV2?|CVC2?|CVN2?|CID|CAV2|CSC|CVD|' +
    'card[ \\t]+(?:verification|security)[ \\t]+(?:code|value|number)|security[ \\t]+code)' +
    '[ \\t]*(?:[:=#-][ \\t]*|(?:is|was)[ \\t]+)?(\\d{3,4})(?!\\d)(?![./-]\\d)',
  'gi',
);

function findTrackData(segment: string): Span[] {
  const spans: Span[] = [];
  for (const match of segment.matchAll(TRACK_ONE)) {
    if (luhnValid(match[1] ?? '')) spans.push(spanOf(match));
  }
  for (const match of segment.matchAll(TRACK_TWO)) {
    if (isCardNumber(match[1] ?? '')) spans.push(spanOf(match));
  }
  for (const match of segment.matchAll(TRACK_LABEL)) spans.push(spanOf(match));

  return keepLongestDisjoint(spans);
}

function findVerificationCodes(segment: string): Span[] {
  return [...segment.matchAll(VERIFICATION_CODE)].map(spanOf);
}

function spanOf(match: RegExpExecArray | RegExpMatchArray): Span {
  const start = match.index ?? 0;

  return { start, end: start + match[0].length };
}

/**
 * All hits in `text[from, to)`: whole lines (or one piece of an over-long
 * line), scanned in one go since no pattern crosses a line break.
 * `lineStarts` holds the offset of each line's first character and `firstLine`
 * the number of the first; offsets in the hits count from the whole text.
 */
function scanBlock(
  text: string,
  from: number,
  to: number,
  lineStarts: readonly number[],
  firstLine: number,
  offset: number,
): CardDataHit[] {
  const block = text.slice(from, to);
  if (!ANY_DIGIT.test(block)) return [];

  const track = findTrackData(block);
  const cards = findCardNumbers(block, [...findIbans(block), ...track]);
  const codes = findVerificationCodes(block).filter((span) => !overlaps(span, track));
  const tagged: [CardDataKind, Span][] = [
    ...track.map((span): [CardDataKind, Span] => ['track-data', span]),
    ...cards.map((span): [CardDataKind, Span] => ['card-number', span]),
    ...codes.map((span): [CardDataKind, Span] => ['verification-code', span]),
  ];

  return tagged
    .sort((a, b) => a[1].start - b[1].start)
    .map(([kind, span]) => ({
      kind,
      start: offset + from + span.start,
      end: offset + from + span.end,
      line: firstLine + lineIndexOf(lineStarts, from + span.start),
    }));
}

/** Index of the last line start at or before `position` (binary search). */
function lineIndexOf(lineStarts: readonly number[], position: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= position) low = middle;
    else high = middle - 1;
  }

  return low;
}

// ---------------------------------------------------------------------------
// Segmenting and streaming

/** Longest stretch scanned in one piece when a line has no break. */
export const MAX_SEGMENT = 8192;
/** How far back from MAX_SEGMENT a neutral character is looked for. */
const SOFT_CUT_WINDOW = 1024;
const NEUTRAL = /[\t ,;"'{}[\]<>|()]/;

/**
 * Where to cut an over-long line: the last neutral character in the window
 * before MAX_SEGMENT that touches no digit, so no number is split; the cut
 * character belongs to neither piece. Without one, a hard cut at the limit.
 */
function longLineCut(text: string, from: number): { end: number; resume: number } {
  const limit = from + MAX_SEGMENT;
  for (let index = limit - 1; index > limit - SOFT_CUT_WINDOW; index -= 1) {
    if (
      NEUTRAL.test(text.charAt(index)) &&
      !isDigitAt(text, index - 1) &&
      !isDigitAt(text, index + 1)
    ) {
      return { end: index, resume: index + 1 };
    }
  }

  return { end: limit, resume: limit };
}

/** Finds line breaks forward through one string, remembering where the next of each is. */
class BreakFinder {
  #nextLf: number;
  #nextCr: number;

  constructor(private readonly text: string) {
    this.#nextLf = text.indexOf('\n');
    this.#nextCr = text.indexOf('\r');
  }

  /** Position of the first CR or LF at or after `at`, or -1. */
  next(at: number): number {
    if (this.#nextLf !== -1 && this.#nextLf < at) this.#nextLf = this.text.indexOf('\n', at);
    if (this.#nextCr !== -1 && this.#nextCr < at) this.#nextCr = this.text.indexOf('\r', at);
    if (this.#nextLf === -1) return this.#nextCr;
    if (this.#nextCr === -1) return this.#nextLf;

    return Math.min(this.#nextLf, this.#nextCr);
  }
}

/**
 * Scans text that arrives in pieces (a decoded file stream). Hits come back
 * as soon as the lines holding them are complete, with offsets and lines
 * counted from the start of the whole text.
 */
export class CardDataScanner {
  #pending = '';
  /** Offset of `#pending[0]` in the whole text. */
  #offset = 0;
  #line = 1;
  #total = 0;

  /** Characters seen so far. */
  get length(): number {
    return this.#total;
  }

  push(text: string): CardDataHit[] {
    this.#total += text.length;
    this.#pending += text;

    return this.#drain(false);
  }

  end(): CardDataHit[] {
    return this.#drain(true);
  }

  #drain(final: boolean): CardDataHit[] {
    const text = this.#pending;
    const breaks = new BreakFinder(text);
    const hits: CardDataHit[] = [];
    let from = 0;

    for (;;) {
      // Gather complete lines of ordinary length into one block.
      const lineStarts = [from];
      const firstLine = this.#line;
      let cursor = from;
      for (;;) {
        const lineEnd = breaks.next(cursor);
        if (lineEnd === -1 || lineEnd - cursor > MAX_SEGMENT) break;
        // A lone CR at the end may be the first half of CRLF: wait for more.
        if (text.charAt(lineEnd) === '\r' && lineEnd === text.length - 1 && !final) break;

        const crlf = text.charAt(lineEnd) === '\r' && text.charAt(lineEnd + 1) === '\n';
        cursor = lineEnd + (crlf ? 2 : 1);
        lineStarts.push(cursor);
        this.#line += 1;
      }
      if (cursor > from) {
        hits.push(...scanBlock(text, from, cursor, lineStarts, firstLine, this.#offset));
        from = cursor;
      }

      const lineEnd = breaks.next(from);
      const lineTooLong =
        lineEnd === -1 ? text.length - from > MAX_SEGMENT : lineEnd - from > MAX_SEGMENT;
      if (lineTooLong) {
        const cut = longLineCut(text, from);
        hits.push(...scanBlock(text, from, cut.end, [from], this.#line, this.#offset));
        from = cut.resume;
        continue;
      }

      if (final && from < text.length) {
        hits.push(...scanBlock(text, from, text.length, [from], this.#line, this.#offset));
        from = text.length;
      }
      break;
    }

    this.#pending = text.slice(from);
    this.#offset += from;

    return hits;
  }
}

/** Every hit in a piece of text. */
export function findCardData(text: string): CardDataHit[] {
  const scanner = new CardDataScanner();

  return [...scanner.push(text), ...scanner.end()];
}

/** Hits in each named field, in field order; an empty list means the fields are clean. */
export function scanFields(fields: Readonly<Record<string, string>>): CardDataFinding[] {
  const findings: CardDataFinding[] = [];
  for (const [path, text] of Object.entries(fields)) {
    for (const hit of findCardData(text)) findings.push({ ...hit, path });
  }

  return findings;
}

const KIND_LABELS: Readonly<Record<CardDataKind, string>> = {
  'card-number': 'a card number',
  'verification-code': 'a card verification code',
  'track-data': 'magnetic stripe track data',
};

/** One line saying what was found where, without repeating any of it. */
export function describeFinding(finding: CardDataFinding): string {
  return (
    `${KIND_LABELS[finding.kind]} in ${finding.path} ` +
    `(line ${finding.line}, characters ${finding.start + 1}-${finding.end})`
  );
}

// ---------------------------------------------------------------------------
// Masking

const MASK = '*';

/**
 * A card number with all but its first six and last four digits replaced,
 * keeping any spaces or dashes where they were.
 */
export function maskCardNumber(written: string): string {
  const total = digitsOf(written).length;
  let seen = 0;
  let out = '';
  for (const char of written) {
    if (digitValue(char.charCodeAt(0)) < 0) {
      out += char;
      continue;
    }
    out += seen < 6 || seen >= total - 4 ? char : MASK;
    seen += 1;
  }

  return out;
}

/**
 * The text with every hit masked: card numbers to first six and last four,
 * track data to the first six and last four digits of its account number,
 * verification codes entirely. What is left passes `findCardData`.
 */
export function maskCardData(text: string): string {
  const hits = findCardData(text);
  let out = '';
  let cursor = 0;
  for (const hit of hits) {
    const written = text.slice(hit.start, hit.end);
    out += text.slice(cursor, hit.start) + maskHit(hit.kind, written);
    cursor = hit.end;
  }

  return out + text.slice(cursor);
}

function maskHit(kind: CardDataKind, written: string): string {
  switch (kind) {
    case 'card-number':
      return maskCardNumber(written);
    case 'verification-code':
      return written.replace(/\d{3,4}$/, (code) => MASK.repeat(code.length));
    case 'track-data':
      return maskTrack(written);
  }
}

/** Keeps the first six and last four digits of the account number; masks everything else. */
function maskTrack(written: string): string {
  const account = /\d{12,19}/.exec(written);
  if (account === null) return written.replace(/[\p{L}\p{N}]/gu, MASK);

  const before = written.slice(0, account.index).replace(/\d/g, MASK);
  const after = written.slice(account.index + account[0].length).replace(/[\p{L}\p{N}]/gu, MASK);

  return before + maskCardNumber(account[0]) + after;
}
