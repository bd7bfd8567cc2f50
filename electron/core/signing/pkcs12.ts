import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Reading and writing PKCS#12 files (RFC 7292) for any key kind. node-forge
 * decrypts and checks the file, but parses only RSA keys and certificates;
 * other kinds (EC) it leaves as ASN.1, which node:crypto then reads. Keys and
 * certificates travel here as PKCS#8 and DER, whatever their kind.
 */

export type CertificateProblem =
  | 'too-large'
  | 'not-pkcs12'
  | 'wrong-passphrase'
  | 'no-key'
  | 'no-certificate'
  | 'key-mismatch'
  | 'unsupported-key'
  | 'weak-key'
  | 'expired'
  | 'not-yet-valid'
  | 'weak-hash'
  | 'no-signing-usage';

/** A PKCS#12 that cannot be used, with a reason the UI can turn into a sentence. */
export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  constructor(
    readonly problem: CertificateProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface OpenedPkcs12 {
  readonly privateKey: KeyObject;
  /** The key as a PKCS#8 PrivateKeyInfo, for packing it again. */
  readonly privateKeyInfo: forge.asn1.Asn1;
  /** DER certificates: the key's own first (when one matches), then the rest. */
  readonly certificates: readonly Buffer[];
}

/** PKCS#12 bag types and content types (forge's `oids` table is typed as optional strings). */
const OID = {
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  data: '1.2.840.113549.1.7.1',
  sha1: '1.3.14.3.2.26',
  friendlyName: '1.2.840.113549.1.9.20',
} as const;

/** What forge leaves in a bag: the parsed RSA object, or the raw ASN.1 of anything else. */
interface KeyBag {
  key?: forge.pki.rsa.PrivateKey | null;
  asn1?: forge.asn1.Asn1;
}
interface CertBag {
  cert?: forge.pki.Certificate | null;
  asn1?: forge.asn1.Asn1;
}

function der(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** Opens a PKCS#12 with its passphrase; refuses with a CertificateError. */
export function readPkcs12(p12: Uint8Array, passphrase: string): OpenedPkcs12 {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
  } catch (error) {
    // forge reports a failed integrity check (the usual sign of a wrong
    // passphrase) in its message; anything else means the bytes are not a PKCS#12.
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password|wrong password/i.test(message)) {
      throw new CertificateError(
        'wrong-passphrase',
        'the password does not open this PKCS#12 file',
      );
    }
    throw new CertificateError('not-pkcs12', 'the file is not a PKCS#12 (.p12/.pfx)');
  }

  const keyBags: KeyBag[] = [
    ...(parsed.getBags({ bagType: OID.shroudedKeyBag })[OID.shroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: OID.keyBag })[OID.keyBag] ?? []),
  ];
  const bag = keyBags.find((candidate) => candidate.key != null || candidate.asn1 !== undefined);
  const privateKeyInfo =
    bag?.key != null ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag?.asn1;
  if (privateKeyInfo === undefined) {
    throw new CertificateError('no-key', 'the PKCS#12 holds no private key');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: der(privateKeyInfo), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CertificateError('unsupported-key', 'the private key in the PKCS#12 cannot be read');
  }

  const certBags: CertBag[] = parsed.getBags({ bagType: OID.certBag })[OID.certBag] ?? [];
  const certificates = certBags.flatMap((candidate) => {
    if (candidate.cert != null) return [der(forge.pki.certificateToAsn1(candidate.cert))];
    return candidate.asn1 === undefined ? [] : [der(candidate.asn1)];
  });
  if (certificates.length === 0) {
    throw new CertificateError('no-certificate', 'the PKCS#12 holds no certificate');
  }
  const publicKey = spki(createPublicKey(privateKey));
  const own = certificates.findIndex((certificate) =>
    spki(new X509Certificate(certificate).publicKey).equals(publicKey),
  );
  const ordered =
    own <= 0
      ? certificates
      : [certificates[own] ?? Buffer.alloc(0), ...certificates.filter((_, at) => at !== own)];
  return { privateKey, privateKeyInfo, certificates: ordered };
}

function sequence(...items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, items);
}
function objectId(id: string): forge.asn1.Asn1 {
  return forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.OID,
    false,
    forge.asn1.oidToDer(id).getBytes(),
  );
}
function octets(bytes: string): forge.asn1.Asn1 {
  return forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OCTETSTRING, false, bytes);
}
/** Context-specific tag [0]: forge keeps tag numbers in its universal-type field, where 0 is NONE. */
const TAG_0 = forge.asn1.Type.NONE;

function explicit(item: forge.asn1.Asn1): forge.asn1.Asn1 {
  return forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, TAG_0, true, [item]);
}
function integer(value: number): forge.asn1.Asn1 {
  return forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.INTEGER,
    false,
    forge.asn1.integerToDer(value).getBytes(),
  );
}
/** A PKCS#7 `data` ContentInfo wrapping DER bytes. */
function dataContent(inner: forge.asn1.Asn1): forge.asn1.Asn1 {
  return sequence(objectId(OID.data), explicit(octets(forge.asn1.toDer(inner).getBytes())));
}

const MAC_ITERATIONS = 2048;

/**
 * Packs a key (PKCS#8, any kind) and its certificates into a PKCS#12: the
 * key shrouded with 3DES under the passphrase (what forge and
 * @signpdf/signer-p12 read back), the certificates in clear, a SHA-1 HMAC
 * over the whole, as forge writes its own.
 */
export function writePkcs12(
  privateKeyInfo: forge.asn1.Asn1,
  certificates: readonly Buffer[],
  passphrase: string,
): Uint8Array {
  const friendlyName = sequence(
    objectId(OID.friendlyName),
    forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, [
      forge.asn1.create(
        forge.asn1.Class.UNIVERSAL,
        forge.asn1.Type.BMPSTRING,
        false,
        'attestation signing',
      ),
    ]),
  );
  const attributes = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, [
    friendlyName,
  ]);
  const certificateBags = certificates.map((certificate) =>
    sequence(
      objectId(OID.certBag),
      explicit(
        sequence(objectId(OID.x509Certificate), explicit(octets(certificate.toString('binary')))),
      ),
    ),
  );
  const keyBag = sequence(
    objectId(OID.shroudedKeyBag),
    explicit(forge.pki.encryptPrivateKeyInfo(privateKeyInfo, passphrase, { algorithm: '3des' })),
    attributes,
  );
  const safe = sequence(dataContent(sequence(...certificateBags)), dataContent(sequence(keyBag)));

  const salt = forge.random.getBytesSync(8);
  const macKey = forge.pkcs12.generateKey(
    passphrase,
    forge.util.createBuffer(salt),
    3,
    MAC_ITERATIONS,
    20,
  );
  const hmac = forge.hmac.create();
  hmac.start('sha1', macKey.getBytes());
  hmac.update(forge.asn1.toDer(safe).getBytes());
  const macData = sequence(
    sequence(
      sequence(
        objectId(OID.sha1),
        forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.NULL, false, ''),
      ),
      octets(hmac.digest().getBytes()),
    ),
    octets(salt),
    integer(MAC_ITERATIONS),
  );

  const pfx = sequence(integer(3), dataContent(safe), macData);
  return new Uint8Array(der(pfx));
}

/** The contents of an ASN.1 node that holds other nodes, or none. */
function parts(item: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return item !== undefined && Array.isArray(item.value) ? item.value : [];
}

/** Parses the DER held in a primitive OCTET STRING. */
function inner(item: forge.asn1.Asn1 | undefined): forge.asn1.Asn1 | undefined {
  return typeof item?.value === 'string' ? forge.asn1.fromDer(item.value) : undefined;
}

/**
 * The key type of the first certificate stored in clear in a PKCS#12
 * ('rsa', 'ec'), read without the passphrase, which costs a slow key
 * derivation; undefined when the certificates are encrypted or the layout is
 * not the plain one this module and forge write. A hint only: for choosing
 * how to sign, never for trusting anything.
 */
export function certificateKeyType(p12: Uint8Array): string | undefined {
  try {
    const pfx = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
    const safe = inner(parts(parts(parts(pfx)[1])[1])[0]);
    for (const contentInfo of parts(safe)) {
      const [type, content] = parts(contentInfo);
      if (type?.value !== forge.asn1.oidToDer(OID.data).getBytes()) continue;
      for (const bag of parts(inner(parts(content)[0]))) {
        const [bagType, bagValue] = parts(bag);
        if (bagType?.value !== forge.asn1.oidToDer(OID.certBag).getBytes()) continue;
        const certificate = parts(parts(parts(bagValue)[0])[1])[0];
        if (typeof certificate?.value !== 'string') continue;
        return new X509Certificate(Buffer.from(certificate.value, 'binary')).publicKey
          .asymmetricKeyType;
      }
    }
  } catch {
    // Not the plain layout: the caller opens the file properly instead.
  }
  return undefined;
}
