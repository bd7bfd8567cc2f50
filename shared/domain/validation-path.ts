import type { MerchantLevelResult } from './merchant-level';
import type { ServiceProviderLevelResult } from './service-provider-level';

/**
 * What a level obliges the business to submit, per brand, and what that
 * means for this app: at Level 1 the SAQ is only a gap assessment, and where
 * a QSA or internal security assessor must take part, the assessor section of
 * the attestation (AOC Part 1b) becomes required.
 */

export type ValidationRoute =
  /** A Report on Compliance by an assessor; an SAQ is not accepted as validation. */
  | 'report-on-compliance'
  /** Mastercard Level 2: an onsite assessment or an SAQ, either one done by a QSA or ISA. */
  | 'assessment-or-saq-by-assessor'
  | 'self-assessment'
  /** Level 4: the acquirer decides what, if anything, must be submitted. */
  | 'acquirer-decides';

export type AssessorRequirement =
  | 'none'
  | 'qsa'
  /** A QSA, or the merchant's internal auditor with an officer signing. */
  | 'qsa-or-internal-auditor'
  /** A QSA or a PCI SSC certified Internal Security Assessor (ISA). */
  | 'qsa-or-isa';

/**
 * When quarterly ASV scans are due. Under a ROC they always are; under an SAQ
 * they follow from whether that SAQ asks requirement 11.3.2 (see asv-schedule).
 */
export type AsvScanDuty = 'quarterly' | 'when-saq-includes-11.3.2';

export interface BrandValidationPath {
  readonly brand: 'visa' | 'mastercard';
  readonly level: number;
  readonly route: ValidationRoute;
  readonly assessor: AssessorRequirement;
  readonly asvScans: AsvScanDuty;
  readonly attestationOfCompliance: boolean;
  /** What to submit, in plain words. */
  readonly summary: string;
}

export interface ValidationPath {
  readonly brands: readonly BrandValidationPath[];
  /** Some brand wants a Report on Compliance. */
  readonly reportOnComplianceRequired: boolean;
  /** The SAQ made in this app is then a gap assessment, not the validation itself. */
  readonly saqIsGapAssessment: boolean;
  /** AOC Part 1b (assessor names, company, certificate) must be filled in. */
  readonly assessorDetailsRequired: boolean;
  /** Plain-words notices for the screen, most important first. */
  readonly notices: readonly string[];
}

const GAP_ASSESSMENT_NOTICE =
  'At Level 1 you validate with a Report on Compliance by an assessor. An SAQ made here is ' +
  'a gap assessment to prepare for it; it does not replace the report.';

const ASSESSOR_NOTICE =
  'Mastercard Level 2: a QSA or a PCI-certified Internal Security Assessor (ISA) must do or ' +
  'take part in the assessment, so their details in the assessor section are required.';

const ASV_NOTICE =
  'Quarterly external vulnerability scans by an Approved Scanning Vendor (ASV) are due when ' +
  'the SAQ you complete includes requirement 11.3.2.';

function merchantPath(brand: 'visa' | 'mastercard', level: number): BrandValidationPath {
  const base = { brand, level, attestationOfCompliance: true };

  if (level === 1) {
    return {
      ...base,
      route: 'report-on-compliance',
      assessor: brand === 'visa' ? 'qsa-or-internal-auditor' : 'qsa-or-isa',
      asvScans: 'quarterly',
      summary:
        brand === 'visa'
          ? 'Every year a Report on Compliance by a QSA (or by your internal auditor, signed ' +
            'by an officer of the company), quarterly ASV scans and an Attestation of Compliance.'
          : 'Every year an onsite assessment (Report on Compliance) by a QSA or a ' +
            'PCI-certified ISA, quarterly ASV scans and an Attestation of Compliance.',
    };
  }
  if (level === 2 && brand === 'mastercard') {
    return {
      ...base,
      route: 'assessment-or-saq-by-assessor',
      assessor: 'qsa-or-isa',
      asvScans: 'when-saq-includes-11.3.2',
      summary:
        'Every year an onsite assessment or an SAQ, either one done by a QSA or a ' +
        'PCI-certified ISA, plus an Attestation of Compliance and ASV scans where required.',
    };
  }
  if (level === 2 || level === 3) {
    return {
      ...base,
      route: 'self-assessment',
      assessor: 'none',
      asvScans: 'when-saq-includes-11.3.2',
      summary:
        'Every year an SAQ and an Attestation of Compliance, with quarterly ASV scans where ' +
        'the SAQ asks for them.',
    };
  }
  return {
    ...base,
    route: 'acquirer-decides',
    assessor: 'none',
    asvScans: 'when-saq-includes-11.3.2',
    summary:
      'You must comply with PCI DSS; your acquirer says what to submit. An SAQ with an ' +
      'Attestation of Compliance is the usual way, with ASV scans where the SAQ asks for them.',
  };
}

function combine(brands: readonly BrandValidationPath[]): ValidationPath {
  const reportOnComplianceRequired = brands.some((brand) => brand.route === 'report-on-compliance');
  const assessorDetailsRequired = brands.some(
    (brand) => brand.route === 'assessment-or-saq-by-assessor',
  );
  const notices = [
    ...(reportOnComplianceRequired ? [GAP_ASSESSMENT_NOTICE] : []),
    ...(assessorDetailsRequired ? [ASSESSOR_NOTICE] : []),
    ASV_NOTICE,
    'Send the documents to your acquirer; it decides what it accepts.',
  ];

  return {
    brands,
    reportOnComplianceRequired,
    saqIsGapAssessment: reportOnComplianceRequired,
    assessorDetailsRequired,
    notices,
  };
}

export function merchantValidationPath(levels: MerchantLevelResult): ValidationPath {
  return combine([
    merchantPath('visa', levels.visa.level),
    merchantPath('mastercard', levels.mastercard.level),
  ]);
}

export function serviceProviderValidationPath(levels: ServiceProviderLevelResult): ValidationPath {
  const paths: BrandValidationPath[] = [];

  for (const brandLevel of [levels.visa, levels.mastercard]) {
    if (brandLevel.level === null) continue;
    const base = {
      brand: brandLevel.brand,
      level: brandLevel.level,
      attestationOfCompliance: true,
    };

    paths.push(
      brandLevel.level === 1
        ? {
            ...base,
            route: 'report-on-compliance',
            assessor: 'qsa',
            asvScans: 'quarterly',
            summary:
              'Every year a Report on Compliance by a QSA, quarterly ASV scans and an ' +
              'Attestation of Compliance.',
          }
        : {
            ...base,
            route: 'self-assessment',
            assessor: 'none',
            asvScans: 'when-saq-includes-11.3.2',
            summary:
              'Every year SAQ D for Service Providers with its Attestation of Compliance, and ' +
              'quarterly ASV scans.',
          },
    );
  }

  return combine(paths);
}
