import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfsig, pdfsigAccepts, pdftotext } from '../report/fixtures/pdf-tools';
import { saqAReportFixture } from '../report/fixtures/report-fixtures';
import { produceSignedReport } from '../report/produce';
import { generateOrganisationCertificate, type OrganisationCertificate } from './certificate';
import { signReportPdf } from './sign';
import { verifySignedPdf } from './verify';

const PASSPHRASE = 'tamper test passphrase';
let certificate: OrganisationCertificate;
let signed: Buffer;

beforeAll(async () => {
  certificate = generateOrganisationCertificate({
    organisation: 'Harbour Lane Books Ltd',
    passphrase: PASSPHRASE,
  });
  signed = await produceSignedReport({
    model: saqAReportFixture(),
    variant: 'aoc',
    signing: {
      p12: certificate.p12,
      passphrase: PASSPHRASE,
      certificateFingerprint: certificate.fingerprintSha256,
      location: 'Bristol',
      contactInfo: 'ada.whitlock@books.example.com',
    },
  });
});

function flipByte(pdf: Buffer, offset: number): Buffer {
  const copy = Buffer.from(pdf);
  copy[offset] = (copy[offset] ?? 0) ^ 0x01;
  return copy;
}

/** An offset inside the first compressed content stream. */
function contentStreamOffset(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const filter = text.indexOf('/FlateDecode');
  return text.indexOf('stream', filter) + 'stream\n'.length + 40;
}

/** An offset inside the /Producer string of the document information dictionary. */
function producerOffset(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const reference = /\/Producer\s+(\d+)\s+0\s+R/.exec(text);
  const inline = text.indexOf('/Producer (');
  if (reference !== null) {
    const object = text.indexOf(`\n${reference[1] ?? ''} 0 obj`);
    return text.indexOf('(', object) + 3;
  }
  return inline + '/Producer ('.length + 2;
}

/**
 * Appends a classic incremental update that gives the first page new
 * content (a filled square instead of the cover text), the way an editor
 * would save a change without touching the signed bytes.
 */
async function incrementalPageChange(pdf: Buffer): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const previousXref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1];
  if (previousXref === undefined) throw new Error('no startxref');

  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = document.getPages()[0];
  if (page === undefined) throw new Error('no page');
  const streamNumber = document.context.largestObjectNumber + 1;
  page.node.set(PDFName.of('Contents'), PDFRef.of(streamNumber));

  const content = '0 0 1 rg 100 400 300 300 re f';
  const pageObject = `${String(page.ref.objectNumber)} 0 obj\n${page.node.toString()}\nendobj\n`;
  const streamObject = `${String(streamNumber)} 0 obj\n<< /Length ${String(content.length)} >>\nstream\n${content}\nendstream\nendobj\n`;
  const pageOffset = pdf.length + 1;
  const streamOffset = pageOffset + Buffer.byteLength(pageObject, 'latin1');
  const xrefOffset = streamOffset + streamObject.length;
  const entry = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n \n`;
  const trailer = document.context.trailerInfo;
  const update = [
    '\n',
    pageObject,
    streamObject,
    'xref\n0 1\n0000000000 65535 f \n',
    `${String(page.ref.objectNumber)} 1\n${entry(pageOffset)}`,
    `${String(streamNumber)} 1\n${entry(streamOffset)}`,
    `trailer\n<< /Size ${String(streamNumber + 1)} /Root ${String(trailer.Root)} /Info ${String(trailer.Info)} /Prev ${previousXref} >>\n`,
    `startxref\n${String(xrefOffset)}\n%%EOF\n`,
  ].join('');
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

describe('a signed report', () => {
  it('is accepted as it was written', () => {
    expect(pdfsigAccepts(pdfsig(signed))).toBe(true);
    expect(
      verifySignedPdf(signed, { expectedFingerprint: certificate.fingerprintSha256 }).intact,
    ).toBe(true);
  });

  it('is rejected after a byte of a page content stream changes', () => {
    const tampered = flipByte(signed, contentStreamOffset(signed));

    expect(pdfsig(tampered)).toContain('Digest Mismatch');
    const report = verifySignedPdf(tampered);
    expect(report.intact).toBe(false);
    expect(report.problems).toContain(
      'the document was changed after it was signed (digest mismatch)',
    );
  });

  it('is rejected after a byte of the document information changes', () => {
    const offset = producerOffset(signed);
    const tampered = flipByte(signed, offset);
    expect(tampered.toString('latin1', offset - 3, offset + 10)).not.toBe(
      signed.toString('latin1', offset - 3, offset + 10),
    );

    expect(pdfsig(tampered)).toContain('Digest Mismatch');
    expect(verifySignedPdf(tampered).intact).toBe(false);
  });

  it('is rejected when bytes are appended', () => {
    const tampered = Buffer.concat([signed, Buffer.from('\n% appended after signing\n', 'latin1')]);

    const verdict = pdfsig(tampered);
    expect(verdict).toContain('Not total document signed');
    expect(pdfsigAccepts(verdict)).toBe(false);
    expect(verifySignedPdf(tampered).problems).toContain(
      'bytes were added after the signed part of the file (an update or appended data)',
    );
  });

  it('is rejected after an incremental update that changes a page', async () => {
    const tampered = await incrementalPageChange(signed);
    // The update is real: readers now show the new first page.
    expect(pdftotext(signed, false).split('\f')[0]).toContain('Harbour Lane Books Ltd');
    expect(pdftotext(tampered, false).split('\f')[0]).not.toContain('Harbour Lane Books Ltd');

    const verdict = pdfsig(tampered);
    expect(verdict).toContain('Not total document signed');
    expect(pdfsigAccepts(verdict)).toBe(false);
    const report = verifySignedPdf(tampered);
    expect(report.intact).toBe(false);
    expect(report.problems).toContain(
      'bytes were added after the signed part of the file (an update or appended data)',
    );
  });

  it('is rejected when a second signature is added', async () => {
    const again = await signReportPdf(signed, {
      p12: certificate.p12,
      passphrase: PASSPHRASE,
      signerName: 'Someone Else',
      reason: 'second',
      location: 'x',
      contactInfo: 'x',
    }).catch((error: unknown) => error);

    // Our signer refuses outright; a forged second signature is caught by the count.
    expect(again).toBeInstanceOf(Error);
    const doubled = Buffer.concat([
      signed,
      Buffer.from('\n<< /Type /Sig /ByteRange [0 1 2 3] >>\n', 'latin1'),
    ]);
    expect(verifySignedPdf(doubled).problems).toContain('the file has 2 signatures, expected one');
  });

  it('is rejected against a fingerprint other than its certificate', () => {
    const report = verifySignedPdf(signed, { expectedFingerprint: 'AB:'.repeat(31) + 'AB' });

    expect(report.intact).toBe(false);
    expect(report.fingerprintMatches).toBe(false);
    expect(report.certificateFingerprint).toBe(certificate.fingerprintSha256);
  });
});
