import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateOrganisationCertificate,
  type OrganisationCertificate,
} from '../signing/certificate';
import { verifySignedPdf } from '../signing/verify';
import {
  outlineTitles,
  pdffonts,
  pdfsig,
  pdfsigAccepts,
  pdftotext,
  qpdfCheck,
  runTool,
  pdfFile,
} from './fixtures/pdf-tools';
import { saqAReportFixture } from './fixtures/report-fixtures';
import { between, expectedAnswers, printedAnswers } from './fixtures/report-text';
import type { ReportModel, ReportVariant } from './model';
import { produceSignedReport } from './produce';

let certificate: OrganisationCertificate;
const PASSPHRASE = 'correct horse battery staple';

beforeAll(() => {
  certificate = generateOrganisationCertificate({
    organisation: 'Harbour Lane Books Ltd',
    country: 'GB',
    passphrase: PASSPHRASE,
  });
});

function produce(model: ReportModel, variant: ReportVariant = 'full'): Promise<Buffer> {
  return produceSignedReport({
    model,
    variant,
    signing: {
      p12: certificate.p12,
      passphrase: PASSPHRASE,
      certificateFingerprint: certificate.fingerprintSha256,
      location: 'Bristol, United Kingdom',
      contactInfo: 'ada.whitlock@books.example.com',
    },
  });
}

describe('the full SAQ A report', () => {
  const model = saqAReportFixture();
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = await produce(model);
    text = pdftotext(pdf);
  });

  it('carries a signature pdfsig accepts over the whole file, and our verifier agrees', () => {
    const verdict = pdfsig(pdf);
    expect(verdict).toContain('Signature is Valid.');
    expect(verdict).toContain('Total document signed');
    expect(verdict).toContain('SHA-256');
    expect(verdict).toContain('adbe.pkcs7.detached');

    const report = verifySignedPdf(pdf, { expectedFingerprint: certificate.fingerprintSha256 });
    expect(report.problems).toEqual([]);
    expect(report.intact).toBe(true);
    expect(report.signerName).toBe('Ada Whitlock');
  });

  it('passes qpdf --check', () => {
    const check = qpdfCheck(pdf);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
  });

  it('embeds every font it uses', () => {
    const fonts = pdffonts(pdf);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(
      expect.arrayContaining(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono']),
    );
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
  });

  it('says what it is: a record of responses, the official form being authoritative', () => {
    expect(text).toContain('Record of responses to SAQ A, PCI DSS v4.0.1, Revision 1');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'The official PCI SSC form and its requirement text are authoritative',
    );
    expect(text).toContain('The official PCI SSC form is authoritative.');

    const info = runTool('pdfinfo', [pdfFile(pdf)]).stdout;
    expect(info).toMatch(
      /Title:\s+Record of responses: SAQ A, PCI DSS v4\.0\.1, Revision 1 - Harbour Lane Books Ltd/,
    );
    expect(info).toMatch(/Author:\s+Ada Whitlock/);
    expect(info).toMatch(/Creator:\s+PCI SAQ Assistant/);
  });

  it('prints every answer row in the SAQ order with its response', () => {
    expect(printedAnswers(text)).toEqual(expectedAnswers(model.answers));
  });

  it('prints one appendix entry per response that requires one', () => {
    const worksheets = between(text, 'Appendix B: Compensating Controls Worksheets', 'Appendix C:');
    const notApplicable = between(
      text,
      'Appendix C: Explanation of Requirements Noted as Not Applicable',
      'Section 3:',
    );
    const ccwRows = model.answers.filter((row) => row.response === 'in-place-ccw');
    const naRows = model.answers.filter((row) => row.response === 'not-applicable');

    expect(worksheets.match(/Worksheet for requirement /g)).toHaveLength(ccwRows.length);
    for (const row of ccwRows) expect(worksheets).toContain(`Worksheet for requirement ${row.id}`);
    for (const row of naRows) {
      expect(notApplicable).toMatch(
        new RegExp(`^\\s*${row.id.replace(/\./g, '\\.')}\\s{2,}Fixture: the function`, 'm'),
      );
    }
    expect(notApplicable.match(/Fixture: the function covered by/g)).toHaveLength(naRows.length);
    // SAQ A has no Not Tested response, hence no Appendix D.
    expect(text).not.toContain('Appendix D:');
  });

  it('prints Part 2g as the summary of the answers', () => {
    const part2g = between(text, 'Part 2g. Summary of assessment', 'Part 2h.');
    for (const row of model.executiveSummary.summary) {
      const line = part2g
        .split('\n')
        .find((candidate) => candidate.includes(`Requirement ${row.requirement}:`));
      const boxes = (line ?? '').match(/[☒☐]/g) ?? [];
      expect(boxes).toEqual(
        (['in-place', 'in-place-ccw', 'not-applicable', 'not-in-place'] as const).map((response) =>
          row.responses.includes(response) ? '☒' : '☐',
        ),
      );
    }
  });

  it('prints when it was generated in UTC to the minute, and dates as entered', () => {
    const cover = between(text, 'Self-Assessment Questionnaire and Attestation', '\f');
    expect(model.generatedAt).toBe('2026-12-01T09:30:00.000Z');
    expect(cover).toMatch(/Generated\s+2026-12-01 09:30 UTC\n/);
    expect(cover).toMatch(/Completion date\s+2026-11-30\n/);
    expect(text).not.toContain('09:30:00');
  });

  it('prints Part 2f as answered, "Not asked" for a question the app did not ask', () => {
    const part2f = between(text, 'Part 2f. Third-party service providers', 'Part 2g.');
    // Labels wrap in their column: the value prints on the label's first line.
    expect(part2f).toMatch(/Store, process or transmit account +Yes\n/);
    expect(part2f).toMatch(/Manage in-scope system +Yes\n/);
    expect(part2f).toMatch(/Could affect the security of the +Not asked\n/);
    // Per provider, the three answers in column order; names wrap in their column.
    expect(part2f).toMatch(/Example Payments +Hosted payment page and +Yes +No +Not asked\n/);
    expect(part2f).toMatch(/Example Shop +E-commerce platform hosting +No +Yes +Not asked\n/);
  });

  it('prints Part 3 with the outcome, the target date and the signer, and Part 4', () => {
    const part3 = between(text, 'Section 3: Validation and Attestation', 'Part 3c.');
    expect(part3).toMatch(/☒ Non-Compliant/);
    expect(part3).toMatch(/☐ Compliant:/);
    expect(part3).toMatch(/Target Date for Compliance\s+2027-02-28/);
    expect(part3).toMatch(/Name\s+Ada Whitlock/);
    expect(part3).toMatch(/Title\s+Finance Director/);
    expect(text).toContain('Part 4: Action Plan for Non-Compliant Requirements');
    expect(between(text, 'Part 4: Action Plan', 'Evidence index')).toMatch(
      /11: Regular security testing\s+No\s+2027-02-28/,
    );
  });

  it('lists the evidence and the integrity stamps', () => {
    const index = between(text, 'Evidence index', 'About this record');
    for (const entry of model.evidence) {
      expect(index).toContain(entry.fileName);
      // Printed in two halves of 32 digits.
      expect(index).toContain(entry.sha256.slice(0, 32));
      expect(index).toContain(entry.sha256.slice(32));
    }
    const about = between(text, 'About this record', '\f');
    expect(about).toContain(`${String(model.audit.length)} entries`);
    for (const hash of [model.audit.head, model.definition.sha256, certificate.fingerprintSha256]) {
      expect(about).toContain(hash.slice(0, 32));
      expect(about).toContain(hash.slice(32));
    }
  });

  it('numbers pages "n of m" with a running header, and has a bookmark per section', () => {
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    pages.forEach((page, index) => {
      // Stamped after layout: once, on the footer's line, right-aligned after its text.
      const label = `Page ${String(index + 1)} of ${String(pages.length)}`;
      expect(page.split(label)).toHaveLength(2);
      expect(page).toMatch(new RegExp(`authoritative\\. +${label}\\s*$`));
      expect(page.replace(/\s+/g, ' ')).toContain(
        'Record of responses: SAQ A, PCI DSS v4.0.1, Revision 1',
      );
    });
    expect(outlineTitles(pdf)).toEqual([
      'Cover',
      'Section 1: Assessment Information',
      'Section 2: Self-Assessment Questionnaire',
      'Appendix B: Compensating Controls Worksheets',
      'Appendix C: Explanation of Requirements Noted as Not Applicable',
      'Section 3: Validation and Attestation',
      'Part 4: Action Plan for Non-Compliant Requirements',
      'Evidence index',
      'About this record',
    ]);
  });
});

describe('the AOC-only report', () => {
  it('holds Sections 1 and 3 without the questionnaire or the evidence index, signed, and flags an edited definition', async () => {
    const base = saqAReportFixture();
    const pdf = await produce(
      {
        ...base,
        definition: { ...base.definition, official: false },
        executiveSummary: { ...base.executiveSummary, locations: [] },
      },
      'aoc',
    );
    const text = pdftotext(pdf, false);

    expect(pdfsigAccepts(pdfsig(pdf))).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain('Attestation of Compliance only');
    expect(text).toContain('Section 1: Assessment Information');
    expect(text).toContain('Section 3: Validation and Attestation');
    expect(text).not.toContain('Section 2: Self-Assessment Questionnaire');
    expect(text).not.toContain('Evidence index');
    expect(text).not.toContain('Appendix C:');
    // An empty Part 2d table says so under its header.
    expect(between(text, 'Part 2d.', 'Part 2e.')).toMatch(
      /Facility type\s+Number\s+City and country\s+None\s*$/,
    );
    // A definition edited or imported by the user is flagged on the cover.
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Edited or imported (not the definition shipped with the app)',
    );
  });
});

describe('names in every supported script', () => {
  const samples = [
    { script: 'Latin', merchant: 'Café Zoë Šťastná & Søn Ærø', signer: 'Zoë Łukasiewicz-Núñez' },
    { script: 'Greek', merchant: 'Βιβλιοπωλείο Αθηνά Α.Ε.', signer: 'Σοφία Παπαδοπούλου' },
    { script: 'Cyrillic', merchant: 'ООО «Книжная лавка»', signer: 'Ёлка Щукина-Жукова' },
    { script: 'Chinese', merchant: '北京书店有限公司', signer: '王小明' },
    { script: 'Japanese', merchant: 'カタカナ書店株式会社', signer: 'やまだ たろう 山田' },
  ];

  it.each(samples)(
    '$script: printed exactly, in the signature, with all fonts embedded',
    async (sample) => {
      // Decomposed input must come out composed (NFC) on the page and in the signature.
      const base = saqAReportFixture();
      const model: ReportModel = {
        ...base,
        merchant: { ...base.merchant, companyName: sample.merchant.normalize('NFD') },
        executiveSummary: {
          ...base.executiveSummary,
          environment: {
            ...base.executiveSummary.environment,
            description: `${sample.merchant}\nsecond line`,
          },
        },
        merchantAttestation: {
          ...base.merchantAttestation,
          signerName: sample.signer.normalize('NFD'),
          signature: { kind: 'typed', text: sample.signer },
        },
      };

      const pdf = await produce(model, 'aoc');
      const text = pdftotext(pdf, false);

      expect(text).toContain(sample.merchant);
      expect(text).toContain(sample.signer);
      expect(pdffonts(pdf).filter((font) => !font.embedded)).toEqual([]);
      expect(pdfsigAccepts(pdfsig(pdf))).toBe(true);
      expect(verifySignedPdf(pdf).signerName).toBe(sample.signer.normalize('NFC'));
    },
  );
});
