import { z } from 'zod';

/**
 * Service-provider levels per brand. Both brands draw the line at 300,000
 * transactions a year; how exactly 300,000 is read is in docs/rules.md
 * ("Service-provider level").
 */

export type ServiceProviderLevel = 1 | 2;

/** More than this many transactions a year make a service provider Level 1. */
export const SERVICE_PROVIDER_LEVEL_1_ABOVE = 300_000;

export const MASTERCARD_PROVIDER_TYPES = [
  'third-party-processor',
  'staged-digital-wallet-operator',
  'digital-activity-service-provider',
  'token-service-provider',
  '3-d-secure-service-provider',
  'aml-sanctions-service-provider',
  'data-storage-entity',
  'payment-facilitator',
  'terminal-servicer',
  'none',
] as const;

export type MastercardProviderType = (typeof MASTERCARD_PROVIDER_TYPES)[number];

export const MASTERCARD_PROVIDER_TYPE_LABELS: Readonly<Record<MastercardProviderType, string>> = {
  'third-party-processor': 'Third-party processor (TPP)',
  'staged-digital-wallet-operator': 'Staged digital wallet operator (SDWO)',
  'digital-activity-service-provider': 'Digital activity service provider (DASP)',
  'token-service-provider': 'Token service provider',
  '3-d-secure-service-provider': '3-D Secure service provider',
  'aml-sanctions-service-provider': 'Anti-money-laundering or sanctions screening provider',
  'data-storage-entity': 'Data storage entity (DSE)',
  'payment-facilitator': 'Payment facilitator (PF)',
  'terminal-servicer': 'Terminal servicer',
  none: 'None of these (no Mastercard services)',
};

/** Mastercard provider types that are Level 1 whatever their volume. */
const MASTERCARD_LEVEL_1_AT_ANY_VOLUME: ReadonlySet<MastercardProviderType> = new Set([
  'third-party-processor',
  'staged-digital-wallet-operator',
  'digital-activity-service-provider',
  'token-service-provider',
  '3-d-secure-service-provider',
  'aml-sanctions-service-provider',
]);

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const serviceProviderLevelInputSchema = z
  .object({
    visa: z
      .object({
        /** Processes transactions on VisaNet (Visa's own network). */
        visaNetProcessor: z.boolean().default(false),
        /** Visa transactions stored, processed or transmitted in 12 months. */
        annualTransactions: count.default(0),
      })
      .strict()
      .default({ visaNetProcessor: false, annualTransactions: 0 }),
    mastercard: z
      .object({
        providerType: z.enum(MASTERCARD_PROVIDER_TYPES).default('none'),
        /** Mastercard and Maestro transactions together, 12 months. */
        annualTransactions: count.default(0),
      })
      .strict()
      .default({ providerType: 'none', annualTransactions: 0 }),
  })
  .strict();

export type ServiceProviderLevelInput = z.infer<typeof serviceProviderLevelInputSchema>;

export interface ServiceProviderBrandLevel {
  readonly brand: 'visa' | 'mastercard';
  /** Null when the business offers this brand no service (Mastercard type "none"). */
  readonly level: ServiceProviderLevel | null;
  readonly reasons: readonly string[];
}

export interface ServiceProviderLevelResult {
  readonly visa: ServiceProviderBrandLevel;
  readonly mastercard: ServiceProviderBrandLevel;
  readonly acquirerDecides: string;
}

const grouped = (value: number): string => value.toLocaleString('en-US');

function byVolume(volume: number, what: string): { level: ServiceProviderLevel; reason: string } {
  const line = grouped(SERVICE_PROVIDER_LEVEL_1_ABOVE);
  return volume > SERVICE_PROVIDER_LEVEL_1_ABOVE
    ? { level: 1, reason: `${grouped(volume)} ${what} a year is more than ${line}.` }
    : { level: 2, reason: `${grouped(volume)} ${what} a year is at most ${line}.` };
}

export function visaServiceProviderLevel(
  input: ServiceProviderLevelInput,
): ServiceProviderBrandLevel {
  const volume = byVolume(input.visa.annualTransactions, 'Visa transactions');

  if (input.visa.visaNetProcessor) {
    return {
      brand: 'visa',
      level: 1,
      reasons: ['Every VisaNet processor is Level 1, whatever its volume.'],
    };
  }
  return { brand: 'visa', level: volume.level, reasons: [volume.reason] };
}

export function mastercardServiceProviderLevel(
  input: ServiceProviderLevelInput,
): ServiceProviderBrandLevel {
  const { providerType, annualTransactions } = input.mastercard;
  const label = MASTERCARD_PROVIDER_TYPE_LABELS[providerType];

  if (providerType === 'none') {
    return {
      brand: 'mastercard',
      level: null,
      reasons: ['You offer no Mastercard provider service, so Mastercard sets no level.'],
    };
  }
  if (MASTERCARD_LEVEL_1_AT_ANY_VOLUME.has(providerType)) {
    return {
      brand: 'mastercard',
      level: 1,
      reasons: [`Mastercard makes every ${label} Level 1, whatever its volume.`],
    };
  }
  if (providerType === 'terminal-servicer') {
    return {
      brand: 'mastercard',
      level: 2,
      reasons: [`Mastercard lists ${label}s at Level 2.`],
    };
  }

  const volume = byVolume(annualTransactions, 'Mastercard and Maestro transactions');
  return {
    brand: 'mastercard',
    level: volume.level,
    reasons: [`For a ${label}, Mastercard goes by volume: ${volume.reason}`],
  };
}

export function serviceProviderLevels(
  input: ServiceProviderLevelInput,
): ServiceProviderLevelResult {
  return {
    visa: visaServiceProviderLevel(input),
    mastercard: mastercardServiceProviderLevel(input),
    acquirerDecides:
      'This is an estimate from the card brands’ published thresholds. The brands and the ' +
      'acquirers you work with decide your level and what you must submit.',
  };
}
