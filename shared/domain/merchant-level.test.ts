import { describe, expect, it } from 'vitest';
import {
  ACQUIRER_DECIDES,
  merchantLevelInputSchema,
  merchantLevels,
  type MerchantLevel,
  type MerchantLevelInput,
} from './merchant-level';

interface Counts {
  ecommerce?: number;
  cardPresent?: number;
  mailTelephoneOrder?: number;
}

function input(
  parts: {
    visa?: Counts;
    mastercard?: Counts;
    maestro?: Counts;
    compromise?: boolean;
    designated?: { visa?: boolean; mastercard?: boolean };
  } = {},
): MerchantLevelInput {
  return merchantLevelInputSchema.parse({
    visa: parts.visa ?? {},
    mastercard: parts.mastercard ?? {},
    maestro: parts.maestro ?? {},
    accountDataCompromise: parts.compromise ?? false,
    designatedLevel1: parts.designated ?? {},
  });
}

describe('Visa merchant level at each boundary', () => {
  it.each<[string, Counts, MerchantLevel]>([
    ['no transactions', {}, 4],
    ['19,999 e-commerce', { ecommerce: 19_999 }, 4],
    ['exactly 20,000 e-commerce', { ecommerce: 20_000 }, 3],
    ['20,001 e-commerce', { ecommerce: 20_001 }, 3],
    ['20,000 card-present only (not e-commerce)', { cardPresent: 20_000 }, 4],
    ['999,999 e-commerce', { ecommerce: 999_999 }, 3],
    ['exactly 1,000,000 e-commerce', { ecommerce: 1_000_000 }, 3],
    ['1,000,001 e-commerce', { ecommerce: 1_000_001 }, 2],
    ['999,999 across channels, little e-commerce', { cardPresent: 990_000, ecommerce: 9_999 }, 4],
    ['exactly 1,000,000 across channels', { cardPresent: 500_000, mailTelephoneOrder: 500_000 }, 4],
    ['1,000,001 across channels', { cardPresent: 500_001, mailTelephoneOrder: 500_000 }, 2],
    ['5,999,999 card-present', { cardPresent: 5_999_999 }, 2],
    ['exactly 6,000,000 across channels', { cardPresent: 4_000_000, ecommerce: 2_000_000 }, 2],
    ['6,000,001 across channels', { cardPresent: 4_000_001, ecommerce: 2_000_000 }, 1],
  ])('%s gives Level %d', (_name, visa, level) => {
    expect(merchantLevels(input({ visa })).visa.level).toBe(level);
  });
});

describe('Mastercard merchant level at each boundary (Mastercard and Maestro together)', () => {
  it.each<[string, Counts, Counts, MerchantLevel]>([
    ['19,999 e-commerce', { ecommerce: 19_999 }, {}, 4],
    ['exactly 20,000 e-commerce', { ecommerce: 20_000 }, {}, 4],
    ['20,001 e-commerce', { ecommerce: 20_001 }, {}, 3],
    ['20,000 Mastercard + 1 Maestro e-commerce', { ecommerce: 20_000 }, { ecommerce: 1 }, 3],
    ['exactly 1,000,000 e-commerce', { ecommerce: 1_000_000 }, {}, 3],
    ['1,000,001 e-commerce', { ecommerce: 1_000_001 }, {}, 2],
    ['exactly 1,000,000 across channels', { cardPresent: 1_000_000 }, {}, 4],
    ['1,000,000 Mastercard + 1 Maestro', { cardPresent: 1_000_000 }, { cardPresent: 1 }, 2],
    ['5,999,999 across channels', { cardPresent: 5_999_999 }, {}, 2],
    [
      'exactly 6,000,000 across channels',
      { cardPresent: 3_000_000 },
      { cardPresent: 3_000_000 },
      2,
    ],
    ['6,000,001 across channels', { cardPresent: 3_000_001 }, { cardPresent: 3_000_000 }, 1],
  ])('%s gives Level %d', (_name, mastercard, maestro, level) => {
    expect(merchantLevels(input({ mastercard, maestro })).mastercard.level).toBe(level);
  });

  it('names Maestro in the reason, so the user knows it was counted', () => {
    const result = merchantLevels(input({ mastercard: { cardPresent: 10 } }));
    expect(result.mastercard.reasons[0]).toContain('Mastercard and Maestro');
  });
});

describe('Mastercard follows the level the merchant has by Visa’s criteria', () => {
  it.each<[string, Counts, Counts, MerchantLevel, MerchantLevel]>([
    ['Visa Level 3 at exactly 20,000 e-commerce', { ecommerce: 20_000 }, {}, 3, 3],
    ['Visa Level 2 lifts a small Mastercard volume', { cardPresent: 2_000_000 }, {}, 2, 2],
    ['Visa Level 1 lifts Mastercard', { cardPresent: 7_000_000 }, { ecommerce: 5 }, 1, 1],
    ['Mastercard higher than Visa stays higher', {}, { cardPresent: 6_500_000 }, 4, 1],
  ])('%s', (_name, visa, mastercard, visaLevel, mastercardLevel) => {
    const result = merchantLevels(input({ visa, mastercard }));
    expect(result.visa.level).toBe(visaLevel);
    expect(result.mastercard.level).toBe(mastercardLevel);
  });

  it('says so in plain words', () => {
    const result = merchantLevels(input({ visa: { ecommerce: 20_000 } }));
    expect(result.mastercard.reasons[0]).toBe(
      "Mastercard follows Visa: by Visa's criteria the business is Level 3.",
    );
  });
});

describe('compromise and designation', () => {
  it('a compromise makes Mastercard Level 1 at any volume', () => {
    const result = merchantLevels(input({ compromise: true, mastercard: { ecommerce: 10 } }));
    expect(result.mastercard.level).toBe(1);
    expect(result.mastercard.reasons[0]).toContain('account data compromise');
  });

  it('a compromise keeps the Visa level by volume but warns that Visa may raise it', () => {
    const result = merchantLevels(input({ compromise: true, visa: { ecommerce: 10 } }));
    expect(result.visa.level).toBe(4);
    expect(result.visa.mayBeRaised).toBe(true);
    expect(result.visa.reasons.join(' ')).toContain('Visa may move');
    expect(result.mastercard.level).toBe(1);
  });

  it('without a compromise Visa gives no such warning', () => {
    const result = merchantLevels(input({ visa: { ecommerce: 10 } }));
    expect(result.visa.mayBeRaised).toBe(false);
  });

  it('a Visa designation makes Visa Level 1, and Mastercard follows', () => {
    const result = merchantLevels(input({ designated: { visa: true } }));
    expect(result.visa.level).toBe(1);
    expect(result.mastercard.level).toBe(1);
  });

  it('a Mastercard designation leaves Visa alone', () => {
    const result = merchantLevels(input({ designated: { mastercard: true } }));
    expect(result.visa.level).toBe(4);
    expect(result.mastercard.level).toBe(1);
  });
});

describe('every result', () => {
  it('sends Amex, Discover and JCB to the acquirer and says the acquirer decides', () => {
    const result = merchantLevels(input());
    expect(result.otherBrands.map((brand) => brand.brand)).toEqual(['amex', 'discover', 'jcb']);
    for (const brand of result.otherBrands) {
      expect(brand.kind).toBe('ask-acquirer');
      expect(brand.reasons[0]).toContain('Ask your acquirer');
    }
    expect(result.acquirerDecides).toBe(ACQUIRER_DECIDES);
    expect(result.acquirerDecides).toContain('acquirer');
  });

  it('gives at least one reason per brand', () => {
    const result = merchantLevels(input({ visa: { ecommerce: 50_000 } }));
    expect(result.visa.reasons[0]).toBe(
      '50,000 Visa e-commerce transactions a year is at least 20,000, and all channels ' +
        'together are at most 1,000,000.',
    );
    expect(result.mastercard.reasons.length).toBeGreaterThan(0);
  });
});

describe('merchantLevelInputSchema', () => {
  it.each([
    [{ visa: { ecommerce: -1 } }],
    [{ visa: { ecommerce: 1.5 } }],
    [{ visa: { ecommerce: '100' } }],
    [{ visa: { online: 100 } }],
    [{ amex: {} }],
  ])('refuses %j', (value) => {
    expect(merchantLevelInputSchema.safeParse(value).success).toBe(false);
  });

  it('fills missing channels with zero', () => {
    const parsed = merchantLevelInputSchema.parse({ visa: { ecommerce: 5 } });
    expect(parsed.visa).toEqual({ ecommerce: 5, cardPresent: 0, mailTelephoneOrder: 0 });
    expect(parsed.accountDataCompromise).toBe(false);
  });
});
