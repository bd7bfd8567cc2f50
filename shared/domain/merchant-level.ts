import { z } from 'zod';

/**
 * Merchant levels are set by each card brand, not by the PCI SSC, and the
 * acquirer has the last word. The thresholds and how each boundary value is
 * read are written down, with sources, in docs/rules.md ("Merchant level").
 */

export type MerchantLevel = 1 | 2 | 3 | 4;

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb';

/** More than this many transactions a year in all channels: Level 1. */
export const LEVEL_1_ABOVE = 6_000_000;
/** More than this many a year in all channels: at least Level 2. */
export const LEVEL_2_ABOVE = 1_000_000;
/** Visa: this many e-commerce transactions or more make Level 3. */
export const VISA_LEVEL_3_ECOMMERCE_FROM = 20_000;
/** Mastercard: more than this many e-commerce transactions make Level 3. */
export const MASTERCARD_LEVEL_3_ECOMMERCE_ABOVE = 20_000;

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Transactions over the last 12 months, per payment channel. */
export const channelCountsSchema = z
  .object({
    ecommerce: count.default(0),
    cardPresent: count.default(0),
    mailTelephoneOrder: count.default(0),
  })
  .strict();

export type ChannelCounts = z.infer<typeof channelCountsSchema>;

export const merchantLevelInputSchema = z
  .object({
    /** Visa credit, debit and prepaid transactions. */
    visa: channelCountsSchema.default({ ecommerce: 0, cardPresent: 0, mailTelephoneOrder: 0 }),
    mastercard: channelCountsSchema.default({
      ecommerce: 0,
      cardPresent: 0,
      mailTelephoneOrder: 0,
    }),
    /** Maestro counts towards the Mastercard level. */
    maestro: channelCountsSchema.default({ ecommerce: 0, cardPresent: 0, mailTelephoneOrder: 0 }),
    /** The business has had an account data compromise (a breach of card data). */
    accountDataCompromise: z.boolean().default(false),
    /** A brand (or its acquirer on its behalf) has told the business it is Level 1. */
    designatedLevel1: z
      .object({ visa: z.boolean().default(false), mastercard: z.boolean().default(false) })
      .strict()
      .default({ visa: false, mastercard: false }),
  })
  .strict();

export type MerchantLevelInput = z.infer<typeof merchantLevelInputSchema>;

export interface ComputedBrandLevel {
  readonly kind: 'computed';
  readonly brand: 'visa' | 'mastercard';
  readonly level: MerchantLevel;
  /** Why this level, in plain words, most decisive first. */
  readonly reasons: readonly string[];
  /** The brand may still move the merchant up (Visa, after a compromise). */
  readonly mayBeRaised: boolean;
}

export interface AskAcquirerBrandLevel {
  readonly kind: 'ask-acquirer';
  readonly brand: 'amex' | 'discover' | 'jcb';
  readonly reasons: readonly string[];
}

export type BrandLevel = ComputedBrandLevel | AskAcquirerBrandLevel;

export interface MerchantLevelResult {
  readonly visa: ComputedBrandLevel;
  readonly mastercard: ComputedBrandLevel;
  readonly otherBrands: readonly AskAcquirerBrandLevel[];
  /** Said with every result: this is an estimate and the acquirer decides. */
  readonly acquirerDecides: string;
}

export const ACQUIRER_DECIDES =
  'This is an estimate from the card brands’ published thresholds. Your acquirer (the bank ' +
  'that handles your card payments) decides your level and what you must submit.';

export const BRAND_NAMES: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
};

const grouped = (value: number): string => value.toLocaleString('en-US');

export function totalOf(counts: ChannelCounts): number {
  return counts.ecommerce + counts.cardPresent + counts.mailTelephoneOrder;
}

/** Visa's level from Visa's own counts (no compromise or designation). */
function visaVolumeLevel(counts: ChannelCounts): { level: MerchantLevel; reason: string } {
  const total = totalOf(counts);

  if (total > LEVEL_1_ABOVE) {
    return {
      level: 1,
      reason: `${grouped(total)} Visa transactions a year is more than ${grouped(LEVEL_1_ABOVE)}.`,
    };
  }
  if (total > LEVEL_2_ABOVE) {
    return {
      level: 2,
      reason:
        `${grouped(total)} Visa transactions a year is more than ${grouped(LEVEL_2_ABOVE)} ` +
        `and at most ${grouped(LEVEL_1_ABOVE)}.`,
    };
  }
  if (counts.ecommerce >= VISA_LEVEL_3_ECOMMERCE_FROM) {
    return {
      level: 3,
      reason:
        `${grouped(counts.ecommerce)} Visa e-commerce transactions a year is at least ` +
        `${grouped(VISA_LEVEL_3_ECOMMERCE_FROM)}, and all channels together are at most ` +
        `${grouped(LEVEL_2_ABOVE)}.`,
    };
  }
  return {
    level: 4,
    reason:
      `${grouped(counts.ecommerce)} Visa e-commerce transactions a year is fewer than ` +
      `${grouped(VISA_LEVEL_3_ECOMMERCE_FROM)}, and all channels together are at most ` +
      `${grouped(LEVEL_2_ABOVE)}.`,
  };
}

export function visaLevel(input: MerchantLevelInput): ComputedBrandLevel {
  const byVolume = visaVolumeLevel(input.visa);
  const compromiseNote =
    'After an account data compromise Visa may move a merchant to a higher level; ' +
    'ask your acquirer whether it has.';

  if (input.designatedLevel1.visa) {
    return {
      kind: 'computed',
      brand: 'visa',
      level: 1,
      reasons: ['Visa has designated the business Level 1.', byVolume.reason],
      mayBeRaised: false,
    };
  }

  return {
    kind: 'computed',
    brand: 'visa',
    level: byVolume.level,
    reasons: input.accountDataCompromise ? [byVolume.reason, compromiseNote] : [byVolume.reason],
    mayBeRaised: input.accountDataCompromise && byVolume.level !== 1,
  };
}

function mastercardCounts(input: MerchantLevelInput): ChannelCounts {
  return {
    ecommerce: input.mastercard.ecommerce + input.maestro.ecommerce,
    cardPresent: input.mastercard.cardPresent + input.maestro.cardPresent,
    mailTelephoneOrder: input.mastercard.mailTelephoneOrder + input.maestro.mailTelephoneOrder,
  };
}

/**
 * Mastercard takes the highest level any of its criteria gives: its own
 * counts (Mastercard and Maestro together), a compromise (always Level 1), a
 * designation, or the level the merchant has by Visa's criteria.
 */
export function mastercardLevel(
  input: MerchantLevelInput,
  visa: ComputedBrandLevel = visaLevel(input),
): ComputedBrandLevel {
  const counts = mastercardCounts(input);
  const total = totalOf(counts);
  const candidates: { level: MerchantLevel; reason: string }[] = [];

  if (input.accountDataCompromise) {
    candidates.push({
      level: 1,
      reason: 'Mastercard makes every merchant that has had an account data compromise Level 1.',
    });
  }
  if (input.designatedLevel1.mastercard) {
    candidates.push({ level: 1, reason: 'Mastercard has designated the business Level 1.' });
  }

  const volumeText = `${grouped(total)} Mastercard and Maestro transactions a year`;
  if (total > LEVEL_1_ABOVE) {
    candidates.push({ level: 1, reason: `${volumeText} is more than ${grouped(LEVEL_1_ABOVE)}.` });
  } else if (total > LEVEL_2_ABOVE) {
    candidates.push({
      level: 2,
      reason:
        `${volumeText} is more than ${grouped(LEVEL_2_ABOVE)} and at most ` +
        `${grouped(LEVEL_1_ABOVE)}.`,
    });
  } else if (counts.ecommerce > MASTERCARD_LEVEL_3_ECOMMERCE_ABOVE) {
    candidates.push({
      level: 3,
      reason:
        `${grouped(counts.ecommerce)} Mastercard and Maestro e-commerce transactions a year is ` +
        `more than ${grouped(MASTERCARD_LEVEL_3_ECOMMERCE_ABOVE)} and at most ` +
        `${grouped(LEVEL_2_ABOVE)}.`,
    });
  } else {
    candidates.push({
      level: 4,
      reason:
        `${volumeText} (${grouped(counts.ecommerce)} of them e-commerce) stay below ` +
        `Mastercard's Level 1 to 3 thresholds.`,
    });
  }

  if (visa.level < 4) {
    candidates.push({
      level: visa.level,
      reason: `Mastercard follows Visa: by Visa's criteria the business is Level ${visa.level}.`,
    });
  }

  const level = Math.min(...candidates.map((candidate) => candidate.level)) as MerchantLevel;
  const decisive = candidates.filter((candidate) => candidate.level === level);
  const others = candidates.filter((candidate) => candidate.level !== level);

  return {
    kind: 'computed',
    brand: 'mastercard',
    level,
    reasons: [...decisive, ...others].map((candidate) => candidate.reason),
    mayBeRaised: false,
  };
}

const OTHER_BRANDS = ['amex', 'discover', 'jcb'] as const;

function askAcquirer(brand: (typeof OTHER_BRANDS)[number]): AskAcquirerBrandLevel {
  return {
    kind: 'ask-acquirer',
    brand,
    reasons: [
      `${BRAND_NAMES[brand]} sets its own levels and thresholds; this app does not estimate ` +
        'them. Ask your acquirer which level applies if you accept these cards.',
    ],
  };
}

/** The estimated merchant level per card brand. The input must satisfy merchantLevelInputSchema. */
export function merchantLevels(input: MerchantLevelInput): MerchantLevelResult {
  const visa = visaLevel(input);

  return {
    visa,
    mastercard: mastercardLevel(input, visa),
    otherBrands: OTHER_BRANDS.map(askAcquirer),
    acquirerDecides: ACQUIRER_DECIDES,
  };
}
