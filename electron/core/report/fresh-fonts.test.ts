import { Document, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrganisationCertificate } from '../signing/certificate';
import { pdftotext } from './fixtures/pdf-tools';
import { saqAReportFixture } from './fixtures/report-fixtures';
import { FAMILY, registerReportFonts } from './fonts';
import type { ReportModel } from './model';
import type { ReportJob } from './produce';
import { renderReportPdf, warmUpRenderer } from './render';
import { ReportRenderer } from './render-in-worker';

// Each of these scripts has capitals drawn from a Latin letter's outline in
// the report fonts (a composite glyph), or is printed through the fallback.
const GREEK = 'Ελληνικά ΕΠΕ';
const CYRILLIC = 'АЕО Кириллица';
const CJK = '中文 カナ 書店';
const LATIN = 'Example Assurance';

/** Text as pdftotext gives it, with runs of spaces made one (layout mode pads columns). */
function printed(pdf: Uint8Array): string {
  return pdftotext(pdf).replace(/[ \t]+/g, ' ');
}

/** A one-line document, as any earlier render in the same thread might be. */
async function renderLine(text: string): Promise<Buffer> {
  registerReportFonts();
  const line = createElement(
    Text,
    { style: { fontFamily: [FAMILY.text, FAMILY.fallback] as unknown as string } },
    text,
  );
  const bold = createElement(
    Text,
    { style: { fontFamily: FAMILY.text, fontWeight: 'bold' } },
    text,
  );
  return renderToBuffer(
    createElement(Document, null, createElement(Page, { size: 'A4' }, line, bold)),
  );
}

/** The SAQ A attestation for a merchant with this name. */
function attestationOf(companyName: string): ReportModel {
  const model = saqAReportFixture();
  return { ...model, merchant: { ...model.merchant, companyName } };
}

function renderAttestation(companyName: string): Promise<Buffer> {
  return renderReportPdf(attestationOf(companyName), {
    variant: 'aoc',
    certificateFingerprint: null,
  });
}

describe('a report after a document in another script, in the same thread', () => {
  it.each([
    ['Greek', GREEK],
    ['Cyrillic', CYRILLIC],
    ['CJK', CJK],
  ])('prints every Latin letter after a %s document, and the other way round', async (_, other) => {
    expect(printed(await renderLine(other))).toContain(other);
    const latin = printed(await renderAttestation(LATIN));
    expect(latin).toContain(LATIN);
    expect(latin).toContain('Harbour Lane Books');

    const reverse = printed(await renderAttestation(other));
    expect(reverse).toContain(other);
    expect(printed(await renderLine(`${LATIN} ${other}`))).toContain(`${LATIN} ${other}`);
  });

  it('prints every Latin letter after the warm-up render (which holds Greek, Cyrillic and CJK)', async () => {
    await warmUpRenderer();
    expect(printed(await renderAttestation(LATIN))).toContain(LATIN);
  });
});

describe('reports in other scripts through one worker', () => {
  const PASSPHRASE = 'fresh fonts passphrase';
  const renderer = new ReportRenderer();
  let base: Omit<ReportJob, 'model'>;

  beforeAll(() => {
    const certificate = generateOrganisationCertificate({
      organisation: 'Harbour Lane Books Ltd',
      passphrase: PASSPHRASE,
    });
    base = {
      variant: 'aoc',
      signing: {
        p12: certificate.p12,
        passphrase: PASSPHRASE,
        certificateFingerprint: certificate.fingerprintSha256,
        location: 'Bristol',
        contactInfo: 'ada.whitlock@books.example.com',
      },
    };
  });
  afterAll(async () => {
    await renderer.close();
  });

  it('prints each merchant name exactly, whatever the report before it held', async () => {
    const names = [LATIN, `${GREEK} ${CYRILLIC} ${CJK}`, LATIN, GREEK, LATIN];
    await renderer.warmUp();
    for (const name of names) {
      const pdf = await renderer.render({ ...base, model: attestationOf(name) });
      expect(printed(pdf)).toContain(name);
    }
  }, 60_000);
});
