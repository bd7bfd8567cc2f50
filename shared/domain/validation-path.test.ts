import { describe, expect, it } from 'vitest';
import { merchantLevelInputSchema, merchantLevels } from './merchant-level';
import { serviceProviderLevelInputSchema, serviceProviderLevels } from './service-provider-level';
import {
  merchantValidationPath,
  serviceProviderValidationPath,
  type AssessorRequirement,
  type ValidationRoute,
} from './validation-path';

function pathFor(visaTotal: number, mastercardTotal: number, compromise = false) {
  const levels = merchantLevels(
    merchantLevelInputSchema.parse({
      visa: { cardPresent: visaTotal },
      mastercard: { cardPresent: mastercardTotal },
      accountDataCompromise: compromise,
    }),
  );
  return merchantValidationPath(levels);
}

describe('merchant validation path per brand level', () => {
  it.each<[string, number, number, ValidationRoute, AssessorRequirement, ValidationRoute]>([
    ['both Level 4', 100, 100, 'acquirer-decides', 'none', 'acquirer-decides'],
    ['both Level 2', 2_000_000, 0, 'self-assessment', 'none', 'assessment-or-saq-by-assessor'],
    [
      'Visa Level 1',
      7_000_000,
      0,
      'report-on-compliance',
      'qsa-or-internal-auditor',
      'report-on-compliance',
    ],
    [
      'Mastercard Level 2 only',
      0,
      2_000_000,
      'acquirer-decides',
      'none',
      'assessment-or-saq-by-assessor',
    ],
  ])('%s', (_name, visaTotal, mastercardTotal, visaRoute, visaAssessor, mastercardRoute) => {
    const path = pathFor(visaTotal, mastercardTotal);
    const [visa, mastercard] = path.brands;
    expect(visa?.route).toBe(visaRoute);
    expect(visa?.assessor).toBe(visaAssessor);
    expect(mastercard?.route).toBe(mastercardRoute);
  });

  it('Level 1 makes the SAQ a gap assessment and says so', () => {
    const path = pathFor(0, 0, true);
    expect(path.reportOnComplianceRequired).toBe(true);
    expect(path.saqIsGapAssessment).toBe(true);
    expect(path.notices[0]).toContain('gap assessment');
    expect(path.brands[1]?.assessor).toBe('qsa-or-isa');
    expect(path.brands[1]?.asvScans).toBe('quarterly');
  });

  it('Mastercard Level 2 makes the assessor details required', () => {
    const path = pathFor(0, 1_500_000);
    expect(path.assessorDetailsRequired).toBe(true);
    expect(path.saqIsGapAssessment).toBe(false);
    expect(path.notices[0]).toContain('assessor section');
  });

  it('Visa Level 2 alone needs no assessor', () => {
    const path = merchantValidationPath(
      merchantLevels(merchantLevelInputSchema.parse({ visa: { cardPresent: 2_000_000 } })),
    );
    // Mastercard follows Visa to Level 2, and at Mastercard Level 2 an assessor is needed.
    expect(path.brands[0]?.assessor).toBe('none');
    expect(path.assessorDetailsRequired).toBe(true);
  });

  it('under an SAQ the ASV duty follows the SAQ, and an AOC is always due', () => {
    const path = pathFor(100, 100);
    for (const brand of path.brands) {
      expect(brand.asvScans).toBe('when-saq-includes-11.3.2');
      expect(brand.attestationOfCompliance).toBe(true);
    }
    expect(path.notices.join(' ')).toContain('11.3.2');
  });
});

describe('service-provider validation path', () => {
  it('Level 1 needs a ROC by a QSA; Level 2 an SAQ D for Service Providers', () => {
    const levels = serviceProviderLevels(
      serviceProviderLevelInputSchema.parse({
        visa: { annualTransactions: 300_001 },
        mastercard: { providerType: 'terminal-servicer' },
      }),
    );
    const path = serviceProviderValidationPath(levels);
    expect(path.brands.map((brand) => [brand.brand, brand.route, brand.assessor])).toEqual([
      ['visa', 'report-on-compliance', 'qsa'],
      ['mastercard', 'self-assessment', 'none'],
    ]);
    expect(path.brands[1]?.summary).toContain('SAQ D for Service Providers');
    expect(path.saqIsGapAssessment).toBe(true);
  });

  it('leaves out a brand for which the business provides no service', () => {
    const levels = serviceProviderLevels(
      serviceProviderLevelInputSchema.parse({ visa: { annualTransactions: 10 } }),
    );
    const path = serviceProviderValidationPath(levels);
    expect(path.brands.map((brand) => brand.brand)).toEqual(['visa']);
    expect(path.reportOnComplianceRequired).toBe(false);
  });
});
