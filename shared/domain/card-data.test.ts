import { describe, expect, it } from 'vitest';
import {
  CardDataScanner,
  MAX_SEGMENT,
  describeFinding,
  findCardData,
  isCardNumber,
  issuerOf,
  luhnValid,
  maskCardData,
  maskCardNumber,
  scanFields,
  type CardDataHit,
} from './card-data';
import corpusFile from './card-data.corpus.json';

interface CorpusEntry {
  readonly text: string;
  readonly note: string;
  readonly kinds?: readonly string[];
}

const corpus: { cardData: CorpusEntry[]; nearMisses: CorpusEntry[] } = corpusFile;

const kindsOf = (text: string) => findCardData(text).map((hit) => hit.kind);

describe('card-data corpus', () => {
  it('finds every test card number, code and track (no false negatives)', () => {
    const falseNegatives = corpus.cardData
      .filter((entry) => {
        const expected = [...(entry.kinds ?? [])].sort();
        return JSON.stringify([...kindsOf(entry.text)].sort()) !== JSON.stringify(expected);
      })
      .map((entry) => `${entry.note}: found [${kindsOf(entry.text).join(', ')}]`);

    expect(corpus.cardData.length).toBeGreaterThan(40);
    expect(falseNegatives, `${falseNegatives.length} false negatives`).toEqual([]);
  });

  it('passes every near miss (no false positives)', () => {
    const falsePositives = corpus.nearMisses
      .filter((entry) => findCardData(entry.text).length > 0)
      .map((entry) => `${entry.note}: found [${kindsOf(entry.text).join(', ')}]`);

    expect(corpus.nearMisses.length).toBeGreaterThan(50);
    expect(falsePositives, `${falsePositives.length} false positives`).toEqual([]);
  });

  it('masks every hit so that the masked text passes and keeps first six and last four', () => {
    for (const entry of corpus.cardData) {
      const masked = maskCardData(entry.text);
      expect(findCardData(masked), entry.note).toEqual([]);
      expect(masked, entry.note).not.toEqual(entry.text);
    }

    expect(maskCardData('Card: 4111 1111 1111 1111, thanks')).toBe(
      'Card: 4111 11** **** 1111, thanks',
    );
    expect(maskCardData('378282246310005')).toBe('378282*****0005');
    expect(maskCardData('CVV: 123')).toBe('CVV: ***');
    expect(maskCardData(';4111111111111111=30121010000000000000?')).toBe(
      ';411111******1111=********************?',
    );
  });
});

describe('hit positions', () => {
  it('gives the character range and line of each hit', () => {
    const text = 'first line\nsecond 5555-5555-5555-4444 here\nCVV: 123';
    const hits = findCardData(text);

    expect(hits).toEqual([
      { kind: 'card-number', start: 18, end: 37, line: 2 },
      { kind: 'verification-code', start: 43, end: 51, line: 3 },
    ]);
    expect(text.slice(18, 37)).toBe('5555-5555-5555-4444');
  });

  it('names the field of each hit and describes it without the number', () => {
    const findings = scanFields({
      'answers.1.1.1.note': 'all fine',
      'profile.name': 'Card 4111 1111 1111 1111',
    });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.path).toBe('profile.name');
    const line = describeFinding(findings[0]!);
    expect(line).toBe('a card number in profile.name (line 1, characters 6-24)');
    expect(line).not.toMatch(/\d{5}/);
  });
});

describe('number rules', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['', false],
    ['12a4', false],
  ])('Luhn of %s is %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  it.each([
    ['4111111111111111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3530111333300000', 'jcb'],
    ['30569309025904', 'diners'],
    ['6200000000000005', 'unionpay'],
    ['3400123456789015', undefined],
    ['1000234567890123', undefined],
  ])('issuer of %s is %s', (digits, brand) => {
    expect(issuerOf(digits)).toBe(brand);
  });

  it('needs a length the issuer uses', () => {
    expect(isCardNumber('4222222222222')).toBe(true);
    expect(isCardNumber('40001234567899')).toBe(false);
  });

  it('masks a number to its first six and last four digits', () => {
    expect(maskCardNumber('4111-1111-1111-1111')).toBe('4111-11**-****-1111');
    expect(maskCardNumber('4222222222222')).toBe('422222***2222');
  });
});

/** A small deterministic generator, so that failures can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function scanInChunks(text: string, cuts: readonly number[]): CardDataHit[] {
  const scanner = new CardDataScanner();
  const hits: CardDataHit[] = [];
  let from = 0;
  for (const cut of cuts) {
    hits.push(...scanner.push(text.slice(from, cut)));
    from = cut;
  }
  hits.push(...scanner.push(text.slice(from)), ...scanner.end());

  return hits;
}

describe('streaming scan', () => {
  const lines = [...corpus.cardData, ...corpus.nearMisses].map((entry) => entry.text);
  const text = Array.from({ length: 6 }, () => lines.join('\r\n')).join('\n');

  it('gives the same hits however the text is cut into chunks', () => {
    const whole = findCardData(text);
    expect(whole.length).toBeGreaterThan(6 * 40);

    const random = seeded(6);
    for (let round = 0; round < 20; round += 1) {
      const cuts: number[] = [];
      for (let at = 0; at < text.length; at += 1 + Math.floor(random() * 200)) cuts.push(at);
      expect(scanInChunks(text, cuts)).toEqual(whole);
    }
  });

  it('catches a number split at every possible chunk boundary', () => {
    const line = 'paid with 4111 1111 1111 1111 today';
    for (let cut = 0; cut <= line.length; cut += 1) {
      const hits = scanInChunks(line, [cut]);
      expect(hits, `cut at ${cut}`).toEqual([{ kind: 'card-number', start: 10, end: 29, line: 1 }]);
    }
    expect(scanInChunks('a\r\n4111111111111111', [2])).toEqual([
      { kind: 'card-number', start: 3, end: 19, line: 2 },
    ]);
  });

  it('scans very long lines without splitting numbers between pieces', () => {
    const cell = 'abcdefgh,';
    const filler = cell.repeat(Math.ceil(MAX_SEGMENT / cell.length) - 2);
    const card = '5555 5555 5555 4444';
    const longLine = (filler + card + ',').repeat(5) + '~'.repeat(3 * MAX_SEGMENT) + card;
    const hits = findCardData(longLine);

    expect(hits.map((hit) => longLine.slice(hit.start, hit.end))).toEqual(Array(6).fill(card));
    expect(scanInChunks(longLine, [MAX_SEGMENT - 3, MAX_SEGMENT + 5, 3 * MAX_SEGMENT])).toEqual(
      hits,
    );
  });
});
