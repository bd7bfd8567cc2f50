import type { Response, SaqType } from '../../../shared/domain/responses';

/**
 * Everything the attestation report prints, as plain data. The report never
 * reads the vault itself: the caller maps an assessment onto this model, so
 * rendering can run in a worker thread and be tested from fixtures.
 *
 * Text fields hold the user's words exactly as entered (NFC); dates are
 * calendar dates `YYYY-MM-DD` unless stated otherwise.
 */
export interface ReportModel {
  readonly saq: SaqEdition;
  /** The questionnaire definition the answers were given against. */
  readonly definition: DefinitionStamp;
  /** Section 2: the self-assessment completion date. */
  readonly completionDate: string;
  /** When this report was produced (ISO 8601 with time zone); printed in UTC to the minute. */
  readonly generatedAt: string;
  readonly merchant: MerchantPart1a;
  readonly assessor: AssessorPart1b;
  readonly executiveSummary: ExecutiveSummaryPart2;
  /** Section 2, every row in the SAQ's order, per-bullet rows included. */
  readonly answers: readonly AnswerRow[];
  readonly validation: ValidationPart3;
  readonly acknowledgements: readonly Acknowledgement[];
  readonly merchantAttestation: MerchantAttestationPart3b;
  /** Part 3c; null when no QSA was involved. */
  readonly qsaInvolvement: AssessorInvolvement | null;
  /** Part 3d; null when no ISA was involved. */
  readonly isaInvolvement: AssessorInvolvement | null;
  /** Part 4; null unless the receiving entity asked for an action plan. */
  readonly actionPlan: readonly ActionPlanRow[] | null;
  readonly evidence: readonly EvidenceEntry[];
  readonly audit: AuditStamp;
}

export interface SaqEdition {
  readonly type: SaqType;
  /** As printed, e.g. "SAQ A" or "SAQ D for Merchants". */
  readonly name: string;
  /** The PCI DSS version, e.g. "4.0.1". */
  readonly standardVersion: string;
  /** The SAQ's own revision, e.g. "Revision 1 (January 2025)"; null for the first edition. */
  readonly revision: string | null;
}

export interface DefinitionStamp {
  /** Lower-case hex SHA-256 of the definition file the answers were given against. */
  readonly sha256: string;
  /** True when the definition is one shipped with the app, false for an edited or imported one. */
  readonly official: boolean;
}

export interface MerchantPart1a {
  readonly companyName: string;
  readonly dba: string;
  readonly mailingAddress: string;
  readonly website: string;
  readonly contactName: string;
  readonly contactTitle: string;
  readonly phone: string;
  readonly email: string;
}

export interface AssessorPart1b {
  /** Internal Security Assessor names; empty when none. */
  readonly isaNames: readonly string[];
  /** The QSA company and lead assessor; null when no QSA was involved. */
  readonly qsa: QsaDetails | null;
}

export interface QsaDetails {
  readonly companyName: string;
  readonly mailingAddress: string;
  readonly website: string;
  readonly leadAssessorName: string;
  readonly leadAssessorPhone: string;
  readonly leadAssessorEmail: string;
  readonly leadAssessorCertificate: string;
}

export interface ExecutiveSummaryPart2 {
  /** 2a */
  readonly paymentChannels: PaymentChannels;
  /** 2b: how the business stores, processes or transmits account data, per channel. */
  readonly cardholderFunctions: readonly { readonly channel: string; readonly how: string }[];
  /** 2c */
  readonly environment: {
    readonly description: string;
    readonly segmentationUsed: boolean;
    readonly segmentationNote: string;
  };
  /** 2d */
  readonly locations: readonly {
    readonly facilityType: string;
    readonly count: number;
    readonly cityCountry: string;
  }[];
  /** 2e */
  readonly validatedProducts: {
    readonly used: boolean;
    readonly products: readonly ValidatedProduct[];
  };
  /** 2f */
  readonly serviceProviders: ServiceProviders;
  /** 2g: one row per principal requirement, with every response used in it. */
  readonly summary: readonly SummaryRow[];
  /** 2h: the SAQ's eligibility statements; empty for SAQ D, which has none. */
  readonly eligibility: readonly { readonly statement: string; readonly confirmed: boolean }[];
}

export interface PaymentChannels {
  readonly mailTelephoneOrder: boolean;
  readonly eCommerce: boolean;
  readonly cardPresent: boolean;
  /** Channels left out of this assessment and why; null when none is left out. */
  readonly excluded: string | null;
}

export interface ValidatedProduct {
  readonly name: string;
  readonly version: string;
  readonly standard: string;
  readonly listingReference: string;
  readonly expiryDate: string;
}

/**
 * Part 2f's three questions, for the merchant as a whole and per provider:
 * null when the merchant was not asked (printed "Not asked").
 */
export interface ServiceProviders {
  readonly storeProcessTransmit: boolean | null;
  readonly manageComponents: boolean | null;
  readonly couldAffectSecurity: boolean | null;
  readonly providers: readonly ServiceProvider[];
}

export interface ServiceProvider {
  readonly name: string;
  readonly services: string;
  readonly storeProcessTransmit: boolean | null;
  readonly manageComponents: boolean | null;
  readonly couldAffectSecurity: boolean | null;
}

export interface SummaryRow {
  /** "1" to "12", or "A2". */
  readonly requirement: string;
  readonly title: string;
  /** Every response used for this principal requirement, in the order of RESPONSES. */
  readonly responses: readonly Response[];
}

export interface AnswerRow {
  /** The requirement ID, e.g. "8.3.6". */
  readonly id: string;
  /** Set when the SAQ asks this requirement once per bullet. */
  readonly bullet: { readonly index: number; readonly label: string } | null;
  /** The app's own short summary of the requirement. */
  readonly summary: string;
  /** Null for a row the SAQ shows without response boxes (e.g. service-provider only). */
  readonly response: Response | null;
  /** Appendix B, required by "In Place with CCW". */
  readonly compensatingControls: CompensatingControlsWorksheet | null;
  /** Appendix C, required by "Not Applicable". */
  readonly notApplicableReason: string | null;
  /** Appendix D (SAQ D only), required by "Not Tested". */
  readonly notTested: { readonly description: string; readonly reason: string } | null;
  /** Set when a "Not in Place" is due to a legal restriction: how the law prevents it. */
  readonly legalException: string | null;
}

/** The six parts of an Appendix B worksheet. */
export interface CompensatingControlsWorksheet {
  readonly constraints: string;
  readonly definition: string;
  readonly objective: string;
  readonly identifiedRisk: string;
  readonly validation: string;
  readonly maintenance: string;
}

export type Outcome = 'compliant' | 'non-compliant' | 'compliant-legal-exception';

export interface ValidationPart3 {
  readonly outcome: Outcome;
  /** SAQ D only: whether anything was Not Tested. Null for other SAQs. */
  readonly assessmentScope: 'full' | 'partial' | null;
  /** Required when non-compliant. */
  readonly targetDateForCompliance: string | null;
  readonly legalExceptions: readonly {
    readonly requirement: string;
    readonly restriction: string;
  }[];
}

export interface Acknowledgement {
  readonly statement: string;
  readonly confirmed: boolean;
}

export type AttestationSignature =
  | { readonly kind: 'typed'; readonly text: string }
  /** A PNG drawn by the signer; it crosses to the worker by structured clone. */
  | { readonly kind: 'drawn'; readonly png: Uint8Array };

export interface MerchantAttestationPart3b {
  /** The executive officer's exact name, any script; also the PDF signature's name. */
  readonly signerName: string;
  readonly signerTitle: string;
  readonly date: string;
  readonly signature: AttestationSignature;
}

export interface AssessorInvolvement {
  readonly role: 'performed-testing' | 'other-assistance';
  readonly description: string;
  /** The assessor's company (for an ISA, the merchant's own). */
  readonly company: string;
  /** Names printed under the signature lines, which stay blank for a wet signature. */
  readonly names: readonly string[];
}

export interface ActionPlanRow {
  readonly requirement: string;
  readonly title: string;
  readonly compliant: boolean;
  readonly remediationDate: string | null;
  readonly actions: string | null;
}

export interface EvidenceEntry {
  readonly title: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the file's content. */
  readonly sha256: string;
  /** The answer rows the file supports, e.g. ["8.3.6", "12.5.2 (bullet 3)"]. */
  readonly rows: readonly string[];
}

export interface AuditStamp {
  /** Hash of the newest audit-trail entry (lower-case hex). */
  readonly head: string;
  /** Number of entries in the chain. */
  readonly length: number;
}

/** The full record, or the Attestation of Compliance alone (Sections 1 and 3) for the acquirer. */
export type ReportVariant = 'full' | 'aoc';

/** "SAQ A, PCI DSS v4.0.1, Revision 1 (January 2025)": how the report names what it records. */
export function saqEditionLabel(saq: SaqEdition): string {
  const base = `${saq.name}, PCI DSS v${saq.standardVersion}`;
  return saq.revision === null ? base : `${base}, ${saq.revision}`;
}
