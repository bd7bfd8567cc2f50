import { describe, expect, it } from 'vitest';
import type { SaqType } from './responses';
import {
  recommendSaq,
  saqProfileSchema,
  selectSaq,
  type ChannelStatus,
  type CriterionResultKind,
  type SaqProfile,
} from './saq-recommendation';

/** A merchant that answered every common question the way SAQ A needs. */
const CLEAN = {
  serviceProvider: false,
  storesAccountDataElectronically: false,
  merchantSystemsHandleAccountData: false,
  processingOutsourcedToCompliantProviders: true,
  providersConfirmedCompliant: true,
  paperOnlyRetention: true,
};

const ECOMMERCE_CLEAN = {
  allPageElementsFromProvider: true,
  pageElementsOnlyFromMerchantOrCompliantProvider: true,
  websiteHostedBy: 'compliant-provider',
};

function profile(overrides: Record<string, unknown>): SaqProfile {
  return saqProfileSchema.parse({ ...CLEAN, ...overrides });
}

function ecommerce(extra: Record<string, unknown>, common: Record<string, unknown> = {}) {
  return profile({ ...common, ecommerce: { ...ECOMMERCE_CLEAN, ...extra } });
}

function criterion(
  result: ReturnType<typeof recommendSaq>,
  saq: SaqType,
  id: string,
): { result: CriterionResultKind; why: string } | undefined {
  for (const channel of result.channels) {
    const evaluation = channel.considered.find((candidate) => candidate.saq === saq);
    const found = evaluation?.criteria.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

describe('e-commerce: SAQ choice by integration and the FAQ 1588 script criterion', () => {
  it.each<[string, Record<string, unknown>, SaqType | null, ChannelStatus]>([
    ['payment link only', { integration: 'payment-link-only' }, 'A', 'recommended'],
    [
      'full redirect, script criterion not asked',
      { integration: 'full-redirect' },
      'A',
      'recommended',
    ],
    [
      'full redirect with a non-provider element on the page',
      { integration: 'full-redirect', allPageElementsFromProvider: false },
      'A-EP',
      'recommended',
    ],
    [
      'embedded form with own script protections',
      { integration: 'embedded-form', scriptProtection: 'own-protections' },
      'A',
      'recommended',
    ],
    [
      'embedded form with the provider’s confirmation',
      { integration: 'embedded-form', scriptProtection: 'provider-confirmation' },
      'A',
      'recommended',
    ],
    [
      'embedded form with neither: not SAQ A',
      { integration: 'embedded-form', scriptProtection: 'none' },
      'A-EP',
      'recommended',
    ],
    [
      'embedded form, script question unanswered',
      { integration: 'embedded-form' },
      'A',
      'needs-answers',
    ],
    [
      'merchant-built form (direct post)',
      { integration: 'merchant-built-form' },
      'A-EP',
      'recommended',
    ],
    [
      'merchant-built form with a third-party script on the page',
      {
        integration: 'merchant-built-form',
        pageElementsOnlyFromMerchantOrCompliantProvider: false,
      },
      'D-Merchant',
      'recommended',
    ],
    [
      'merchant-built form on an unconfirmed host',
      { integration: 'merchant-built-form', websiteHostedBy: 'unconfirmed-provider' },
      'D-Merchant',
      'recommended',
    ],
    [
      'merchant receives card data',
      { integration: 'merchant-receives-card-data' },
      'D-Merchant',
      'recommended',
    ],
    ['integration not answered', { integration: null }, null, 'undetermined'],
  ])('%s -> %s (%s)', (_name, setup, saq, status) => {
    const result = recommendSaq(ecommerce(setup));
    expect(result.channels[0]?.saq ?? null).toBe(saq);
    expect(result.channels[0]?.status).toBe(status);
    expect(result.status).toBe(status);
  });

  it.each<[string, Record<string, unknown>, CriterionResultKind, string]>([
    ['full redirect', { integration: 'full-redirect' }, 'passed', 'Not needed'],
    ['payment link', { integration: 'payment-link-only' }, 'passed', 'Not needed'],
    [
      'embedded, own protections',
      { integration: 'embedded-form', scriptProtection: 'own-protections' },
      'passed',
      'protections',
    ],
    [
      'embedded, provider confirms',
      { integration: 'embedded-form', scriptProtection: 'provider-confirmation' },
      'passed',
      'confirmed',
    ],
    [
      'embedded, neither',
      { integration: 'embedded-form', scriptProtection: 'none' },
      'failed',
      'SAQ A does not fit',
    ],
    ['embedded, unanswered', { integration: 'embedded-form' }, 'unknown', 'say whether'],
  ])('script criterion for %s is %s, with why', (_name, setup, kind, why) => {
    const found = criterion(recommendSaq(ecommerce(setup)), 'A', 'scripts');
    expect(found?.result).toBe(kind);
    expect(found?.why).toContain(why);
  });

  it('shows why SAQ A was passed over before recommending A-EP', () => {
    const result = recommendSaq(
      ecommerce({ integration: 'embedded-form', scriptProtection: 'none' }),
    );
    const considered = result.channels[0]?.considered ?? [];
    expect(considered.map((item) => [item.saq, item.verdict])).toEqual([
      ['A', 'not-eligible'],
      ['A-EP', 'eligible'],
    ]);
  });
});

describe('the order of the flow', () => {
  it('a service provider gets SAQ D for Service Providers whatever else is answered', () => {
    const result = recommendSaq(
      profile({ serviceProvider: true, ecommerce: { integration: 'full-redirect' } }),
    );
    expect(result.saqs).toEqual([
      { saq: 'D-ServiceProvider', available: false, channels: ['ecommerce'] },
    ]);
    expect(result.steps[0]?.result).toBe('failed');
    expect(result.steps[0]?.why).toContain('SAQ D for Service Providers');
    expect(result.notices.join(' ')).toContain('SAQ D for Service Providers (not available yet)');
  });

  it('electronic storage sends every channel to SAQ D before any channel is judged', () => {
    const result = recommendSaq(
      profile({
        storesAccountDataElectronically: true,
        ecommerce: { integration: 'full-redirect' },
        cardPresent: { method: 'imprint-or-dial-out' },
      }),
    );
    expect(result.channels.map((channel) => channel.saq)).toEqual(['D-Merchant', 'D-Merchant']);
    expect(result.saqs).toEqual([
      { saq: 'D-Merchant', available: true, channels: ['ecommerce', 'card-present'] },
    ]);
    expect(result.steps[1]?.why).toContain('SAQ D for Merchants');
  });

  it('an unanswered service-provider question keeps the whole result open', () => {
    const result = recommendSaq(
      profile({
        serviceProvider: null,
        ecommerce: { ...ECOMMERCE_CLEAN, integration: 'full-redirect' },
      }),
    );
    expect(result.channels[0]?.saq).toBe('A');
    expect(result.status).toBe('needs-answers');
    expect(result.steps[0]?.result).toBe('unknown');
  });

  it('an unanswered storage question leaves SAQ A open, not recommended', () => {
    const result = recommendSaq(
      profile({
        storesAccountDataElectronically: null,
        ecommerce: { ...ECOMMERCE_CLEAN, integration: 'full-redirect' },
      }),
    );
    expect(result.channels[0]?.status).toBe('needs-answers');
    expect(criterion(result, 'A', 'no-merchant-handling')?.result).toBe('unknown');
  });

  it('no channel at all is undetermined and says what to answer', () => {
    const result = recommendSaq(profile({}));
    expect(result.status).toBe('undetermined');
    expect(result.notices[0]).toContain('payment channels');
  });
});

describe('common SAQ A criteria', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'processing not fully outsourced',
      { processingOutsourcedToCompliantProviders: false },
      'outsourced',
    ],
    [
      'providers not confirmed compliant',
      { providersConfirmedCompliant: false },
      'providers-confirmed',
    ],
    ['electronic copies kept or received', { paperOnlyRetention: false }, 'paper-only'],
    [
      'own systems handle card data',
      { merchantSystemsHandleAccountData: true },
      'no-merchant-handling',
    ],
  ])('%s rules out SAQ A', (_name, common, failedId) => {
    const result = recommendSaq(ecommerce({ integration: 'full-redirect' }, common));
    expect(criterion(result, 'A', failedId)?.result).toBe('failed');
    expect(result.channels[0]?.saq).not.toBe('A');
  });
});

describe('mail/telephone order and card-present channels', () => {
  it.each<[string, Record<string, unknown>, SaqType | null, boolean]>([
    ['MOTO fully outsourced', { mailTelephoneOrder: { method: 'fully-outsourced' } }, 'A', true],
    [
      'MOTO into a virtual terminal',
      { mailTelephoneOrder: { method: 'virtual-terminal' } },
      'C-VT',
      false,
    ],
    [
      'MOTO into a dial-out terminal',
      { mailTelephoneOrder: { method: 'dial-out-terminal' } },
      'B',
      false,
    ],
    ['MOTO into an IP terminal', { mailTelephoneOrder: { method: 'ip-terminal' } }, 'B-IP', false],
    [
      'MOTO into a P2PE terminal',
      { mailTelephoneOrder: { method: 'p2pe-terminal' } },
      'P2PE',
      false,
    ],
    ['MOTO other', { mailTelephoneOrder: { method: 'other' } }, 'C', false],
    [
      'card present: imprint or dial-out',
      { cardPresent: { method: 'imprint-or-dial-out' } },
      'B',
      false,
    ],
    [
      'card present: standalone IP terminal',
      { cardPresent: { method: 'standalone-ip-terminal' } },
      'B-IP',
      false,
    ],
    ['card present: P2PE', { cardPresent: { method: 'p2pe-terminal' } }, 'P2PE', false],
    ['card present: SPoC', { cardPresent: { method: 'spoc-solution' } }, 'SPoC', false],
    [
      'card present: Internet-connected POS',
      { cardPresent: { method: 'internet-connected-pos' } },
      'C',
      false,
    ],
    ['card present: other', { cardPresent: { method: 'other' } }, 'D-Merchant', true],
    ['card present: not answered', { cardPresent: {} }, null, false],
  ])('%s -> %s', (_name, channel, saq, available) => {
    const result = recommendSaq(profile(channel));
    expect(result.channels[0]?.saq ?? null).toBe(saq);
    expect(result.saqs[0]?.available ?? false).toBe(available);
  });

  it('names an SAQ that is not shipped as not available yet, and leaves its own statements open', () => {
    const result = recommendSaq(profile({ cardPresent: { method: 'imprint-or-dial-out' } }));
    expect(result.channels[0]?.status).toBe('needs-answers');
    expect(criterion(result, 'B', 'other-statements')?.why).toContain('SAQ B (not available yet)');
    expect(result.notices.join(' ')).toContain('SAQ B (not available yet)');
  });

  it('a fully outsourced MOTO channel needs no website criteria', () => {
    const result = recommendSaq(profile({ mailTelephoneOrder: { method: 'fully-outsourced' } }));
    const ids = result.channels[0]?.considered[0]?.criteria.map((item) => item.id);
    expect(ids).not.toContain('scripts');
    expect(ids).not.toContain('page-from-provider');
  });
});

describe('several channels', () => {
  it('e-commerce and MOTO both fit SAQ A: one SAQ covering both', () => {
    const result = recommendSaq(
      profile({
        ecommerce: { ...ECOMMERCE_CLEAN, integration: 'full-redirect' },
        mailTelephoneOrder: { method: 'fully-outsourced' },
      }),
    );
    expect(result.saqs).toEqual([
      { saq: 'A', available: true, channels: ['ecommerce', 'mail-telephone-order'] },
    ]);
  });

  it('different SAQs per channel are all listed, with advice to ask the acquirer', () => {
    const result = recommendSaq(
      profile({
        ecommerce: { ...ECOMMERCE_CLEAN, integration: 'merchant-built-form' },
        cardPresent: { method: 'p2pe-terminal' },
      }),
    );
    expect(result.saqs.map((saq) => saq.saq)).toEqual(['A-EP', 'P2PE']);
    expect(result.notices.join(' ')).toContain('different SAQs');
  });
});

describe('selectSaq (override)', () => {
  const embeddedWithout = recommendSaq(
    ecommerce({ integration: 'embedded-form', scriptProtection: 'none' }),
  ).channels[0]!;

  it('taking the recommendation needs no reason', () => {
    const result = selectSaq(embeddedWithout, 'A-EP');
    expect(result.ok && result.selection.overridden).toBe(false);
  });

  it('an override without a reason is refused', () => {
    expect(selectSaq(embeddedWithout, 'A', '  ')).toEqual({
      ok: false,
      problem: 'Give a reason for choosing a different SAQ than the one recommended.',
    });
  });

  it('an override keeps every eligibility statement required and lists what failed', () => {
    const result = selectSaq(embeddedWithout, 'A', 'Acquirer agreed in writing');
    if (!result.ok) throw new Error(result.problem);
    expect(result.selection).toMatchObject({
      saq: 'A',
      recommended: 'A-EP',
      overridden: true,
      reason: 'Acquirer agreed in writing',
      allEligibilityStatementsRequired: true,
    });
    expect(result.selection.warnings[0]).toContain('Not met');
    expect(result.selection.warnings.at(-1)).toContain('cannot be Compliant');
  });

  it('refuses a type the app cannot walk through', () => {
    const result = selectSaq(embeddedWithout, 'C', 'reason');
    expect(result).toEqual({
      ok: false,
      problem: 'SAQ C (not available yet) cannot be completed in this app.',
    });
  });
});

describe('saqProfileSchema', () => {
  it('refuses unknown keys and values', () => {
    expect(saqProfileSchema.safeParse({ ecommerce: { integration: 'iframe' } }).success).toBe(
      false,
    );
    expect(saqProfileSchema.safeParse({ storesCards: true }).success).toBe(false);
  });
});
