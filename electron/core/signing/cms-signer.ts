import { createHash, sign, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/signpdf';
import forge from 'node-forge';

/**
 * A CMS SignedData signer (RFC 5652) for EC keys, which @signpdf/signer-p12
 * cannot use: node-forge signs with RSA only. The structure is the one that
 * signer makes (detached content, SHA-256, signed attributes content type,
 * signing time and message digest), assembled with forge's ASN.1 helpers and
 * signed by node:crypto (ECDSA, DER-encoded signature value).
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

const { Class, Type } = forge.asn1;
/** Context-specific tag [0]: forge keeps tag numbers in its universal-type field, where 0 is NONE. */
const TAG_0 = Type.NONE;

function node(type: forge.asn1.Type, value: string): forge.asn1.Asn1 {
  return forge.asn1.create(Class.UNIVERSAL, type, false, value);
}
function sequence(...items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
}
function set(...items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return forge.asn1.create(Class.UNIVERSAL, Type.SET, true, items);
}
function objectId(id: string): forge.asn1.Asn1 {
  return node(Type.OID, forge.asn1.oidToDer(id).getBytes());
}
function integer(value: number): forge.asn1.Asn1 {
  return node(Type.INTEGER, forge.asn1.integerToDer(value).getBytes());
}
function attribute(type: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return sequence(objectId(type), set(value));
}
function children(item: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (item === undefined || !Array.isArray(item.value)) throw new Error('unexpected certificate');
  return item.value;
}

/** A certificate as ASN.1 that re-encodes to exactly its DER (bit strings kept raw). */
function certificateNode(der: Buffer): forge.asn1.Asn1 {
  const fromDer = forge.asn1.fromDer as unknown as (
    bytes: forge.util.ByteBuffer,
    options: { strict: boolean; decodeBitStrings: boolean },
  ) => forge.asn1.Asn1;
  return fromDer(forge.util.createBuffer(der.toString('binary')), {
    strict: true,
    decodeBitStrings: false,
  });
}

export class KeyObjectSigner extends Signer {
  readonly #privateKey: KeyObject;
  readonly #certificates: readonly Buffer[];

  /** `certificates`: DER, the signer's own first. */
  constructor(privateKey: KeyObject, certificates: readonly Buffer[]) {
    super();
    this.#privateKey = privateKey;
    this.#certificates = certificates;
  }

  override sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const certificates = this.#certificates.map(certificateNode);
    const own = certificates[0];
    if (own === undefined) throw new Error('no certificate to sign with');
    const tbs = children(children(own)[0]);
    const hasVersion = tbs[0]?.tagClass === Class.CONTEXT_SPECIFIC;
    const serial = tbs[hasVersion ? 1 : 0];
    const issuer = tbs[hasVersion ? 3 : 2];
    if (serial === undefined || issuer === undefined) throw new Error('unexpected certificate');

    const digest = createHash('sha256').update(pdf).digest('binary');
    const attributes = [
      attribute(OID.contentType, objectId(OID.data)),
      attribute(
        OID.signingTime,
        node(Type.UTCTIME, forge.asn1.dateToUtcTime(signingTime ?? new Date())),
      ),
      attribute(OID.messageDigest, node(Type.OCTETSTRING, digest)),
    ];
    // The signature covers the attributes DER-encoded as a SET (RFC 5652, 5.4);
    // in the SignerInfo they sit under the implicit tag [0].
    const signedBytes = Buffer.from(forge.asn1.toDer(set(...attributes)).getBytes(), 'binary');
    const signature = sign('sha256', signedBytes, this.#privateKey);

    const sha256 = sequence(objectId(OID.sha256));
    const signerInfo = sequence(
      integer(1),
      sequence(issuer, serial),
      sha256,
      forge.asn1.create(Class.CONTEXT_SPECIFIC, TAG_0, true, attributes),
      sequence(objectId(OID.ecdsaWithSha256)),
      node(Type.OCTETSTRING, signature.toString('binary')),
    );
    const signedData = sequence(
      integer(1),
      set(sha256),
      sequence(objectId(OID.data)),
      forge.asn1.create(Class.CONTEXT_SPECIFIC, TAG_0, true, certificates),
      set(signerInfo),
    );
    const contentInfo = sequence(
      objectId(OID.signedData),
      forge.asn1.create(Class.CONTEXT_SPECIFIC, TAG_0, true, [signedData]),
    );
    return Promise.resolve(Buffer.from(forge.asn1.toDer(contentInfo).getBytes(), 'binary'));
  }
}
