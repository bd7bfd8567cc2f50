import { z } from 'zod';
import { operation } from '../operation';

/**
 * The organisation's signing identity: the certificate and private key that
 * sign every exported report. The key stays inside the vault; the page sees
 * the certificate's description and can export the certificate alone.
 */

export type SigningIdentityOrigin = 'generated' | 'imported';

export interface SigningIdentityView {
  /** The certificate subject, ASCII, e.g. "CN=Example Shop attestation signing, O=Example Shop". */
  readonly subject: string;
  /** Lower-case hex SHA-256 of the certificate's DER: what the acquirer compares. */
  readonly fingerprintSha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly origin: SigningIdentityOrigin;
  /** "RSA 3072-bit". */
  readonly keyDescription: string;
  /** When the vault took this identity on; null for identities kept before this was recorded. */
  readonly since: string | null;
}

/** A PKCS#12's certificate as it would be kept: shown before it replaces the current one. */
export type SigningCertificatePreview = Omit<SigningIdentityView, 'origin' | 'since'>;

export interface ExportedCertificate {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly fingerprintSha256: string;
}

/** A PKCS#12 file is small; the page refuses larger files before sending them. */
export const MAX_PKCS12_FILE_BYTES = 256 * 1024;

/**
 * The schema lets through twice the base64 of the largest file, so that core
 * answers a file somewhat too large with TOO_LARGE and its limit rather than
 * a schema message; the doors' body limits stop anything bigger.
 */
const MAX_PKCS12_BASE64_CHARS = Math.ceil((MAX_PKCS12_FILE_BYTES * 2) / 3) * 4;

const pkcs12InputSchema = z
  .object({
    pkcs12Base64: z
      .string()
      .max(MAX_PKCS12_BASE64_CHARS)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    passphrase: z.string().max(1024),
  })
  .strict();

export const signingOperations = {
  /** The current identity, or null before the first export or generation made one. */
  getSigningIdentity: operation<SigningIdentityView | null>()(z.object({}).strict()),
  /**
   * Writes the certificate alone (DER, .cer) for the acquirer: to a place the
   * person chooses on the desktop, to the exports folder for download in
   * browser mode. Null when the person cancelled the save dialog.
   */
  exportSigningCertificate: operation<ExportedCertificate | null>()(z.object({}).strict()),
  /**
   * Replaces the identity with the key and certificate of a PKCS#12 file. The
   * file's passphrase is used once and never stored, logged or audited (its
   * field name keeps it out of the card-data scan too).
   */
  importSigningIdentity: operation<SigningIdentityView>()(pkcs12InputSchema),
  /**
   * Runs every check of the import on a PKCS#12 file and describes its
   * certificate, storing nothing: the page asks the person to confirm the
   * replacement with the new subject and fingerprint in front of them.
   */
  inspectSigningPkcs12: operation<SigningCertificatePreview>()(pkcs12InputSchema),
  /** Replaces the identity with a new self-signed certificate for the organisation named. */
  generateSigningIdentity: operation<SigningIdentityView>()(
    z.object({ organisation: z.string().trim().min(1).max(200) }).strict(),
    { long: true },
  ),
};
