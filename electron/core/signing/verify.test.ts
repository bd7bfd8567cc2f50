import { beforeAll, describe, expect, it } from 'vitest';
import { saqAReportFixture } from '../report/fixtures/report-fixtures';
import { produceSignedReport } from '../report/produce';
import { renderReportPdf } from '../report/render';
import { generateOrganisationCertificate } from './certificate';
import { verifySignedPdf } from './verify';

let signed: Buffer;

beforeAll(async () => {
  const certificate = generateOrganisationCertificate({
    organisation: 'Verifier Test Ltd',
    passphrase: 'pw',
  });
  signed = await produceSignedReport({
    model: saqAReportFixture(),
    variant: 'aoc',
    signing: {
      p12: certificate.p12,
      passphrase: 'pw',
      certificateFingerprint: certificate.fingerprintSha256,
      location: 'Bristol',
      contactInfo: 'x@example.com',
      signingTime: new Date('2026-12-01T09:45:00Z'),
    },
  });
}, 60_000);

/** Rewrites the ByteRange numbers in place, padded to the same width so offsets stay put. */
function withByteRange(pdf: Buffer, change: (range: number[]) => number[]): Buffer {
  const text = pdf.toString('latin1');
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (match === null) throw new Error('no byte range');
  const next = change(match.slice(1).map(Number));
  const replacement = `/ByteRange [${next.join(' ')}]`.padEnd(match[0].length, ' ');
  return Buffer.concat([
    pdf.subarray(0, match.index),
    Buffer.from(replacement, 'latin1'),
    pdf.subarray(match.index + match[0].length),
  ]);
}

describe('verifySignedPdf', () => {
  it('reports the signing time as the signer claimed it', () => {
    expect(verifySignedPdf(signed).claimedSigningTime).toBe('2026-12-01T09:45:00.000Z');
  });

  it('says an unsigned report is not signed', async () => {
    const unsigned = await renderReportPdf(saqAReportFixture(), {
      variant: 'aoc',
      certificateFingerprint: null,
    });

    const report = verifySignedPdf(unsigned);
    expect(report.intact).toBe(false);
    expect(report.problems).toEqual(['the file is not signed']);
    expect(report.certificateFingerprint).toBeNull();
  });

  it('refuses a byte range that does not start at the beginning', () => {
    const shifted = withByteRange(signed, ([start = 0, ...rest]) => [start + 10, ...rest]);

    expect(verifySignedPdf(shifted).problems).toContain(
      'the signed bytes do not start at the beginning of the file',
    );
  });

  it('refuses a byte range whose gap holds more than the signature', () => {
    const widened = withByteRange(signed, ([start = 0, first = 0, second = 0, length = 0]) => [
      start,
      first - 20,
      second,
      length,
    ]);

    const report = verifySignedPdf(widened);
    expect(report.intact).toBe(false);
    expect(report.problems).toContain('the gap in the signed bytes holds more than the signature');
  });

  it('refuses a signature whose bytes were altered', () => {
    const range = /\/ByteRange\s*\[\s*\d+\s+(\d+)/.exec(signed.toString('latin1'));
    // Near the end of the DER: inside the RSA signature value itself.
    const der = signed
      .toString('latin1', Number(range?.[1]) + 1)
      .replace(/>[\s\S]*$/, '')
      .replace(/(00)+$/, '');
    const at = Number(range?.[1]) + 1 + der.length - 20;
    const altered = Buffer.from(signed);
    altered[at] = altered[at] === 0x61 ? 0x62 : 0x61;

    const report = verifySignedPdf(altered);
    expect(report.intact).toBe(false);
    expect(report.problems).toEqual(['the signature does not match the signed attributes']);
  });
});
