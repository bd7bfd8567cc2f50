import { SignPdf, type Signer } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFString,
} from 'pdf-lib';
import { KeyObjectSigner } from './cms-signer';
import { certificateKeyType, readPkcs12 } from './pkcs12';

export interface SignatureRequest {
  /** PKCS#12 with the organisation's key and certificate. */
  readonly p12: Uint8Array;
  readonly passphrase: string;
  /** The signer's exact name, any script; stored NFC in the signature's /Name. */
  readonly signerName: string;
  readonly reason: string;
  readonly location: string;
  readonly contactInfo: string;
  /** Defaults to now. It is the signer's own clock: no time-stamp authority vouches for it. */
  readonly signingTime?: Date;
  /** Bytes reserved for the CMS; 8 KiB fits an RSA-4096 signature with a short chain. */
  readonly signatureLength?: number;
}

/** Stands for the three byte-range numbers until signpdf fills them in. */
const BYTE_RANGE_PLACEHOLDER = '**********';
const SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY = 3;
const ANNOTATION_PRINT = 4;

/**
 * Adds an empty signature field to the first page, as signpdf expects it.
 * Written here rather than with @signpdf/placeholder-pdf-lib because that
 * helper stores /Name, /Reason, /Location and /ContactInfo as PDF literal
 * strings, which cannot carry names outside Latin-1; these are UTF-16 text
 * strings instead, so a name in Greek, Cyrillic or CJK survives exactly.
 */
function addSignaturePlaceholder(document: PDFDocument, request: SignatureRequest): void {
  const context = document.context;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let index = 0; index < 3; index += 1) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));

  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'adbe.pkcs7.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat((request.signatureLength ?? 8192) * 2)),
    Reason: PDFHexString.fromText(request.reason.normalize('NFC')),
    M: PDFString.fromDate(request.signingTime ?? new Date()),
    ContactInfo: PDFHexString.fromText(request.contactInfo.normalize('NFC')),
    Name: PDFHexString.fromText(request.signerName.normalize('NFC')),
    Location: PDFHexString.fromText(request.location.normalize('NFC')),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
  });
  // An "invalid object" is written verbatim and never packed into an object
  // stream, where signpdf could not find the placeholder.
  const bytes = new Uint8Array(signature.sizeInBytes());
  signature.copyBytesInto(bytes, 0);
  const signatureRef = context.register(PDFInvalidObject.of(bytes));

  const page = document.getPages()[0];
  if (page === undefined) throw new Error('the PDF has no page to hold the signature field');
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: signatureRef,
      T: PDFString.of('Attestation signature'),
      F: ANNOTATION_PRINT,
      P: page.ref,
      AP: { N: context.register(context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} })) },
    }),
  );
  const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? context.obj([]);
  annotations.push(widget);
  page.node.set(PDFName.of('Annots'), annotations);

  if (document.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict) !== undefined) {
    throw new Error('the PDF already has a form; reports are signed once, when produced');
  }
  document.catalog.set(
    PDFName.of('AcroForm'),
    context.register(
      context.obj({ Fields: [widget], SigFlags: SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY }),
    ),
  );
}

/**
 * RSA keys sign through @signpdf/signer-p12; EC keys, which its node-forge
 * cannot use, through our own CMS signer on node:crypto.
 */
function signerFor(request: SignatureRequest): Signer {
  // The key type is read from the certificate stored in clear, so that RSA
  // signing does not pay for opening the file twice.
  if (certificateKeyType(request.p12) !== 'rsa') {
    const opened = readPkcs12(request.p12, request.passphrase);
    if (opened.privateKey.asymmetricKeyType !== 'rsa') {
      return new KeyObjectSigner(opened.privateKey, opened.certificates);
    }
  }
  // A P12Signer can sign only once (a second use fails to parse its DER), so
  // every signature gets its own.
  return new P12Signer(Buffer.from(request.p12), { passphrase: request.passphrase });
}

/**
 * Signs a freshly rendered report: PKCS#7/CMS detached, SHA-256, over the
 * whole file except the signature itself.
 */
export async function signReportPdf(pdf: Uint8Array, request: SignatureRequest): Promise<Buffer> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  addSignaturePlaceholder(document, request);
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));

  return new SignPdf().sign(prepared, signerFor(request), request.signingTime);
}
