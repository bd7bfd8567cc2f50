import { generateKeyPairSync } from 'node:crypto';
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
