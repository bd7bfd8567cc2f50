import { z } from 'zod';
import { calendarDateSchema } from '../../domain/calendar-date';
import { operation } from '../operation';

/**
 * Evidence: files that prove answer rows (scan reports, screenshots,
 * policies, configuration exports), kept inside the encrypted vault. Files
 * come in through the native file dialog, drag and drop or the browser-mode
 * upload route, never as a path from the page; a copy leaves the vault only
 * through the main side's save dialog or the CLI.
 */

export const EVIDENCE_KINDS = [
  'asv-scan',
  'service-provider-aoc',
  'penetration-test',
  'policy',
  'screenshot',
  'configuration',
  'other',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  'asv-scan': 'ASV scan report',
  'service-provider-aoc': 'Service provider AOC',
  'penetration-test': 'Penetration test',
  policy: 'Policy',
  screenshot: 'Screenshot',
  configuration: 'Configuration',
  other: 'Other',
};

/**
 * Whether the app could look inside the file for card data: `checked`, or
 * why not (images and scanned PDFs have no text to read; other binary
 * formats are not opened).
 */
export type EvidenceTextCheck =
  | 'checked'
  | 'image'
  | 'binary'
  | 'no-text-layer'
  | 'encrypted-pdf'
  | 'unreadable-pdf'
  | 'too-large';

export interface EvidenceLink {
  readonly assessmentId: string;
  readonly rowId: string;
  readonly linkedAt: string;
}

export interface EvidenceItem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The name the file had when added: text only, never a path. */
  readonly fileName: string;
  readonly mediaType: string;
  readonly kind: EvidenceKind;
  readonly sizeBytes: number;
  /** SHA-256 of the content, 64 hex digits; identical files share one stored copy. */
  readonly sha256: string;
  readonly addedOn: string;
  readonly effectiveOn: string | null;
  readonly expiresOn: string | null;
  /** The expiry date has passed (as of the day the item was read). */
  readonly expired: boolean;
  readonly textCheck: EvidenceTextCheck;
  readonly links: readonly EvidenceLink[];
  /** Counts saves of the metadata; sent back with an update to detect a concurrent change. */
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface EvidenceDeletion {
  readonly id: string;
  /** Whether the stored content went too (false when another item still uses it). */
  readonly contentRemoved: boolean;
}

export interface EvidenceContentRange {
  /** The bytes of the range, base64-encoded. */
  readonly base64: string;
  readonly offset: number;
  readonly length: number;
  readonly totalBytes: number;
  readonly mediaType: string;
}

/** Most bytes one `readEvidenceContent` call returns. */
export const MAX_EVIDENCE_READ_BYTES = 1024 * 1024;

/** The evidence size limit can be set from 1 MiB to 16 GiB (default 1 GiB). */
export const MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES = 16 * 1024;
export const DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES = 1024;

export function isEvidenceSizeLimit(mebibytes: number): boolean {
  return (
    Number.isInteger(mebibytes) && mebibytes >= 1 && mebibytes <= MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES
  );
}

/** The largest evidence file the vault accepts, and the default it can go back to. */
export interface EvidenceSizeLimit {
  readonly maxMebibytes: number;
  readonly defaultMebibytes: number;
}

const evidenceId = z.uuid();
const rowRef = {
  id: evidenceId,
  assessmentId: z.string().min(1).max(200),
  rowId: z.string().min(1).max(200),
};
const title = z.string().trim().min(1).max(200);
const description = z.string().max(4000);

/** What is known about a file when it is added. */
export const evidenceImportSchema = z
  .object({
    title,
    description: description.default(''),
    fileName: z.string().max(1024),
    mediaType: z.string().max(255).default('application/octet-stream'),
    kind: z.enum(EVIDENCE_KINDS),
    effectiveOn: calendarDateSchema.nullable().default(null),
    expiresOn: calendarDateSchema.nullable().default(null),
    /** The size announced by the sender (upload length, file size), checked before reading. */
    sizeBytes: z.number().int().nonnegative().optional(),
  })
  .strict();

export type EvidenceImport = z.input<typeof evidenceImportSchema>;

export const evidenceOperations = {
  listEvidence: operation<EvidenceItem[]>()(
    z
      .object({
        assessmentId: z.string().min(1).max(200).optional(),
        rowId: z.string().min(1).max(200).optional(),
      })
      .strict(),
  ),
  getEvidence: operation<EvidenceItem>()(z.object({ id: evidenceId }).strict()),
  updateEvidence: operation<EvidenceItem>()(
    z
      .object({
        id: evidenceId,
        expectedRevision: z.number().int().positive(),
        title: title.optional(),
        description: description.optional(),
        kind: z.enum(EVIDENCE_KINDS).optional(),
        effectiveOn: calendarDateSchema.nullable().optional(),
        expiresOn: calendarDateSchema.nullable().optional(),
      })
      .strict(),
  ),
  linkEvidence: operation<EvidenceItem>()(z.object(rowRef).strict()),
  unlinkEvidence: operation<EvidenceItem>()(z.object(rowRef).strict()),
  deleteEvidence: operation<EvidenceDeletion>()(
    z.object({ id: evidenceId, confirm: z.literal(true) }).strict(),
    { long: true },
  ),
  getEvidenceSizeLimit: operation<EvidenceSizeLimit>()(z.object({}).strict()),
  setEvidenceSizeLimit: operation<EvidenceSizeLimit>()(
    z
      .object({
        maxMebibytes: z.number().int().min(1).max(MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES),
      })
      .strict(),
  ),
  readEvidenceContent: operation<EvidenceContentRange>()(
    z
      .object({
        id: evidenceId,
        offset: z.number().int().nonnegative().default(0),
        length: z.number().int().positive().max(MAX_EVIDENCE_READ_BYTES),
      })
      .strict(),
  ),
};
