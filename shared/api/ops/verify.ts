import { z } from 'zod';
import type { ChosenFile } from './files';
import { operation } from '../operation';
import { normaliseFingerprintText, SHA256_FINGERPRINT } from '../uploads';

/**
 * Checking a signed report someone sent or exported: needs no vault, so it
 * works before unlocking. The file reaches core as a handle (the desktop's
 * open dialog, a drop, or browser mode's upload route), never as a path.
 */

export interface ReportVerification {
  /** The file's own name, for display. */
  readonly fileName: string;
  /** True only when every check passed (and the fingerprint matched, when one was given). */
  readonly intact: boolean;
  /**
   * True when the file is unchanged since it was signed with the certificate
   * inside it, whatever the fingerprint comparison said. Says nothing about who
   * signed: only a fingerprint got from the merchant separately does.
   */
  readonly documentUnchanged: boolean;
  /** Every failed check, in plain words; empty when intact. */
  readonly problems: readonly string[];
  /** Lower-case hex SHA-256 of the signing certificate; null when none could be read. */
  readonly certificateFingerprint: string | null;
  /** Null when no fingerprint was expected. */
  readonly fingerprintMatches: boolean | null;
  /** The signer's name from the signature (any script). */
  readonly signerName: string | null;
  readonly certificateSubject: string | null;
  /** ISO 8601, as claimed by the signer's clock: nothing independent vouches for it. */
  readonly claimedSigningTime: string | null;
}

/** Hex with or without colons or spaces, any case; empty means "not given". */
export const expectedFingerprintSchema = z
  .string()
  .max(200)
  .transform(normaliseFingerprintText)
  .refine(
    (value) => value === '' || SHA256_FINGERPRINT.test(value),
    'A SHA-256 fingerprint is 64 hexadecimal digits (colons and spaces are allowed).',
  );

export const verifyOperations = {
  /** Opens the system's file dialog for a PDF; null when the person cancelled it. */
  chooseReportToVerify: operation<ChosenFile | null>()(z.object({}).strict()),
  /** Checks the signature of the report behind the handle (usable again until it expires). */
  verifyReport: operation<ReportVerification>()(
    z
      .object({ handle: z.uuid(), expectedFingerprint: expectedFingerprintSchema.optional() })
      .strict(),
  ),
};
