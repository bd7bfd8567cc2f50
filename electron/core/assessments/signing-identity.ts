import { randomBytes } from 'node:crypto';
import {
  generateOrganisationCertificate,
  type OrganisationCertificate,
} from '../signing/certificate';
import type { SqliteDatabase } from '../store/sqlite-binding';
import type { WriteTransaction } from '../vault/session';

/**
 * The organisation's signing identity as kept in the vault: the PKCS#12 and
 * the passphrase that opens it, in the (encrypted) settings table. The
 * passphrase is random and never shown: the vault's own encryption is what
 * protects the key; the PKCS#12 passphrase exists because the format wants
 * one. Made on the first export that needs it.
 */
export const SIGNING_IDENTITY_SETTING = 'organisationSigningIdentity';

export interface SigningIdentity {
  readonly p12: Uint8Array;
  readonly passphrase: string;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notAfter: string;
}

interface StoredIdentity {
  readonly p12Base64: string;
  readonly passphrase: string;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notAfter: string;
}

export function findSigningIdentity(database: SqliteDatabase): SigningIdentity | undefined {
  const row = database
    .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    .get(SIGNING_IDENTITY_SETTING);
  if (row === undefined) return undefined;
  const stored = JSON.parse(row.value) as StoredIdentity;
  return {
    p12: new Uint8Array(Buffer.from(stored.p12Base64, 'base64')),
    passphrase: stored.passphrase,
    fingerprintSha256: stored.fingerprintSha256,
    subject: stored.subject,
    notAfter: stored.notAfter,
  };
}

/** Creates an identity for the organisation (slow: an RSA key) outside any transaction. */
export function newSigningIdentity(
  organisation: string,
  now: Date,
): {
  readonly certificate: OrganisationCertificate;
  readonly passphrase: string;
} {
  const passphrase = randomBytes(24).toString('base64url');
  return {
    certificate: generateOrganisationCertificate({ organisation, passphrase, now }),
    passphrase,
  };
}

/** Stores a new identity unless one is there already (another window won); returns the kept one. */
export function keepSigningIdentity(
  transaction: WriteTransaction,
  made: ReturnType<typeof newSigningIdentity>,
  now: Date,
): SigningIdentity {
  const existing = findSigningIdentity(transaction.database);
  if (existing !== undefined) return existing;
  const stored: StoredIdentity = {
    p12Base64: Buffer.from(made.certificate.p12).toString('base64'),
    passphrase: made.passphrase,
    fingerprintSha256: made.certificate.fingerprintSha256,
    subject: made.certificate.subject,
    notAfter: made.certificate.notAfter,
  };
  transaction.database
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
    .run(SIGNING_IDENTITY_SETTING, JSON.stringify(stored), now.toISOString());
  transaction.audit({
    action: 'signing.certificate-created',
    subject: 'organisation-certificate',
    summary: `fingerprint ${made.certificate.fingerprintSha256}`,
  });
  const kept = findSigningIdentity(transaction.database);
  if (kept === undefined) throw new Error('The signing identity was not stored.');
  return kept;
}
