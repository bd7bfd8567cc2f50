import { randomBytes } from 'node:crypto';
import type { SigningIdentityOrigin, SigningIdentityView } from '../../../shared/api/ops/signing';
import {
  describePkcs12,
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
 * one. An imported PKCS#12 is packed again under such a passphrase, so the
 * one its owner typed is never kept. Made on the first export that needs
 * it, or when the person generates or imports one.
 */
export const SIGNING_IDENTITY_SETTING = 'organisationSigningIdentity';

export interface SigningIdentity {
  readonly p12: Uint8Array;
  readonly passphrase: string;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notAfter: string;
  readonly origin: SigningIdentityOrigin;
  readonly since: string | null;
}

interface StoredIdentity {
  readonly p12Base64: string;
  readonly passphrase: string;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notAfter: string;
  /** Absent in identities stored before imports existed: those were all generated. */
  readonly origin?: SigningIdentityOrigin;
  readonly since?: string;
}

/** A key and certificate ready to be kept, under a passphrase of the vault's choosing. */
export interface IdentityCandidate {
  readonly certificate: OrganisationCertificate;
  readonly passphrase: string;
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
    origin: stored.origin ?? 'generated',
    since: stored.since ?? null,
  };
}

/** What the page may see of the identity: the certificate's description, never the key. */
export function signingIdentityView(identity: SigningIdentity): SigningIdentityView {
  const described = describePkcs12(identity.p12, identity.passphrase);
  return {
    subject: described.subject,
    fingerprintSha256: described.fingerprintSha256,
    notBefore: described.notBefore,
    notAfter: described.notAfter,
    keyDescription: described.keyDescription,
    origin: identity.origin,
    since: identity.since,
  };
}

/** A random passphrase for a PKCS#12 the vault keeps. */
export function newStorePassphrase(): string {
  return randomBytes(24).toString('base64url');
}

/** Creates an identity for the organisation (slow: an RSA key) outside any transaction. */
export function newSigningIdentity(organisation: string, now: Date): IdentityCandidate {
  const passphrase = newStorePassphrase();
  return {
    certificate: generateOrganisationCertificate({ organisation, passphrase, now }),
    passphrase,
  };
}

function store(
  transaction: WriteTransaction,
  candidate: IdentityCandidate,
  origin: SigningIdentityOrigin,
  now: Date,
): void {
  const stored: StoredIdentity = {
    p12Base64: Buffer.from(candidate.certificate.p12).toString('base64'),
    passphrase: candidate.passphrase,
    fingerprintSha256: candidate.certificate.fingerprintSha256,
    subject: candidate.certificate.subject,
    notAfter: candidate.certificate.notAfter,
    origin,
    since: now.toISOString(),
  };
  transaction.database
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(SIGNING_IDENTITY_SETTING, JSON.stringify(stored), now.toISOString());
}

function storedOrFail(transaction: WriteTransaction): SigningIdentity {
  const kept = findSigningIdentity(transaction.database);
  if (kept === undefined) throw new Error('The signing identity was not stored.');
  return kept;
}

/** Stores a new identity unless one is there already (another window won); returns the kept one. */
export function keepSigningIdentity(
  transaction: WriteTransaction,
  made: IdentityCandidate,
  now: Date,
): SigningIdentity {
  const existing = findSigningIdentity(transaction.database);
  if (existing !== undefined) return existing;
  store(transaction, made, 'generated', now);
  transaction.audit({
    action: 'signing.certificate-created',
    subject: 'organisation-certificate',
    summary: `fingerprint ${made.certificate.fingerprintSha256}`,
  });
  return storedOrFail(transaction);
}

/**
 * Puts a generated or imported identity in place of the current one. The
 * audit entry names both fingerprints and nothing else: reports signed with
 * the old certificate still verify against the fingerprint recorded with
 * each export, and the key itself never appears outside the vault.
 */
export function replaceSigningIdentity(
  transaction: WriteTransaction,
  candidate: IdentityCandidate,
  origin: SigningIdentityOrigin,
  now: Date,
): SigningIdentity {
  const previous = findSigningIdentity(transaction.database);
  store(transaction, candidate, origin, now);
  transaction.audit({
    action:
      origin === 'imported' ? 'signing.certificate-imported' : 'signing.certificate-generated',
    subject: 'organisation-certificate',
    summary: `fingerprint ${previous?.fingerprintSha256 ?? 'none'} -> ${candidate.certificate.fingerprintSha256}`,
  });
  return storedOrFail(transaction);
}
