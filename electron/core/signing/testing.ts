import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * PKCS#12 files for tests, made the way other tools make them (RSA keys from
 * node:crypto, certificates from forge), each shaped to hit one of the
 * import checks.
 */
export interface Pkcs12Shape {
  readonly bits?: number;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly digest?: 'sha256' | 'sha1';
  readonly keyUsage?: 'sign' | 'encipher-only';
  readonly commonName?: string;
  /** Pack a different key than the certificate's. */
  readonly foreignKey?: boolean;
}

export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}

/** A PKCS#12 (valid from yesterday for two years unless shaped otherwise) as another tool would make it, shaped to hit one check at a time. */
export function makePkcs12(shape: Pkcs12Shape = {}, passphrase = 'pw'): Uint8Array {
  const keyPair = () => {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: shape.bits ?? 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    return {
      publicKey: forge.pki.publicKeyFromPem(pair.publicKey),
      privateKey: forge.pki.privateKeyFromPem(pair.privateKey),
    };
  };
  const keys = keyPair();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = '01';
  certificate.validity.notBefore = shape.notBefore ?? daysFromNow(-1);
  certificate.validity.notAfter = shape.notAfter ?? daysFromNow(730);
  certificate.setSubject([{ name: 'commonName', value: shape.commonName ?? 'Imported signer' }]);
  certificate.setIssuer([{ name: 'commonName', value: shape.commonName ?? 'Imported signer' }]);
  if (shape.keyUsage !== undefined) {
    certificate.setExtensions([
      shape.keyUsage === 'sign'
        ? { name: 'keyUsage', digitalSignature: true }
        : { name: 'keyUsage', keyEncipherment: true },
    ]);
  }
  certificate.sign(
    keys.privateKey,
    (shape.digest === 'sha1' ? forge.md.sha1 : forge.md.sha256).create(),
  );
  const packed = shape.foreignKey === true ? keyPair().privateKey : keys.privateKey;
  return new Uint8Array(
    Buffer.from(
      forge.asn1
        .toDer(forge.pkcs12.toPkcs12Asn1(packed, [certificate], passphrase, { algorithm: '3des' }))
        .getBytes(),
      'binary',
    ),
  );
}

/**
 * A key, a self-signed certificate valid 30 days and a PKCS#12 made by the
 * openssl command in `folder` (openssl 3's defaults: AES-256, PBKDF2, a
 * SHA-256 MAC). `key` is openssl's -newkey argument: "rsa:2048", or "ec" with
 * a curve such as "P-384". Returns the PKCS#12 bytes and the certificate's
 * fingerprint as openssl computes it (lower-case hex).
 */
export function opensslPkcs12(
  folder: string,
  name: string,
  key: { readonly rsaBits: number } | { readonly curve: string },
  password: string,
): { readonly p12: Uint8Array; readonly fingerprint: string } {
  const run = (args: readonly string[]): string => {
    const result = spawnSync('openssl', args, { cwd: folder, encoding: 'utf8' });
    if (result.error !== undefined) throw result.error;
    if (result.status !== 0) throw new Error(`openssl ${args[0] ?? ''}: ${result.stderr}`);
    return result.stdout;
  };
  const keyArgs =
    'rsaBits' in key
      ? ['-newkey', `rsa:${String(key.rsaBits)}`]
      : ['-newkey', 'ec', '-pkeyopt', `ec_paramgen_curve:${key.curve}`];
  run([
    'req',
    '-x509',
    ...keyArgs,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '30',
    '-subj',
    `/CN=${name} signer/O=Example Shop`,
  ]);
  run([
    'pkcs12',
    '-export',
    '-inkey',
    `${name}.key`,
    '-in',
    `${name}.pem`,
    '-out',
    `${name}.p12`,
    '-passout',
    `pass:${password}`,
  ]);
  const printed = run(['x509', '-in', `${name}.pem`, '-noout', '-fingerprint', '-sha256']);
  return {
    p12: new Uint8Array(readFileSync(join(folder, `${name}.p12`))),
    fingerprint: (/Fingerprint=([0-9A-F:]+)/i.exec(printed)?.[1] ?? '')
      .replace(/:/g, '')
      .toLowerCase(),
  };
}
