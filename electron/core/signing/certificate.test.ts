import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  certificateFingerprint,
  exportCertificate,
  generateOrganisationCertificate,
  importPkcs12,
  normaliseFingerprint,
  type OrganisationCertificate,
} from './certificate';
import { asciiSubjectValue } from './transliterate';

const PASSPHRASE = 'organisation passphrase';
let generated: OrganisationCertificate;

beforeAll(() => {
  generated = generateOrganisationCertificate({
    organisation: 'Ωmega Βιβλία Café',
    country: 'gr',
    passphrase: PASSPHRASE,
    now: new Date('2026-12-01T10:00:00Z'),
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
    expect(importPkcs12(generated.p12, PASSPHRASE).fingerprintSha256).toBe(
      generated.fingerprintSha256,
    );
    expect(problemOf(() => importPkcs12(generated.p12, 'wrong'))).toBe('wrong-passphrase');
    expect(problemOf(() => importPkcs12(new Uint8Array([1, 2, 3, 4]), PASSPHRASE))).toBe(
      'not-pkcs12',
    );
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

  it('imports a PKCS#12 made elsewhere and refuses one whose key is not its certificate’s', () => {
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const other = forge.pki.rsa.generateKeyPair(1024);
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = keys.publicKey;
    certificate.serialNumber = '01';
    certificate.validity.notBefore = new Date('2026-01-01T00:00:00Z');
    certificate.validity.notAfter = new Date('2028-01-01T00:00:00Z');
    certificate.setSubject([{ name: 'commonName', value: 'Imported signer' }]);
    certificate.setIssuer([{ name: 'commonName', value: 'Imported signer' }]);
    certificate.sign(keys.privateKey, forge.md.sha256.create());
    const pack = (key: forge.pki.rsa.PrivateKey) =>
      new Uint8Array(
        Buffer.from(
          forge.asn1
            .toDer(forge.pkcs12.toPkcs12Asn1(key, [certificate], 'pw', { algorithm: '3des' }))
            .getBytes(),
          'binary',
        ),
      );

    expect(importPkcs12(pack(keys.privateKey), 'pw').subject).toBe('CN=Imported signer');
    expect(problemOf(() => importPkcs12(pack(other.privateKey), 'pw'))).toBe('key-mismatch');
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
