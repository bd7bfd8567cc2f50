import { z } from 'zod';
import {
  assessorPart1bSchema,
  attestationSchema,
  executiveSummarySchema,
  merchantPart1aSchema,
  responsePayloadSchema,
} from '../api/ops/assessments';
import { EVIDENCE_KINDS } from '../api/ops/evidence';
import { calendarDateSchema } from '../domain/calendar-date';
import { merchantLevelInputSchema } from '../domain/merchant-level';
import { RESPONSES, SAQ_TYPES } from '../domain/responses';
import { saqProfileSchema } from '../domain/saq-recommendation';
import { DEFINITION_ID_PATTERN } from '../questionnaire/schema';

/**
 * The portable form of one whole assessment: what `pci-saq export --format
 * json|bundle` writes and `pci-saq import` reads. One strict schema: every
 * object refuses keys it does not name, so a file that says more than this
 * format knows is refused rather than half understood. The wizard's pieces
 * (Part 1a, Part 2, the response payloads, Part 3) reuse the operation
 * schemas, so a file holds exactly what the wizard could have saved.
 *
 * docs/portable-format.md describes the format for people; the JSON Schema
 * beside this file is generated from it.
 */

export const PORTABLE_FORMAT = 'pci-saq-assessment';
export const PORTABLE_FORMAT_VERSION = 1;

/** Limits checked on the raw text before it is parsed. */
export const PORTABLE_LIMITS = {
  /** The JSON document (evidence files travel beside it, not inside it). */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** Objects and arrays nested deeper than this are refused before parsing. */
  maxDepth: 32,
  maxAnswers: 2000,
  maxEvidence: 1000,
} as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const sha256 = z.string().regex(SHA256_HEX, 'Expected 64 lowercase hex digits (SHA-256).');
const shortText = z.string().max(300);
const text = z.string().max(4000);
const longText = z.string().max(20000);
const rowId = z.string().min(1).max(200);
const date = calendarDateSchema.nullable();

/** Where an evidence file sits inside a bundle: always `evidence/` and its SHA-256. */
export const EVIDENCE_ENTRY_PATTERN = /^evidence\/([0-9a-f]{64})$/;
export const evidenceEntryName = (hash: string): string => `evidence/${hash}`;

export const portableSaqSelectionSchema = z
  .object({
    saq: z.enum(SAQ_TYPES),
    recommended: z.enum(SAQ_TYPES).nullable(),
    overridden: z.boolean(),
    /** Why another SAQ than the recommended one was chosen; needed when overridden. */
    reason: text.nullable(),
  })
  .strict();

export const portableAnswerSchema = z
  .object({
    rowId,
    response: z.enum(RESPONSES).nullable(),
    /** Worksheet (Appendix B), N/A or Not Tested explanation, legal exception. */
    payload: responsePayloadSchema,
    notes: longText,
  })
  .strict();
export type PortableAnswer = z.output<typeof portableAnswerSchema>;

export const portableEvidenceSchema = z
  .object({
    /** The file's place in a bundle; nothing else than `evidence/<sha256>` is accepted. */
    file: z.string().regex(EVIDENCE_ENTRY_PATTERN, 'Expected "evidence/" and the SHA-256.'),
    sha256,
    sizeBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    title: z.string().trim().min(1).max(200),
    description: text,
    /** The name the file had when added: a name, never a path. */
    fileName: z
      .string()
      .min(1)
      .max(255)
      .refine((name) => !/[\\/]/.test(name) && name !== '.' && name !== '..', {
        error: 'A file name, not a path.',
      }),
    mediaType: shortText,
    kind: z.enum(EVIDENCE_KINDS),
    effectiveOn: date,
    expiresOn: date,
    /** The answer rows this file supports. */
    rows: z.array(rowId).max(500),
  })
  .strict();
export type PortableEvidence = z.output<typeof portableEvidenceSchema>;

export const portableAssessmentSchema = z
  .object({
    format: z.literal(PORTABLE_FORMAT),
    formatVersion: z.literal(PORTABLE_FORMAT_VERSION),
    exportedAt: z.iso.datetime({ offset: true }),
    generator: z.object({ app: shortText, version: shortText }).strict(),
    assessment: z
      .object({
        title: shortText,
        periodStart: date,
        periodEnd: date,
        /** Signed in the sending vault; an import is always a draft here (the signing is only noted). */
        status: z.enum(['draft', 'signed']),
        signedAt: z.iso.datetime({ offset: true }).nullable(),
        /** The questionnaire definition the answers were given against, pinned by SHA-256. */
        questionnaire: z
          .object({
            id: z.string().regex(DEFINITION_ID_PATTERN),
            saqType: z.enum(SAQ_TYPES),
            version: shortText,
            sha256,
          })
          .strict(),
        /** AOC Part 1a and 1b. */
        merchant: merchantPart1aSchema,
        assessor: assessorPart1bSchema,
        /** Transaction counts per brand and channel (merchant level). */
        levelInputs: merchantLevelInputSchema.nullable(),
        saqChoice: z
          .object({
            /** The eligibility questions as answered. */
            profile: saqProfileSchema.nullable(),
            selection: portableSaqSelectionSchema.nullable(),
          })
          .strict(),
        /** AOC Part 2, with the 2h eligibility confirmations. */
        executiveSummary: executiveSummarySchema,
        dueDates: z
          .object({ lastPassingAsvScanOn: date, serviceProvidersConfirmedOn: date })
          .strict(),
        answers: z.array(portableAnswerSchema).max(PORTABLE_LIMITS.maxAnswers),
        /** AOC Part 3 (and Part 4); null until the attestation screen was saved. */
        attestation: attestationSchema.nullable(),
      })
      .strict(),
    evidence: z.array(portableEvidenceSchema).max(PORTABLE_LIMITS.maxEvidence),
  })
  .strict();

export type PortableAssessment = z.output<typeof portableAssessmentSchema>;
export type PortableAssessmentInput = z.input<typeof portableAssessmentSchema>;
