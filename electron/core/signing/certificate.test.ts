import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  certificateFingerprint,
  describePkcs12,
  exportCertificate,
  generateOrganisationCertificate,
  importPkcs12,
  MAX_PKCS12_BYTES,
  normaliseFingerprint,
  type OrganisationCertificate,
} from './certificate';
import { daysFromNow, makePkcs12, opensslPkcs12 } from './testing';
import { asciiSubjectValue } from './transliterate';

const PASSPHRASE = 'organisation passphrase';
const NOW = new Date('2026-12-01T10:00:00Z');
let generated: OrganisationCertificate;

beforeAll(() => {
  generated = generateOrganisationCertificate({
    organisation: 'Ωmega Βιβλία Café',
    country: 'gr',
    passphrase: PASSPHRASE,
    now: NOW,
  });
});

function problemOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return error.problem;
    throw error;
  }
  return 'none';
}

describe('the organisation certificate', () => {
  it('has an ASCII subject transliterated from the organisation name, valid for three years', () => {
    expect(generated.subject).toBe(
      'CN=Omega Vivlia Cafe attestation signing, O=Omega Vivlia Cafe, C=GR',
    );
    expect(generated.notAfter.slice(0, 10)).toBe('2029-12-01');
    expect(generated.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('opens again with its passphrase and not without it', () => {
    const reopen = (p12: Uint8Array, passphrase: string) =>
      importPkcs12(p12, { passphrase, storePassphrase: 'kept', now: NOW });

    expect(reopen(generated.p12, PASSPHRASE).fingerprintSha256).toBe(generated.fingerprintSha256);
    expect(problemOf(() => reopen(generated.p12, 'wrong'))).toBe('wrong-passphrase');
    expect(problemOf(() => reopen(new Uint8Array([1, 2, 3, 4]), PASSPHRASE))).toBe('not-pkcs12');
  });

  it('exports the certificate alone as DER and PEM with the same fingerprint', () => {
    const der = exportCertificate(generated.p12, PASSPHRASE, 'der');
    const pem = Buffer.from(exportCertificate(generated.p12, PASSPHRASE, 'pem')).toString('ascii');

    expect(createHash('sha256').update(der).digest('hex')).toBe(generated.fingerprintSha256);
    expect(certificateFingerprint(der)).toBe(generated.fingerprintSha256);
    expect(
      certificateFingerprint(
        Buffer.from(exportCertificate(generated.p12, PASSPHRASE, 'pem')).toString('ascii'),
      ),
    ).toBe(generated.fingerprintSha256);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).not.toContain('PRIVATE KEY');
    expect(normaliseFingerprint(new X509Certificate(pem).fingerprint256)).toBe(
      generated.fingerprintSha256,
    );
  });

  it('is read by openssl the same way (PKCS#12 MAC and fingerprint)', () => {
    const result = spawnSync(
      'openssl',
      ['pkcs12', '-nokeys', '-clcerts', '-passin', `pass:${PASSPHRASE}`],
      { input: Buffer.from(generated.p12) },
    );
    if (result.error !== undefined) throw result.error;
    const pem = result.stdout.toString('ascii');

    expect(result.status).toBe(0);
    expect(
      normaliseFingerprint(
        new X509Certificate(pem.slice(pem.indexOf('-----BEGIN'))).fingerprint256,
      ),
    ).toBe(generated.fingerprintSha256);
  });
});

function importProblem(p12: Uint8Array, passphrase = 'pw'): string {
  return problemOf(() => importPkcs12(p12, { passphrase, storePassphrase: 'kept' }));
}

describe('importing a PKCS#12', () => {
  it('keeps a good one under the vault passphrase only, with the same certificate', () => {
    const imported = importPkcs12(makePkcs12({ keyUsage: 'sign' }), {
      passphrase: 'pw',
      storePassphrase: 'kept',
    });

    expect(imported.subject).toBe('CN=Imported signer');
    expect(imported.keyDescription).toBe('RSA 2048-bit');
    expect(describePkcs12(imported.p12, 'kept').fingerprintSha256).toBe(imported.fingerprintSha256);
    expect(problemOf(() => describePkcs12(imported.p12, 'pw'))).toBe('wrong-passphrase');
  });

  it.each([
    ['a key that is not the certificate’s', { foreignKey: true }, 'key-mismatch'],
    ['an RSA key under 2048 bits', { bits: 1024 }, 'weak-key'],
    ['an expired certificate', { notAfter: daysFromNow(-1) }, 'expired'],
    ['a certificate not valid yet', { notBefore: daysFromNow(30) }, 'not-yet-valid'],
    ['a certificate signed with SHA-1', { digest: 'sha1' }, 'weak-hash'],
    ['a key usage without signing', { keyUsage: 'encipher-only' }, 'no-signing-usage'],
  ] as const)('refuses %s', (_, shape, problem) => {
    expect(importProblem(makePkcs12(shape))).toBe(problem);
  });

  it('refuses a wrong passphrase, bytes that are not a PKCS#12, and anything over 256 KiB', () => {
    expect(importProblem(makePkcs12(), 'not the passphrase')).toBe('wrong-passphrase');
    expect(importProblem(new Uint8Array(Buffer.from('%PDF-1.7 not a key store')))).toBe(
      'not-pkcs12',
    );
    expect(importProblem(new Uint8Array(MAX_PKCS12_BYTES + 1))).toBe('too-large');
  });

  it('reads what openssl makes by default (AES, PBKDF2, SHA-256 MAC): RSA, EC P-256 and P-384', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pci-saq-p12-'));
    try {
      for (const [name, key, description] of [
        ['rsa', { rsaBits: 2048 }, 'RSA 2048-bit'],
        ['p256', { curve: 'P-256' }, 'EC P-256'],
        ['p384', { curve: 'P-384' }, 'EC P-384'],
      ] as const) {
        const made = opensslPkcs12(folder, name, key, 'open sesame');
        const imported = importPkcs12(made.p12, {
          passphrase: 'open sesame',
          storePassphrase: 'kept',
        });

        expect(imported).toMatchObject({
          fingerprintSha256: made.fingerprint,
          subject: `CN=${name} signer, O=Example Shop`,
          keyDescription: description,
        });
        expect(describePkcs12(imported.p12, 'kept').fingerprintSha256).toBe(made.fingerprint);
        const der = exportCertificate(imported.p12, 'kept', 'der');
        expect(createHash('sha256').update(der).digest('hex')).toBe(made.fingerprint);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses EC keys on other curves', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pci-saq-p12-'));
    try {
      const made = opensslPkcs12(folder, 'k256', { curve: 'secp256k1' }, 'pw');

      expect(() => importPkcs12(made.p12, { passphrase: 'pw', storePassphrase: 'kept' })).toThrow(
        'the key is EC secp256k1; EC keys must be on P-256 or P-384',
      );
      expect(importProblem(made.p12)).toBe('unsupported-key');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('asciiSubjectValue', () => {
  it.each([
    ['Zoë Łukasiewicz-Núñez', 'Zoe Lukasiewicz-Nunez'],
    ['Straße & Søn Ærø', 'Strasse & Son AEro'],
    ['Σοφία Παπαδοπούλου', 'Sofia Papadopoulou'],
    ['Ёлка Щукина', 'Elka Shchukina'],
    ['ООО «Книжная лавка»', 'OOO ?Knizhnaya lavka?'],
    ['王小明 Books', '??? Books'],
    ['  spaced\tout  ', 'spaced out'],
  ])('%s -> %s', (input, expected) => {
    expect(asciiSubjectValue(input, 'Merchant')).toBe(expected);
  });

  it('falls back when nothing readable is left', () => {
    expect(asciiSubjectValue('北京书店', 'Merchant')).toBe('Merchant');
  });
});
