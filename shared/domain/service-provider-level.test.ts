import { describe, expect, it } from 'vitest';
import {
  MASTERCARD_PROVIDER_TYPES,
  serviceProviderLevelInputSchema,
  serviceProviderLevels,
  type MastercardProviderType,
  type ServiceProviderLevel,
} from './service-provider-level';

describe('Visa service-provider level', () => {
  it.each<[string, boolean, number, ServiceProviderLevel]>([
    ['299,999 transactions', false, 299_999, 2],
    ['exactly 300,000 transactions', false, 300_000, 2],
    ['300,001 transactions', false, 300_001, 1],
    ['a VisaNet processor with 10 transactions', true, 10, 1],
    ['a VisaNet processor with none', true, 0, 1],
  ])('%s gives Level %d', (_name, visaNetProcessor, annualTransactions, level) => {
    const parsed = serviceProviderLevelInputSchema.parse({
      visa: { visaNetProcessor, annualTransactions },
    });
    expect(serviceProviderLevels(parsed).visa.level).toBe(level);
  });
});

describe('Mastercard service-provider level', () => {
  const anyVolume: MastercardProviderType[] = [
    'third-party-processor',
    'staged-digital-wallet-operator',
    'digital-activity-service-provider',
    'token-service-provider',
    '3-d-secure-service-provider',
    'aml-sanctions-service-provider',
  ];

  it.each(anyVolume)('%s is Level 1 even with one transaction', (providerType) => {
    const parsed = serviceProviderLevelInputSchema.parse({
      mastercard: { providerType, annualTransactions: 1 },
    });
    const result = serviceProviderLevels(parsed).mastercard;
    expect(result.level).toBe(1);
    expect(result.reasons[0]).toContain('whatever its volume');
  });

  it.each<[MastercardProviderType, number, ServiceProviderLevel | null]>([
    ['data-storage-entity', 299_999, 2],
    ['data-storage-entity', 300_000, 2],
    ['data-storage-entity', 300_001, 1],
    ['payment-facilitator', 300_000, 2],
    ['payment-facilitator', 300_001, 1],
    ['terminal-servicer', 5_000_000, 2],
    ['none', 5_000_000, null],
  ])('%s with %d transactions gives %s', (providerType, annualTransactions, level) => {
    const parsed = serviceProviderLevelInputSchema.parse({
      mastercard: { providerType, annualTransactions },
    });
    expect(serviceProviderLevels(parsed).mastercard.level).toBe(level);
  });

  it('covers every provider type in the list', () => {
    for (const providerType of MASTERCARD_PROVIDER_TYPES) {
      const parsed = serviceProviderLevelInputSchema.parse({ mastercard: { providerType } });
      expect(serviceProviderLevels(parsed).mastercard.reasons.length).toBeGreaterThan(0);
    }
  });

  it('refuses an unknown provider type', () => {
    const parsed = serviceProviderLevelInputSchema.safeParse({
      mastercard: { providerType: 'acquirer' },
    });
    expect(parsed.success).toBe(false);
  });
});
