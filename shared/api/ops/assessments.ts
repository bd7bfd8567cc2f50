import { z } from 'zod';
import type { Principal } from '../../domain/answer-rows';
import { calendarDateSchema, type CalendarDate } from '../../domain/calendar-date';
import type { ConsistencyFinding, NotApplicableSuggestion } from '../../domain/consistency';
import {
  merchantLevelInputSchema,
  type MerchantLevelInput,
  type MerchantLevelResult,
} from '../../domain/merchant-level';
import type { Outcome, Part2gLine } from '../../domain/outcome';
import type { OutcomeSoFar } from '../../domain/outcome-so-far';
import type { AnswerProblem } from '../../domain/response-rules';
import { RESPONSES, type Response, type SaqType } from '../../domain/responses';
import {
  saqProfileSchema,
  type SaqProfile,
  type SaqRecommendation,
  type SaqSelection,
} from '../../domain/saq-recommendation';
import type { ValidationPath } from '../../domain/validation-path';
import { DEFINITION_ID_PATTERN } from '../../questionnaire/schema';
import { operation } from '../operation';

/**
 * Assessments: one SAQ for one period, from the merchant profile to the
 * signed attestation. Every screen of the wizard reads `getAssessment` and
 * saves its own part; `getReview` lists what stands between the draft and a
 * signature, each item with the place to fix it.
 *
 * Revisions: the sections of an assessment (profile, level, SAQ choice,
 * executive summary, attestation, due dates) share the assessment's
 * `revision`; each answer row has its own. A save may send the revision it
 * last saw as `expectedRevision` and is refused with STALE_REVISION when
 * another window saved in between. A signed assessment refuses every save
 * with ASSESSMENT_SIGNED until it is reopened.
 */

// ---------------------------------------------------------------- shared pieces

const assessmentId = z.uuid();
const shortText = z.string().max(300);
const text = z.string().max(4000);
const longText = z.string().max(20000);
const expectedRevision = z.number().int().nonnegative().optional();
const optionalDate = calendarDateSchema.nullable().default(null);

/** The wizard's screens, in order; review items and the resume position point at them. */
export const WIZARD_SCREENS = [
  'profile',
  'level',
  'saq',
  'summary',
  'questionnaire',
  'review',
  'attestation',
] as const;
export type WizardScreen = (typeof WIZARD_SCREENS)[number];

/** Where in the wizard something is: a screen, and on it a row or a field (dotted path). */
export interface WizardTarget {
  readonly screen: WizardScreen;
  readonly rowId?: string;
  readonly field?: string;
}

export const wizardTargetSchema = z
  .object({
    screen: z.enum(WIZARD_SCREENS),
    rowId: z.string().min(1).max(200).optional(),
    field: z.string().min(1).max(200).optional(),
  })
  .strict();

export type AssessmentStatus = 'draft' | 'signed';

export interface AnswerProgress {
  /** Answer rows with a response (placeholders never count). */
  readonly answered: number;
  readonly total: number;
}

// ---------------------------------------------------------------- Part 1

/** AOC Part 1a: the merchant. Fields may stay empty while a draft; the review lists them. */
export const merchantPart1aSchema = z
  .object({
    companyName: shortText.default(''),
    dba: shortText.default(''),
    mailingAddress: text.default(''),
    website: shortText.default(''),
    contactName: shortText.default(''),
    contactTitle: shortText.default(''),
    phone: shortText.default(''),
    email: shortText.default(''),
  })
  .strict();
export type MerchantPart1a = z.output<typeof merchantPart1aSchema>;

export const qsaDetailsSchema = z
  .object({
    companyName: shortText.default(''),
    mailingAddress: text.default(''),
    website: shortText.default(''),
    leadAssessorName: shortText.default(''),
    leadAssessorPhone: shortText.default(''),
    leadAssessorEmail: shortText.default(''),
    leadAssessorCertificate: shortText.default(''),
  })
  .strict();
export type QsaDetails = z.output<typeof qsaDetailsSchema>;

/** AOC Part 1b: the assessor, or none (empty ISA list and no QSA). */
export const assessorPart1bSchema = z
  .object({
    isaNames: z.array(shortText).max(20).default([]),
    qsa: qsaDetailsSchema.nullable().default(null),
  })
  .strict();
export type AssessorPart1b = z.output<typeof assessorPart1bSchema>;

// ---------------------------------------------------------------- Part 2

export const executiveSummarySchema = z
  .object({
    /** 2a: the channels the business accepts, and any left out of this assessment and why. */
    paymentChannels: z
      .object({
        mailTelephoneOrder: z.boolean().default(false),
        eCommerce: z.boolean().default(false),
        cardPresent: z.boolean().default(false),
        excluded: text.nullable().default(null),
      })
      .strict()
      .default({ mailTelephoneOrder: false, eCommerce: false, cardPresent: false, excluded: null }),
    /** 2b: per channel, how the business stores, processes or transmits account data. */
    cardholderFunctions: z
      .array(z.object({ channel: shortText, how: text }).strict())
      .max(20)
      .default([]),
    /** 2c */
    environment: z
      .object({
        description: longText.default(''),
        segmentationUsed: z.boolean().nullable().default(null),
        segmentationNote: text.default(''),
      })
      .strict()
      .default({ description: '', segmentationUsed: null, segmentationNote: '' }),
    /** 2d */
    locations: z
      .array(
        z
          .object({
            facilityType: shortText,
            count: z.number().int().nonnegative().max(1_000_000),
            cityCountry: shortText,
          })
          .strict(),
      )
      .max(200)
      .default([]),
    /** 2e: PCI SSC validated products and solutions in use. */
    validatedProducts: z
      .object({
        used: z.boolean().default(false),
        products: z
          .array(
            z
              .object({
                name: shortText,
                version: shortText.default(''),
                standard: shortText.default(''),
                listingReference: shortText.default(''),
                expiryDate: shortText.default(''),
              })
              .strict(),
          )
          .max(100)
          .default([]),
      })
      .strict()
      .default({ used: false, products: [] }),
    /** 2f */
    serviceProviders: z
      .object({
        storeProcessTransmit: z.boolean().default(false),
        manageComponents: z.boolean().default(false),
        couldAffectSecurity: z.boolean().default(false),
        /**
         * Per provider, Part 2f's three questions. Null (or absent, in data saved
         * before the app asked them) means not asked; the review lists it as missing.
         */
        providers: z
          .array(
            z
              .object({
                name: shortText,
                services: text.default(''),
                storeProcessTransmit: z.boolean().nullable().default(null),
                manageComponents: z.boolean().nullable().default(null),
                couldAffectSecurity: z.boolean().nullable().default(null),
              })
              .strict(),
          )
          .max(200)
          .default([]),
      })
      .strict()
      .default({
        storeProcessTransmit: false,
        manageComponents: false,
        couldAffectSecurity: false,
        providers: [],
      }),
    /** Whether any account data is kept on paper (feeds the assessor consistency checks). */
    keepsPaperRecords: z.boolean().nullable().default(null),
    /** 2h: ids of the SAQ's eligibility statements the merchant confirms. */
    eligibilityConfirmed: z.array(z.string().min(1).max(100)).max(50).default([]),
  })
  .strict();
export type ExecutiveSummary = z.output<typeof executiveSummarySchema>;

// ---------------------------------------------------------------- answers

export const ccwWorksheetSchema = z
  .object({
    constraints: longText.optional(),
    objective: longText.optional(),
    identifiedRisk: longText.optional(),
    definition: longText.optional(),
    validation: longText.optional(),
    maintenance: longText.optional(),
  })
  .strict();

/** What a response carries besides itself; see shared/domain/answer-rows.ts ResponsePayload. */
export const responsePayloadSchema = z
  .object({
    ccw: ccwWorksheetSchema.optional(),
    notApplicableExplanation: longText.optional(),
    notTestedExplanation: longText.optional(),
    legalException: z.object({ howLawPrevents: longText }).strict().optional(),
  })
  .strict();
export type AnswerPayloadInput = z.output<typeof responsePayloadSchema>;

export interface AssessmentAnswer {
  readonly rowId: string;
  readonly response: Response | null;
  readonly payload: AnswerPayloadInput;
  readonly notes: string;
  /** Copied from last year's assessment and not saved again since: to re-confirm. */
  readonly carriedOver: boolean;
  /** 1 after the first save; send it back as `expectedRevision` (0 for a row never saved). */
  readonly revision: number;
  readonly updatedAt: string;
  /** What the response still needs (explanation, worksheet); empty when the row is done. */
  readonly problems: readonly AnswerProblem[];
}

// ---------------------------------------------------------------- Part 3 and 4

/**
 * Part 3a acknowledgements, in our own words. `asvOnly` statements apply only
 * where the SAQ asks requirement 11.3.2.
 */
export const PART_3A_ACKNOWLEDGEMENTS = [
  {
    id: 'instructions-followed',
    statement:
      'This SAQ was completed following the instructions that come with it, and the ' +
      'eligibility criteria of the SAQ type were checked.',
    asvOnly: false,
  },
  {
    id: 'accurate-representation',
    statement:
      'All information in this SAQ and its attestation fairly represents the results of the ' +
      'assessment in all material respects.',
    asvOnly: false,
  },
  {
    id: 'controls-maintained',
    statement:
      'PCI DSS controls will be maintained at all times, as they apply to this environment.',
    asvOnly: false,
  },
  {
    id: 'asv-scans',
    statement:
      'Where the environment has Internet-facing systems in scope, the required external ' +
      'vulnerability scans are performed by a PCI SSC Approved Scanning Vendor.',
    asvOnly: true,
  },
] as const;
export type AcknowledgementId = (typeof PART_3A_ACKNOWLEDGEMENTS)[number]['id'];

/** The largest drawn signature accepted, as a data URL (about 190 KiB of PNG). */
export const MAX_SIGNATURE_DATA_URL_CHARS = 256 * 1024;

export const signatureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('typed'), text: z.string().trim().min(1).max(200) }).strict(),
  z
    .object({
      kind: z.literal('drawn'),
      pngDataUrl: z
        .string()
        .max(MAX_SIGNATURE_DATA_URL_CHARS)
        .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/),
    })
    .strict(),
]);
export type AttestationSignature = z.output<typeof signatureSchema>;

/**
 * Part 3c (QSA) or 3d (ISA): who took part and how. Their own signature lines
 * are left blank for them to sign; the names are printed under those lines.
 */
export const assessorInvolvementSchema = z
  .object({
    role: z.enum(['performed-testing', 'other-assistance']),
    description: text.default(''),
    /** The QSA company, or for an ISA the merchant's own company. */
    company: shortText.default(''),
    /** The people who took part, one signature line each. */
    names: z.array(shortText).max(20).default([]),
  })
  .strict();
export type AssessorInvolvement = z.output<typeof assessorInvolvementSchema>;

export const remediationEntrySchema = z
  .object({ remediationDate: optionalDate, actions: text.default('') })
  .strict();

export const attestationSchema = z
  .object({
    /** Part 3: one date for a Non-Compliant result. */
    targetDateForCompliance: optionalDate,
    /** The self-assessment completion date. */
    completionDate: optionalDate,
    /** Part 3a: ids from PART_3A_ACKNOWLEDGEMENTS that the signer ticks. */
    acknowledgements: z.array(z.string().min(1).max(100)).max(20).default([]),
    /** Part 3b */
    signer: z
      .object({
        name: shortText.default(''),
        title: shortText.default(''),
        date: optionalDate,
        signature: signatureSchema.nullable().default(null),
      })
      .strict()
      .default({ name: '', title: '', date: null, signature: null }),
    /** Part 3c: a QSA took part; its signature line stays blank. */
    qsaInvolvement: assessorInvolvementSchema.nullable().default(null),
    /** Part 3d: an ISA took part; its signature line stays blank. */
    isaInvolvement: assessorInvolvementSchema.nullable().default(null),
    /** Part 4 is filled in only when the acquirer or brand asks for it. */
    acquirerAskedForActionPlan: z.boolean().default(false),
    /** Part 4, by principal requirement ("1".."12", "A2"). */
    actionPlan: z.record(z.string().max(3), remediationEntrySchema).default({}),
  })
  .strict();
export type AttestationInput = z.output<typeof attestationSchema>;

export interface LegalExceptionLine {
  readonly rowId: string;
  readonly howLawPrevents: string;
}

export interface ActionPlanView {
  readonly principal: Principal;
  readonly label: string;
  readonly compliant: boolean;
  readonly openRowIds: readonly string[];
  readonly remediationDate: CalendarDate | null;
  readonly actions: string;
}

export interface AttestationView extends AttestationInput {
  /** Part 3 as computed from the answers, for display only. */
  readonly outcome: Outcome;
  readonly legalExceptions: readonly LegalExceptionLine[];
  /** Which Part 3a statements apply to this SAQ, with the signer's ticks. */
  readonly acknowledgementList: readonly {
    readonly id: string;
    readonly statement: string;
    readonly confirmed: boolean;
  }[];
  /** Part 4 lines (empty unless the acquirer asked and the result is Non-Compliant). */
  readonly actionPlanLines: readonly ActionPlanView[];
}

// ---------------------------------------------------------------- summaries and details

export type DueItemKind =
  'annual-attestation' | 'asv-scan' | 'service-provider-reconfirmation' | 'evidence-expiry';

export interface DueItem {
  readonly kind: DueItemKind;
  /** Null when nothing is on record yet, so it is due now. */
  readonly dueOn: CalendarDate | null;
  /** due-soon: within 30 days. */
  readonly status: 'overdue' | 'due-soon' | 'upcoming' | 'due-now';
  readonly message: string;
  /** For evidence-expiry: the evidence item. */
  readonly evidenceId?: string;
}

export interface AssessmentSummary {
  readonly id: string;
  readonly title: string;
  readonly saqType: SaqType;
  readonly questionnaireId: string;
  readonly companyName: string;
  readonly periodStart: CalendarDate | null;
  readonly periodEnd: CalendarDate | null;
  readonly status: AssessmentStatus;
  readonly progress: AnswerProgress;
  /**
   * The Part 3 result as the answers stand, or 'in-progress' while any answer
   * row is still unanswered (label: outcomeSoFarLabel in shared/domain).
   */
  readonly outcome: OutcomeSoFar;
  /** Signed once, reopened, and changed since. */
  readonly changedSinceSigned: boolean;
  readonly signedAt: string | null;
  readonly due: readonly DueItem[];
  /**
   * The pinned questionnaire is no longer on this computer (a user definition
   * removed): progress and outcome cannot be computed and the assessment
   * cannot be opened until the definition is back.
   */
  readonly questionnaireMissing?: boolean;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PinnedQuestionnaire {
  readonly id: string;
  readonly saqType: SaqType;
  readonly title: string;
  readonly version: string;
  readonly revision: number | null;
  readonly sha256: string;
  readonly official: boolean;
  /** The definition on disk no longer has the pinned SHA-256 (edited or replaced). */
  readonly definitionChanged: boolean;
}

export interface SigningRecord {
  readonly signedAt: string;
  readonly auditHead: string;
  readonly auditLength: number;
}

export interface DueDates {
  /** Recorded by hand when no ASV scan report is in the evidence. */
  readonly lastPassingAsvScanOn: CalendarDate | null;
  readonly serviceProvidersConfirmedOn: CalendarDate | null;
}

export interface AssessmentDetail {
  readonly summary: AssessmentSummary;
  readonly questionnaire: PinnedQuestionnaire;
  readonly merchant: MerchantPart1a;
  readonly assessor: AssessorPart1b;
  readonly level: {
    readonly inputs: MerchantLevelInput | null;
    readonly result: MerchantLevelResult | null;
    readonly validationPath: ValidationPath | null;
  };
  readonly saqChoice: {
    /** The eligibility questions as answered; null until saved. */
    readonly profile: SaqProfile | null;
    readonly recommendation: SaqRecommendation | null;
    readonly selection: SaqSelection | null;
  };
  readonly executiveSummary: ExecutiveSummary;
  /** 2h: the SAQ's statements with the merchant's confirmations. */
  readonly eligibility: readonly {
    readonly id: string;
    readonly statement: string;
    readonly confirmed: boolean;
  }[];
  /** Saved answers only, in questionnaire order; a row without an entry is unanswered. */
  readonly answers: readonly AssessmentAnswer[];
  readonly outcome: Outcome;
  readonly attestation: AttestationView;
  readonly dueDates: DueDates;
  readonly resume: WizardTarget | null;
  readonly signing: SigningRecord | null;
  /** The assessment this one was started from (next year's), if any. */
  readonly previousAssessmentId: string | null;
  /** Exports made before the last reopening no longer match the record. */
  readonly exportsStale: boolean;
  /** Reports exported from this assessment, oldest first. */
  readonly exports: readonly ExportedReport[];
}

export type ReportVariantChoice = 'full' | 'aoc';

export interface ExportedReport {
  /** The file's name in the app's `exports` folder (browser mode) or the name written. */
  readonly fileName: string;
  readonly variant: ReportVariantChoice;
  readonly bytes: number;
  /** SHA-256 of the PDF written. */
  readonly sha256: string;
  readonly exportedAt: string;
  /** The organisation certificate's SHA-256 fingerprint: what the acquirer checks. */
  readonly certificateFingerprint: string;
  /** Made before the assessment was last reopened: no longer matches the record. */
  readonly stale: boolean;
}

export type ReviewSeverity = 'missing' | 'invalid' | 'inconsistent' | 'reconfirm' | 'advice';

export interface ReviewItem {
  readonly severity: ReviewSeverity;
  readonly message: string;
  readonly target: WizardTarget;
  /** The assessment cannot be signed while this stands. */
  readonly blocksSigning: boolean;
}

export interface AssessmentReview {
  readonly items: readonly ReviewItem[];
  readonly outcome: Outcome;
  readonly part2g: readonly Part2gLine[];
  readonly consistency: readonly ConsistencyFinding[];
  readonly notApplicableSuggestions: readonly NotApplicableSuggestion[];
  readonly progress: AnswerProgress;
  /** No item blocks signing. */
  readonly readyToSign: boolean;
}

export interface SavedAnswer {
  readonly answer: AssessmentAnswer;
  readonly progress: AnswerProgress;
  readonly outcome: OutcomeSoFar;
}

/** Returned by every section save: the new assessment revision to send next time. */
export interface SavedSection {
  readonly revision: number;
  readonly updatedAt: string;
}

export interface NextYearAssessment {
  readonly assessment: AssessmentSummary;
  /** Rows whose answer was copied as a draft to re-confirm. */
  readonly copiedRowIds: readonly string[];
  /** Rows of the new questionnaire that last year's did not have. */
  readonly addedRowIds: readonly string[];
  /** Rows answered last year that the new questionnaire no longer has. */
  readonly removedRowIds: readonly string[];
  readonly evidenceLinksKept: number;
  /** Evidence still linked but past its expiry date: to replace. */
  readonly expiredEvidence: readonly {
    readonly evidenceId: string;
    readonly title: string;
    readonly expiresOn: CalendarDate | null;
    readonly rowIds: readonly string[];
  }[];
}

// ---------------------------------------------------------------- operations

const sectionRef = { assessmentId, expectedRevision };

export const assessmentOperations = {
  listAssessments: operation<AssessmentSummary[]>()(z.object({}).strict()),

  createAssessment: operation<AssessmentSummary>()(
    z
      .object({
        questionnaireId: z.string().regex(DEFINITION_ID_PATTERN),
        title: shortText.optional(),
        periodStart: optionalDate,
        periodEnd: optionalDate,
        companyName: shortText.optional(),
      })
      .strict(),
  ),

  createNextYearAssessment: operation<NextYearAssessment>()(
    z
      .object({
        previousAssessmentId: assessmentId,
        /** Defaults to the previous assessment's questionnaire id. */
        questionnaireId: z.string().regex(DEFINITION_ID_PATTERN).optional(),
        title: shortText.optional(),
        periodStart: optionalDate,
        periodEnd: optionalDate,
      })
      .strict(),
  ),

  getAssessment: operation<AssessmentDetail>()(z.object({ assessmentId }).strict()),

  /**
   * The title and the period the assessment covers, after creation. The
   * period must read as one annual assessment (see shared/domain/assessment-period.ts);
   * INVALID_INPUT names the field that is wrong.
   */
  saveAssessmentDetails: operation<SavedSection>()(
    z
      .object({
        ...sectionRef,
        title: shortText,
        periodStart: optionalDate,
        periodEnd: optionalDate,
      })
      .strict(),
  ),

  saveMerchantProfile: operation<SavedSection>()(
    z
      .object({
        ...sectionRef,
        merchant: merchantPart1aSchema,
        assessor: assessorPart1bSchema,
      })
      .strict(),
  ),

  saveLevelInputs: operation<
    SavedSection & { result: MerchantLevelResult; validationPath: ValidationPath }
  >()(z.object({ ...sectionRef, inputs: merchantLevelInputSchema }).strict()),

  /**
   * The eligibility answers and the chosen SAQ. Choosing another questionnaire
   * than the pinned one re-pins the assessment (answers stay under their row
   * ids); choosing other than recommended needs `overrideReason` (audited).
   */
  saveSaqChoice: operation<
    SavedSection & {
      recommendation: SaqRecommendation;
      selection: SaqSelection;
      questionnaire: PinnedQuestionnaire;
    }
  >()(
    z
      .object({
        ...sectionRef,
        profile: saqProfileSchema,
        questionnaireId: z.string().regex(DEFINITION_ID_PATTERN),
        overrideReason: text.optional(),
      })
      .strict(),
  ),

  /**
   * The eligibility answers alone, saved as they are given; the chosen SAQ
   * stays as it was. Where the answers now recommend another SAQ, the saved
   * choice counts as an override and the review asks for its reason.
   */
  saveSaqAnswers: operation<SavedSection & { recommendation: SaqRecommendation }>()(
    z.object({ ...sectionRef, profile: saqProfileSchema }).strict(),
  ),

  saveExecutiveSummary: operation<SavedSection>()(
    z.object({ ...sectionRef, summary: executiveSummarySchema }).strict(),
  ),

  saveDueDates: operation<SavedSection>()(
    z
      .object({
        ...sectionRef,
        lastPassingAsvScanOn: optionalDate,
        serviceProvidersConfirmedOn: optionalDate,
      })
      .strict(),
  ),

  saveAnswer: operation<SavedAnswer>()(
    z
      .object({
        assessmentId,
        rowId: z.string().min(1).max(200),
        response: z.enum(RESPONSES).nullable(),
        payload: responsePayloadSchema.default({}),
        notes: longText.default(''),
        /** The row's revision as last seen (0 when it was unanswered). */
        expectedRevision,
      })
      .strict(),
  ),

  setResumePosition: operation<{ readonly ok: true }>()(
    z.object({ assessmentId, position: wizardTargetSchema }).strict(),
  ),

  getReview: operation<AssessmentReview>()(z.object({ assessmentId }).strict()),

  saveAttestation: operation<SavedSection>()(
    z.object({ ...sectionRef, attestation: attestationSchema }).strict(),
  ),

  /** Refused with INVALID_INPUT (path = first blocking item's target) unless the review allows it. */
  signAssessment: operation<SigningRecord & { readonly summary: AssessmentSummary }>()(
    z.object({ ...sectionRef }).strict(),
  ),

  /**
   * Renders the signed assessment's report (full record, or the AOC alone for
   * the acquirer), signs it with the organisation certificate kept in the
   * vault (made on first use) and writes it to the app's `exports` folder.
   * Long: reports progress by stage and can be cancelled.
   */
  exportReport: operation<ExportedReport>()(
    z.object({ assessmentId, variant: z.enum(['full', 'aoc']).default('full') }).strict(),
    { long: true },
  ),

  reopenAssessment: operation<AssessmentSummary>()(
    z.object({ assessmentId, reason: text.refine((value) => value.trim() !== '') }).strict(),
  ),
};
