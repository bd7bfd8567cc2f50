import { X509Certificate, createHash, createVerify } from 'node:crypto';
import forge from 'node-forge';
import { normaliseFingerprint } from './certificate';

/**
 * Checks a signed report on its own, without poppler: the shape of the
 * signature (one signature covering the whole file but its own hole), the
 * message digest over the signed bytes, and the signature over the signed
 * attributes. It does not judge the certificate's trust: a self-signed
 * certificate proves integrity only against a fingerprint the reader got
 * from the merchant separately, hence `expectedFingerprint`.
 */
export interface VerificationReport {
  /** True only when every check passed (and the fingerprint matched, when one was expected). */
  readonly intact: boolean;
  /**
   * True when the file is unchanged since it was signed with the certificate
   * inside it, whatever the fingerprint comparison said. Without an expected
   * fingerprint this does not say who signed: anyone can make a certificate
   * naming any company.
   */
  readonly documentUnchanged: boolean;
  /** Lower-case hex SHA-256 of the signing certificate; null when none could be read. */
  readonly certificateFingerprint: string | null;
  /** Null when no fingerprint was expected. */
  readonly fingerprintMatches: boolean | null;
  /** The signer's name from the signature dictionary (any script). */
  readonly signerName: string | null;
  /** The certificate subject (ASCII). */
  readonly certificateSubject: string | null;
  /** As claimed by the signer's clock (ISO 8601); nothing independent vouches for it. */
  readonly claimedSigningTime: string | null;
  /** Every failed check, in plain words; empty when intact. */
  readonly problems: readonly string[];
}

export interface VerifyOptions {
  /** Hex, with or without colons or spaces, any case. */
  readonly expectedFingerprint?: string;
}

const LATIN1 = 'latin1';

/** Object identifiers used below (forge's `oids` table is typed as optional strings). */
const OID = {
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** forge's parser takes an options object, which its type definitions do not declare. */
const fromDer = forge.asn1.fromDer as unknown as (
  bytes: forge.util.ByteBuffer,
  options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
) => forge.asn1.Asn1;

/** Offsets of every `/ByteRange` key in the file. */
function byteRangeOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('/ByteRange'); at >= 0; at = text.indexOf('/ByteRange', at + 1)) {
    offsets.push(at);
  }
  return offsets;
}

/** Decodes a PDF text string given as `(literal)` or `<hex>`, UTF-16BE or PDFDocEncoding. */
function decodePdfTextString(token: string): string {
  let bytes: Buffer;
  if (token.startsWith('<')) {
    bytes = Buffer.from(token.slice(1, -1).replace(/\s/g, ''), 'hex');
  } else {
    const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, escape: string) => {
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
      return (
        simple[escape] ??
        (/^[0-7]+$/.test(escape) ? String.fromCharCode(parseInt(escape, 8)) : escape)
      );
    });
    bytes = Buffer.from(body, LATIN1);
  }

  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString(LATIN1);
}

/** Reads `/Key <...>` or `/Key (...)` from a dictionary's text. */
function textEntry(dictionary: string, key: string): string | null {
  const match = new RegExp(`/${key}\\s*(<[0-9A-Fa-f\\s]*>|\\((?:\\\\.|[^\\\\)])*\\))`).exec(
    dictionary,
  );
  return match?.[1] === undefined ? null : decodePdfTextString(match[1]);
}

interface SignedParts {
  readonly certificates: forge.asn1.Asn1[];
  readonly digestAlgorithm: string;
  readonly signedAttributes: forge.asn1.Asn1;
  readonly signatureAlgorithm: string;
  readonly signature: Buffer;
  readonly issuerAndSerial: forge.asn1.Asn1;
}

/** A context-specific tag number ([0], [1]...), which forge stores in `type`. */
function isTag(node: forge.asn1.Asn1, tag: number): boolean {
  return (node.type as number) === tag;
}

function asArray(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (node === undefined || !Array.isArray(node.value))
    throw new Error('unexpected ASN.1 structure');
  return node.value;
}

function oid(node: forge.asn1.Asn1 | undefined): string {
  if (node?.type !== forge.asn1.Type.OID || typeof node.value !== 'string') {
    throw new Error('expected an object identifier');
  }
  return forge.asn1.derToOid(node.value);
}

/** Picks apart the CMS SignedData (RFC 5652) of a detached signature with one signer. */
function parseSignedData(der: Buffer): SignedParts {
  const contentInfo = fromDer(forge.util.createBuffer(der.toString('binary')), {
    strict: false,
    // The contents hole is padded with zeros after the DER.
    parseAllBytes: false,
    // Keep BIT STRINGs as raw bytes so certificates re-encode byte for byte.
    decodeBitStrings: false,
  });
  const [contentType, explicitContent] = asArray(contentInfo);
  if (oid(contentType) !== OID.signedData) throw new Error('not a CMS SignedData');

  const signedData = asArray(asArray(explicitContent)[0]);
  const certificatesNode = signedData.find(
    (node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && isTag(node, 0),
  );
  const signerInfos = asArray(signedData.at(-1));
  if (signerInfos.length !== 1)
    throw new Error(`expected one signer, found ${String(signerInfos.length)}`);

  const signerInfo = asArray(signerInfos[0]);
  const [, issuerAndSerial, digestAlgorithm, signedAttributes, signatureAlgorithm, signature] =
    signerInfo;
  if (
    issuerAndSerial === undefined ||
    signedAttributes?.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC ||
    !isTag(signedAttributes, 0) ||
    typeof signature?.value !== 'string'
  ) {
    throw new Error('the signer has no signed attributes');
  }

  return {
    certificates: certificatesNode === undefined ? [] : asArray(certificatesNode),
    digestAlgorithm: oid(asArray(digestAlgorithm)[0]),
    signedAttributes,
    signatureAlgorithm: oid(asArray(signatureAlgorithm)[0]),
    signature: Buffer.from(signature.value, 'binary'),
    issuerAndSerial,
  };
}

function attribute(signedAttributes: forge.asn1.Asn1, type: string): forge.asn1.Asn1 | undefined {
  for (const entry of asArray(signedAttributes)) {
    const [attributeType, values] = asArray(entry);
    if (oid(attributeType) === type) return asArray(values)[0];
  }
  return undefined;
}

function derOf(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

/** RSA (reports signed with an RSA key) or ECDSA (an imported EC key), with SHA-256. */
const SHA256_SIGNATURE_OIDS = new Set<string>([
  OID.rsaEncryption,
  OID.sha256WithRsa,
  OID.ecdsaWithSha256,
]);

export function verifySignedPdf(pdf: Uint8Array, options: VerifyOptions = {}): VerificationReport {
  const problems: string[] = [];
  const file = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = file.toString(LATIN1);
  const result = {
    certificateFingerprint: null as string | null,
    signerName: null as string | null,
    certificateSubject: null as string | null,
    claimedSigningTime: null as string | null,
  };
  const finish = (): VerificationReport => {
    const expected =
      options.expectedFingerprint === undefined
        ? null
        : normaliseFingerprint(options.expectedFingerprint);
    const fingerprintMatches =
      expected === null ? null : expected === result.certificateFingerprint;
    const documentUnchanged = problems.length === 0;
    if (fingerprintMatches === false) {
      problems.push('the certificate fingerprint is not the one expected');
    }
    return {
      intact: problems.length === 0,
      documentUnchanged,
      fingerprintMatches,
      ...result,
      problems,
    };
  };

  // Shape: exactly one signature, whose byte range covers the whole file.
  const offsets = byteRangeOffsets(text);
  if (offsets.length !== 1) {
    problems.push(
      offsets.length === 0
        ? 'the file is not signed'
        : `the file has ${String(offsets.length)} signatures, expected one`,
    );
    return finish();
  }
  const rangeAt = offsets[0] ?? 0;
  const rangeMatch = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(
    text.slice(rangeAt, rangeAt + 120),
  );
  if (rangeMatch === null) {
    problems.push('the signature byte range cannot be read');
    return finish();
  }
  const [start, firstLength, secondStart, secondLength] = rangeMatch.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (start !== 0) problems.push('the signed bytes do not start at the beginning of the file');
  if (secondStart + secondLength !== file.length) {
    problems.push(
      'bytes were added after the signed part of the file (an update or appended data)',
    );
  }
  const hole = text.slice(firstLength, secondStart);
  if (!/^<[0-9A-Fa-f]+>$/.test(hole)) {
    problems.push('the gap in the signed bytes holds more than the signature');
    return finish();
  }

  // The signature dictionary around the byte range gives the signer's name.
  const dictionaryStart = text.lastIndexOf('<<', firstLength);
  const dictionaryEnd = text.indexOf('>>', secondStart);
  const dictionary =
    text.slice(dictionaryStart, firstLength) + text.slice(secondStart, dictionaryEnd);
  if (
    !/\/Type\s*\/Sig\b/.test(dictionary) ||
    !/\/SubFilter\s*\/adbe\.pkcs7\.detached/.test(dictionary)
  ) {
    problems.push('the signature is not a PKCS#7 detached signature');
  }
  result.signerName = textEntry(dictionary, 'Name');

  let parts: SignedParts;
  try {
    parts = parseSignedData(Buffer.from(hole.slice(1, -1), 'hex'));
  } catch (error) {
    problems.push(
      `the signature cannot be read (${error instanceof Error ? error.message : 'unknown'})`,
    );
    return finish();
  }

  // The signer's certificate: the one whose issuer and serial the signer names.
  const wanted = derOf(parts.issuerAndSerial);
  const certificates = parts.certificates.map((node) => new X509Certificate(derOf(node)));
  const signerCertificate = certificates.find((certificate, index) => {
    const tbs = asArray(asArray(parts.certificates[index])[0]);
    const hasVersion = tbs[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC;
    const serial = tbs[hasVersion ? 1 : 0];
    const issuer = tbs[hasVersion ? 3 : 2];
    if (serial === undefined || issuer === undefined) return false;
    const pair = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, [
      issuer,
      serial,
    ]);
    return derOf(pair).equals(wanted) && certificate.subject !== '';
  });
  if (signerCertificate === undefined) {
    problems.push("the signer's certificate is not in the signature");
    return finish();
  }
  result.certificateFingerprint = normaliseFingerprint(signerCertificate.fingerprint256);
  result.certificateSubject = signerCertificate.subject.replace(/\n/g, ', ');

  const signingTime = attribute(parts.signedAttributes, OID.signingTime);
  if (signingTime !== undefined && typeof signingTime.value === 'string') {
    const date =
      signingTime.type === forge.asn1.Type.UTCTIME
        ? forge.asn1.utcTimeToDate(signingTime.value)
        : forge.asn1.generalizedTimeToDate(signingTime.value);
    result.claimedSigningTime = date.toISOString();
  }

  // The message digest: SHA-256 over both signed ranges.
  if (parts.digestAlgorithm !== OID.sha256) {
    problems.push('the signature does not use SHA-256');
    return finish();
  }
  const digest = createHash('sha256')
    .update(file.subarray(start, start + firstLength))
    .update(file.subarray(secondStart, secondStart + secondLength))
    .digest();
  const claimedDigest = attribute(parts.signedAttributes, OID.messageDigest);
  if (
    typeof claimedDigest?.value !== 'string' ||
    !Buffer.from(claimedDigest.value, 'binary').equals(digest)
  ) {
    problems.push('the document was changed after it was signed (digest mismatch)');
  }

  // The signature over the signed attributes, DER-encoded as a SET (RFC 5652, 5.4).
  if (!SHA256_SIGNATURE_OIDS.has(parts.signatureAlgorithm)) {
    problems.push('the signature algorithm is not RSA or ECDSA with SHA-256');
    return finish();
  }
  const attributesAsSet = forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.SET,
    true,
    asArray(parts.signedAttributes),
  );
  const verifier = createVerify('sha256');
  verifier.update(derOf(attributesAsSet));
  if (!verifier.verify(signerCertificate.publicKey, parts.signature)) {
    problems.push('the signature does not match the signed attributes');
  }

  return finish();
}
