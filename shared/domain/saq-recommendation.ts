import { z } from 'zod';
import type { SaqType } from './responses';
import { SAQ_TYPE_LABELS, isShipped, saqDisplayName } from './saq-catalog';

/**
 * Which SAQ fits, decided the way an assessor would, in this order:
 *
 * 1. A service provider uses SAQ D for Service Providers (or a ROC). Stop.
 * 2. A merchant that stores account data electronically uses SAQ D for
 *    Merchants. Stop.
 * 3. Otherwise each payment channel is judged on its own; several channels can
 *    lead to several SAQs (or one SAQ D, if the acquirer prefers).
 * 4. Per channel, candidate SAQs are tried from the narrowest to SAQ D, and
 *    the first whose eligibility criteria do not fail is recommended.
 *
 * The SAQ A script criterion is read as PCI SSC FAQ 1588 reads it: a full
 * redirect or a payment link does not need it; a page that embeds the
 * provider's form meets it with the merchant's own script protections or with
 * the provider's confirmation that its form protects the page; neither means
 * no SAQ A. docs/rules.md has the whole flow.
 */

/** An eligibility answer: yes, no, or not answered yet (null). */
const tri = z.boolean().nullable().default(null);

export const ECOMMERCE_INTEGRATIONS = [
  /** Customers pay on a link (e-mail, text) to the provider's page; no merchant website involved. */
  'payment-link-only',
  /** The merchant site sends the customer's browser to the provider's payment page. */
  'full-redirect',
  /** The merchant page embeds the provider's payment form (iframe or similar). */
  'embedded-form',
  /** The merchant page builds or serves the form (direct post, own script) but never receives the data. */
  'merchant-built-form',
  /** Card data reaches the merchant's own servers. */
  'merchant-receives-card-data',
] as const;
export type EcommerceIntegration = (typeof ECOMMERCE_INTEGRATIONS)[number];

export const SCRIPT_PROTECTIONS = ['own-protections', 'provider-confirmation', 'none'] as const;
export type ScriptProtection = (typeof SCRIPT_PROTECTIONS)[number];

export const WEBSITE_HOSTS = ['merchant', 'compliant-provider', 'unconfirmed-provider'] as const;
export type WebsiteHost = (typeof WEBSITE_HOSTS)[number];

export const MOTO_METHODS = [
  /** Orders go straight to a provider (its phone service or payment link); staff never key cards. */
  'fully-outsourced',
  /** Staff key cards into a provider's virtual terminal in a browser on an isolated computer. */
  'virtual-terminal',
  'dial-out-terminal',
  'ip-terminal',
  'p2pe-terminal',
  'other',
] as const;
export type MotoMethod = (typeof MOTO_METHODS)[number];

export const CARD_PRESENT_METHODS = [
  'imprint-or-dial-out',
  'standalone-ip-terminal',
  'p2pe-terminal',
  'spoc-solution',
  'internet-connected-pos',
  'other',
] as const;
export type CardPresentMethod = (typeof CARD_PRESENT_METHODS)[number];

export const saqProfileSchema = z
  .object({
    serviceProvider: tri,
    /** Account data kept in any electronic form: databases, files, logs, recordings, e-mail. */
    storesAccountDataElectronically: tri,
    /**
     * Apart from a payment page its website serves, the merchant's systems or
     * premises process or transmit account data electronically (staff keying
     * cards into a computer, card numbers arriving by e-mail).
     */
    merchantSystemsHandleAccountData: tri,
    /** All processing of account data (apart from such a page) is done by PCI DSS compliant providers. */
    processingOutsourcedToCompliantProviders: tri,
    /** The merchant has confirmed each provider is PCI DSS compliant for the services it uses. */
    providersConfirmedCompliant: tri,
    /** Any account data kept is on paper and was not received electronically. */
    paperOnlyRetention: tri,
    /** Omitted when the merchant takes no e-commerce payments. */
    ecommerce: z
      .object({
        integration: z.enum(ECOMMERCE_INTEGRATIONS).nullable().default(null),
        /** Every element of the payment page comes only and directly from the compliant provider. */
        allPageElementsFromProvider: tri,
        scriptProtection: z.enum(SCRIPT_PROTECTIONS).nullable().default(null),
        /** Every payment-page element comes from the merchant's site or a compliant provider. */
        pageElementsOnlyFromMerchantOrCompliantProvider: tri,
        websiteHostedBy: z.enum(WEBSITE_HOSTS).nullable().default(null),
      })
      .strict()
      .optional(),
    mailTelephoneOrder: z
      .object({ method: z.enum(MOTO_METHODS).nullable().default(null) })
      .strict()
      .optional(),
    cardPresent: z
      .object({ method: z.enum(CARD_PRESENT_METHODS).nullable().default(null) })
      .strict()
      .optional(),
  })
  .strict();

export type SaqProfile = z.infer<typeof saqProfileSchema>;
export type EcommerceProfile = NonNullable<SaqProfile['ecommerce']>;

export type PaymentChannel = 'ecommerce' | 'mail-telephone-order' | 'card-present';

export const PAYMENT_CHANNEL_LABELS: Readonly<Record<PaymentChannel, string>> = {
  ecommerce: 'E-commerce',
  'mail-telephone-order': 'Mail and telephone order',
  'card-present': 'Card present',
};

export type CriterionResultKind = 'passed' | 'failed' | 'unknown';

export interface CriterionResult {
  readonly id: string;
  /** The criterion in our own words. */
  readonly statement: string;
  readonly result: CriterionResultKind;
  /** Why it passed, failed or is still open, from the user's answers. */
  readonly why: string;
}

export type SaqVerdict = 'eligible' | 'not-eligible' | 'needs-answers';

export interface SaqEvaluation {
  readonly saq: SaqType;
  /** False for SAQ types this app does not ship yet. */
  readonly available: boolean;
  readonly criteria: readonly CriterionResult[];
  readonly verdict: SaqVerdict;
}

export type ChannelStatus =
  /** Every criterion of the recommended SAQ passed. */
  | 'recommended'
  /** Nothing failed yet, but some answers are missing. */
  | 'needs-answers'
  /** The question that picks the candidates is unanswered. */
  | 'undetermined';

export interface ChannelRecommendation {
  readonly channel: PaymentChannel;
  readonly saq: SaqType | null;
  readonly status: ChannelStatus;
  /** The SAQs tried for this channel, in order, ending with the recommended one. */
  readonly considered: readonly SaqEvaluation[];
}

export interface RecommendedSaq {
  readonly saq: SaqType;
  readonly available: boolean;
  readonly channels: readonly PaymentChannel[];
}

export interface SaqRecommendation {
  /** Steps 1 and 2 of the flow: service provider, electronic storage. */
  readonly steps: readonly CriterionResult[];
  readonly channels: readonly ChannelRecommendation[];
  /** The distinct SAQs, each with the channels it covers. */
  readonly saqs: readonly RecommendedSaq[];
  readonly status: ChannelStatus;
  readonly notices: readonly string[];
}

const passed = (id: string, statement: string, why: string): CriterionResult => ({
  id,
  statement,
  result: 'passed',
  why,
});
const failed = (id: string, statement: string, why: string): CriterionResult => ({
  id,
  statement,
  result: 'failed',
  why,
});
const unknown = (id: string, statement: string, why: string): CriterionResult => ({
  id,
  statement,
  result: 'unknown',
  why,
});

/** A criterion that holds when the answer is `expected`. */
function fromAnswer(
  id: string,
  statement: string,
  answer: boolean | null,
  expected: boolean,
  whenMet: string,
  whenNot: string,
): CriterionResult {
  if (answer === null) return unknown(id, statement, 'Not answered yet.');
  return answer === expected ? passed(id, statement, whenMet) : failed(id, statement, whenNot);
}

function notServiceProvider(profile: SaqProfile): CriterionResult {
  return fromAnswer(
    'merchant',
    'The business is a merchant, not a service provider.',
    profile.serviceProvider,
    false,
    'You said you are not a service provider.',
    'You said you are a service provider.',
  );
}

function noElectronicStorage(profile: SaqProfile): CriterionResult {
  return fromAnswer(
    'no-electronic-storage',
    'No account data is stored electronically.',
    profile.storesAccountDataElectronically,
    false,
    'You said no account data is kept in electronic form.',
    'You said account data is kept in electronic form.',
  );
}

function paperOnly(profile: SaqProfile): CriterionResult {
  return fromAnswer(
    'paper-only',
    'Any account data kept is on paper and was not received electronically.',
    profile.paperOnlyRetention,
    true,
    'You said anything kept is on paper only and did not arrive electronically.',
    'You said some kept account data is not on paper, or arrived electronically.',
  );
}

function providersConfirmed(profile: SaqProfile): CriterionResult {
  return fromAnswer(
    'providers-confirmed',
    'You have confirmed each service provider is PCI DSS compliant for the services you use.',
    profile.providersConfirmedCompliant,
    true,
    'You said you have confirmed it for each provider.',
    'You have not confirmed it for every provider.',
  );
}

function noMerchantHandling(profile: SaqProfile): CriterionResult {
  const statement =
    'Your systems and premises do not store, process or transmit account data electronically.';
  if (profile.merchantSystemsHandleAccountData === true) {
    return failed('no-merchant-handling', statement, 'You said your own systems handle card data.');
  }
  const storage = noElectronicStorage(profile);
  if (profile.merchantSystemsHandleAccountData === null || storage.result === 'unknown') {
    return unknown('no-merchant-handling', statement, 'Not answered yet.');
  }
  return passed(
    'no-merchant-handling',
    statement,
    'You said your systems neither keep nor handle card data.',
  );
}

function outsourced(profile: SaqProfile, exceptPaymentPage: boolean): CriterionResult {
  return fromAnswer(
    'outsourced',
    exceptPaymentPage
      ? 'All processing of account data, apart from your payment page, is done by PCI DSS ' +
          'compliant providers.'
      : 'All processing of account data is done entirely by PCI DSS compliant providers.',
    profile.processingOutsourcedToCompliantProviders,
    true,
    'You said a compliant provider does all of it.',
    'You said some processing is not done by a compliant provider.',
  );
}

function evaluation(saq: SaqType, criteria: readonly CriterionResult[]): SaqEvaluation {
  const verdict: SaqVerdict = criteria.some((criterion) => criterion.result === 'failed')
    ? 'not-eligible'
    : criteria.some((criterion) => criterion.result === 'unknown')
      ? 'needs-answers'
      : 'eligible';

  return { saq, available: isShipped(saq), criteria, verdict };
}

function pageElementsCriterion(ecommerce: EcommerceProfile): CriterionResult {
  const id = 'page-from-provider';
  const statement =
    'Every element of the payment page comes only and directly from the compliant provider.';

  switch (ecommerce.integration) {
    case 'payment-link-only':
      return passed(id, statement, 'Customers pay on the provider’s own page through a link.');
    case 'merchant-built-form':
    case 'merchant-receives-card-data':
      return failed(id, statement, 'Your own site builds or serves the payment form.');
    case 'full-redirect':
    case 'embedded-form':
    case null:
      return fromAnswer(
        id,
        statement,
        ecommerce.allPageElementsFromProvider,
        true,
        'You said the whole payment page or form comes from the provider.',
        'You said some payment-page element comes from elsewhere.',
      );
  }
}

/** SAQ A's script criterion, as FAQ 1588 reads it. */
export function scriptCriterion(ecommerce: EcommerceProfile): CriterionResult {
  const id = 'scripts';
  const statement =
    'Your site is not open to script attacks that could affect your e-commerce systems.';

  switch (ecommerce.integration) {
    case 'payment-link-only':
      return passed(id, statement, 'Not needed: payment is fully outsourced (FAQ 1588).');
    case 'full-redirect':
      return passed(
        id,
        statement,
        'Not needed: your site fully redirects to the provider (FAQ 1588).',
      );
    case 'merchant-built-form':
    case 'merchant-receives-card-data':
      return failed(id, statement, 'Your own page builds or serves the payment form.');
    case null:
      return unknown(id, statement, 'Say first how your site hands customers to the provider.');
    case 'embedded-form':
      switch (ecommerce.scriptProtection) {
        case 'own-protections':
          return passed(
            id,
            statement,
            'Your page embeds the provider’s form, and you (or a third party for you) run ' +
              'protections against script attacks of the kind 6.4.3 and 11.6.1 describe.',
          );
        case 'provider-confirmation':
          return passed(
            id,
            statement,
            'Your page embeds the provider’s form, and the compliant provider has confirmed that ' +
              'its form, set up as instructed, protects your page against script attacks.',
          );
        case 'none':
          return failed(
            id,
            statement,
            'Your page embeds the provider’s form without script protections of your own and ' +
              'without the provider’s confirmation, so SAQ A does not fit; ask your acquirer ' +
              'whether SAQ A-EP or SAQ D applies.',
          );
        case null:
          return unknown(
            id,
            statement,
            'Your page embeds the provider’s form: say whether you run script protections or ' +
              'have the provider’s confirmation.',
          );
      }
  }
}

function channelIsCardNotPresent(channel: PaymentChannel): CriterionResult {
  return passed(
    'card-not-present',
    'The channel is card-not-present (e-commerce or mail/telephone order).',
    `${PAYMENT_CHANNEL_LABELS[channel]} is card-not-present; any other channel is validated ` +
      'separately (it is listed as excluded in Part 2a).',
  );
}

function saqAForEcommerce(profile: SaqProfile, ecommerce: EcommerceProfile): SaqEvaluation {
  return evaluation('A', [
    notServiceProvider(profile),
    channelIsCardNotPresent('ecommerce'),
    outsourced(profile, false),
    noMerchantHandling(profile),
    providersConfirmed(profile),
    paperOnly(profile),
    pageElementsCriterion(ecommerce),
    scriptCriterion(ecommerce),
  ]);
}

function saqAEp(profile: SaqProfile, ecommerce: EcommerceProfile): SaqEvaluation {
  const siteNeverReceives =
    ecommerce.integration === 'merchant-receives-card-data'
      ? failed(
          'site-never-receives',
          'Your website never receives account data.',
          'You said card data reaches your servers.',
        )
      : passed(
          'site-never-receives',
          'Your website never receives account data.',
          'Card data goes from the customer straight to the provider.',
        );

  const hostStatement =
    'If a provider hosts your website, it is PCI DSS compliant for that hosting.';
  const host: CriterionResult =
    ecommerce.integration === 'payment-link-only'
      ? passed('website-host', hostStatement, 'No website of yours takes part in payment.')
      : ecommerce.websiteHostedBy === null
        ? unknown('website-host', hostStatement, 'Not answered yet.')
        : ecommerce.websiteHostedBy === 'unconfirmed-provider'
          ? failed(
              'website-host',
              hostStatement,
              'Your hosting provider’s compliance is not confirmed.',
            )
          : passed(
              'website-host',
              hostStatement,
              ecommerce.websiteHostedBy === 'merchant'
                ? 'You host the site yourself.'
                : 'Your hosting provider is compliant for it.',
            );

  const elements: CriterionResult =
    ecommerce.integration === 'payment-link-only'
      ? passed(
          'page-origin',
          'Every payment-page element comes from your site or a compliant provider.',
          'The payment page is the provider’s own.',
        )
      : fromAnswer(
          'page-origin',
          'Every payment-page element comes from your site or a compliant provider.',
          ecommerce.pageElementsOnlyFromMerchantOrCompliantProvider,
          true,
          'You said nothing on the payment page comes from anywhere else.',
          'You said some element comes from another origin.',
        );

  return evaluation('A-EP', [
    notServiceProvider(profile),
    passed('ecommerce-only', 'The channel is e-commerce.', 'This is the e-commerce channel.'),
    outsourced(profile, true),
    siteNeverReceives,
    host,
    elements,
    noMerchantHandling(profile),
    providersConfirmed(profile),
    paperOnly(profile),
  ]);
}

function saqD(profile: SaqProfile): SaqEvaluation {
  return evaluation('D-Merchant', [notServiceProvider(profile)]);
}

function saqAForMoto(profile: SaqProfile, method: MotoMethod): SaqEvaluation {
  return evaluation('A', [
    notServiceProvider(profile),
    channelIsCardNotPresent('mail-telephone-order'),
    method === 'fully-outsourced'
      ? passed(
          'moto-outsourced',
          'Orders are handled entirely by the provider.',
          'You said staff never key or handle card numbers.',
        )
      : failed(
          'moto-outsourced',
          'Orders are handled entirely by the provider.',
          'Staff key card numbers into a device or system of yours.',
        ),
    outsourced(profile, false),
    noMerchantHandling(profile),
    providersConfirmed(profile),
    paperOnly(profile),
  ]);
}

/**
 * A type whose definition is not shipped: the setup answer and the common
 * criteria are checked, the rest of its Part 2h statements are left open.
 */
function unshipped(profile: SaqProfile, saq: SaqType, setup: string): SaqEvaluation {
  return evaluation(saq, [
    notServiceProvider(profile),
    passed('setup', `Your set-up fits ${SAQ_TYPE_LABELS[saq]}.`, setup),
    noElectronicStorage(profile),
    paperOnly(profile),
    unknown(
      'other-statements',
      `The other eligibility statements of ${SAQ_TYPE_LABELS[saq]}.`,
      `${saqDisplayName(saq)}: confirm its eligibility statements in the official SAQ.`,
    ),
  ]);
}

type Candidate = () => SaqEvaluation;

function ecommerceCandidates(profile: SaqProfile, ecommerce: EcommerceProfile): Candidate[] {
  switch (ecommerce.integration) {
    case 'payment-link-only':
    case 'full-redirect':
    case 'embedded-form':
      return [
        () => saqAForEcommerce(profile, ecommerce),
        () => saqAEp(profile, ecommerce),
        () => saqD(profile),
      ];
    case 'merchant-built-form':
      return [() => saqAEp(profile, ecommerce), () => saqD(profile)];
    case 'merchant-receives-card-data':
      return [() => saqD(profile)];
    case null:
      return [];
  }
}

function motoCandidates(profile: SaqProfile, method: MotoMethod | null): Candidate[] {
  switch (method) {
    case 'fully-outsourced':
      return [() => saqAForMoto(profile, method), () => saqD(profile)];
    case 'virtual-terminal':
      return [
        () => unshipped(profile, 'C-VT', 'Staff key orders into a provider’s virtual terminal.'),
        () => saqD(profile),
      ];
    case 'dial-out-terminal':
      return [
        () => unshipped(profile, 'B', 'Orders are keyed into a dial-out terminal.'),
        () => saqD(profile),
      ];
    case 'ip-terminal':
      return [
        () =>
          unshipped(profile, 'B-IP', 'Orders are keyed into a standalone IP-connected terminal.'),
        () => saqD(profile),
      ];
    case 'p2pe-terminal':
      return [
        () => unshipped(profile, 'P2PE', 'Orders are keyed into a listed P2PE terminal.'),
        () => saqD(profile),
      ];
    case 'other':
      return [
        () => unshipped(profile, 'C', 'A payment application on an Internet-connected system.'),
        () => saqD(profile),
      ];
    case null:
      return [];
  }
}

function cardPresentCandidates(profile: SaqProfile, method: CardPresentMethod | null): Candidate[] {
  switch (method) {
    case 'imprint-or-dial-out':
      return [
        () => unshipped(profile, 'B', 'Only imprint machines or standalone dial-out terminals.'),
        () => saqD(profile),
      ];
    case 'standalone-ip-terminal':
      return [
        () =>
          unshipped(
            profile,
            'B-IP',
            'Only standalone PTS terminals connected by IP to the processor.',
          ),
        () => saqD(profile),
      ];
    case 'p2pe-terminal':
      return [
        () => unshipped(profile, 'P2PE', 'Only terminals of a listed P2PE solution.'),
        () => saqD(profile),
      ];
    case 'spoc-solution':
      return [
        () => unshipped(profile, 'SPoC', 'A listed SPoC solution on a phone or tablet.'),
        () => saqD(profile),
      ];
    case 'internet-connected-pos':
      return [
        () => unshipped(profile, 'C', 'A payment application or POS connected to the Internet.'),
        () => saqD(profile),
      ];
    case 'other':
      return [() => saqD(profile)];
    case null:
      return [];
  }
}

/** Tries candidates in order and stops at the first that does not fail. */
function decide(channel: PaymentChannel, candidates: readonly Candidate[]): ChannelRecommendation {
  const considered: SaqEvaluation[] = [];

  for (const candidate of candidates) {
    const result = candidate();
    considered.push(result);
    if (result.verdict !== 'not-eligible') {
      return {
        channel,
        saq: result.saq,
        status: result.verdict === 'eligible' ? 'recommended' : 'needs-answers',
        considered,
      };
    }
  }

  return { channel, saq: null, status: 'undetermined', considered };
}

function allChannels(profile: SaqProfile): PaymentChannel[] {
  return [
    ...(profile.ecommerce ? (['ecommerce'] as const) : []),
    ...(profile.mailTelephoneOrder ? (['mail-telephone-order'] as const) : []),
    ...(profile.cardPresent ? (['card-present'] as const) : []),
  ];
}

/** Every channel goes to one SAQ whose only criterion is the flow step that sent it there. */
function forcedTo(
  saq: SaqType,
  channels: readonly PaymentChannel[],
  step: CriterionResult,
): ChannelRecommendation[] {
  return channels.map((channel) => ({
    channel,
    saq,
    status: 'recommended',
    considered: [{ saq, available: isShipped(saq), criteria: [step], verdict: 'eligible' }],
  }));
}

function grouped(channels: readonly ChannelRecommendation[]): RecommendedSaq[] {
  const bySaq = new Map<SaqType, PaymentChannel[]>();

  for (const channel of channels) {
    if (channel.saq === null) continue;
    bySaq.set(channel.saq, [...(bySaq.get(channel.saq) ?? []), channel.channel]);
  }

  return [...bySaq].map(([saq, covered]) => ({
    saq,
    available: isShipped(saq),
    channels: covered,
  }));
}

function overallStatus(
  steps: readonly CriterionResult[],
  channels: readonly ChannelRecommendation[],
): ChannelStatus {
  if (channels.length === 0 || channels.some((channel) => channel.status === 'undetermined')) {
    return 'undetermined';
  }
  if (
    steps.some((step) => step.result === 'unknown') ||
    channels.some((channel) => channel.status === 'needs-answers')
  ) {
    return 'needs-answers';
  }
  return 'recommended';
}

function noticesFor(
  saqs: readonly RecommendedSaq[],
  channels: readonly ChannelRecommendation[],
): string[] {
  const notices: string[] = [];

  if (channels.length === 0) {
    notices.push('Say which payment channels you accept (e-commerce, mail/telephone, in person).');
  }
  for (const channel of channels) {
    if (channel.status === 'undetermined' && channel.considered.length === 0) {
      notices.push(`${PAYMENT_CHANNEL_LABELS[channel.channel]}: say how you take these payments.`);
    }
  }
  if (saqs.length > 1) {
    notices.push(
      'Your channels lead to different SAQs. Your acquirer may accept one SAQ per channel or ' +
        'ask for a single SAQ D covering all of them: ask it.',
    );
  }
  for (const saq of saqs) {
    if (!saq.available) {
      notices.push(
        `${saqDisplayName(saq.saq)}: this app cannot walk you through it yet. Use the official ` +
          'form, or ask your acquirer whether a broader SAQ this app offers (such as SAQ D) ' +
          'is acceptable.',
      );
    }
  }
  notices.push(
    'The official SAQ from the PCI SSC is the authoritative text; your acquirer decides.',
  );

  return notices;
}

/** The SAQ(s) for this profile, with each criterion passed, failed or unknown and why. */
export function recommendSaq(profile: SaqProfile): SaqRecommendation {
  const channels = allChannels(profile);
  const merchant = notServiceProvider(profile);

  if (merchant.result === 'failed') {
    const step: CriterionResult = {
      ...merchant,
      why:
        'You said you are a service provider: SAQ D for Service Providers is the only SAQ for ' +
        'service providers (at Level 1 a Report on Compliance is needed instead).',
    };
    const forced = forcedTo('D-ServiceProvider', channels, step);
    const saqs: RecommendedSaq[] = [
      { saq: 'D-ServiceProvider', available: isShipped('D-ServiceProvider'), channels },
    ];
    return {
      steps: [step],
      channels: forced,
      saqs,
      status: 'recommended',
      notices: noticesFor(saqs, forced).filter((notice) => !notice.startsWith('Say which')),
    };
  }

  const stored = noElectronicStorage(profile);
  const storage: CriterionResult =
    stored.result === 'failed'
      ? {
          ...stored,
          why:
            'You said account data is kept in electronic form: a merchant that stores account ' +
            'data electronically uses SAQ D for Merchants.',
        }
      : stored;
  const steps = [merchant, storage];

  if (storage.result === 'failed') {
    const forced = forcedTo('D-Merchant', channels, storage);
    const saqs = grouped(forced);
    return {
      steps,
      channels: forced,
      saqs,
      status: overallStatus(steps, forced),
      notices: noticesFor(saqs, forced),
    };
  }

  const decided: ChannelRecommendation[] = [];
  if (profile.ecommerce) {
    decided.push(decide('ecommerce', ecommerceCandidates(profile, profile.ecommerce)));
  }
  if (profile.mailTelephoneOrder) {
    decided.push(
      decide('mail-telephone-order', motoCandidates(profile, profile.mailTelephoneOrder.method)),
    );
  }
  if (profile.cardPresent) {
    decided.push(
      decide('card-present', cardPresentCandidates(profile, profile.cardPresent.method)),
    );
  }

  const saqs = grouped(decided);
  return {
    steps,
    channels: decided,
    saqs,
    status: overallStatus(steps, decided),
    notices: noticesFor(saqs, decided),
  };
}

export interface SaqSelection {
  readonly saq: SaqType;
  readonly recommended: SaqType | null;
  readonly overridden: boolean;
  /** The user's reason for choosing another SAQ than recommended; kept in the record. */
  readonly reason: string | null;
  /**
   * Every Part 2h eligibility statement of the chosen SAQ must still be
   * confirmed. An override does not waive them: an unconfirmed statement
   * makes the outcome Non-Compliant (see outcome.ts).
   */
  readonly allEligibilityStatementsRequired: true;
  /** Criteria of the chosen SAQ that failed or are open, to show beside the choice. */
  readonly warnings: readonly string[];
}

export type SaqSelectionResult =
  | { readonly ok: true; readonly selection: SaqSelection }
  | { readonly ok: false; readonly problem: string };

/**
 * The SAQ the assessment will use. Choosing something other than the
 * recommendation needs a reason; the criteria of the chosen SAQ that failed
 * or are open become warnings, and its eligibility statements stay required.
 */
export function selectSaq(
  recommendation: ChannelRecommendation | null,
  chosen: SaqType,
  reason?: string,
): SaqSelectionResult {
  const recommended = recommendation?.saq ?? null;
  const overridden = chosen !== recommended;
  const trimmed = reason?.trim() ?? '';

  if (!isShipped(chosen)) {
    return { ok: false, problem: `${saqDisplayName(chosen)} cannot be completed in this app.` };
  }
  if (overridden && trimmed === '') {
    return {
      ok: false,
      problem: 'Give a reason for choosing a different SAQ than the one recommended.',
    };
  }

  const evaluated = recommendation?.considered.find((candidate) => candidate.saq === chosen);
  const warnings = (evaluated?.criteria ?? [])
    .filter((criterion) => criterion.result !== 'passed')
    .map((criterion) =>
      criterion.result === 'failed'
        ? `Not met: ${criterion.statement} ${criterion.why}`
        : `Still open: ${criterion.statement}`,
    );
  if (overridden) {
    warnings.push(
      `Every eligibility statement of ${SAQ_TYPE_LABELS[chosen]} must still be confirmed; ` +
        'any you cannot confirm means the attestation cannot be Compliant.',
    );
  }

  return {
    ok: true,
    selection: {
      saq: chosen,
      recommended,
      overridden,
      reason: overridden ? trimmed : null,
      allEligibilityStatementsRequired: true,
      warnings,
    },
  };
}
