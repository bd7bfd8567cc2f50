import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrganisationCertificate } from '../signing/certificate';
import { verifySignedPdf } from '../signing/verify';
import { exportSignedReport } from './export';
import {
  pdfFile,
  pdfsig,
  pdfsigAccepts,
  pdftotext,
  qpdfCheck,
  runTool,
} from './fixtures/pdf-tools';
import { saqAReportFixture, saqDReportFixture } from './fixtures/report-fixtures';
import { appendixRowIds, between, expectedAnswers, printedAnswers } from './fixtures/report-text';
import type { ReportJob, ReportStage } from './produce';
import { ReportRenderer } from './render-in-worker';

const PASSPHRASE = 'worker test passphrase';
const model = saqDReportFixture();
let folder: string;
let job: ReportJob;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'report-export-'));
  const certificate = generateOrganisationCertificate({
    organisation: 'Harbour Lane Books Ltd',
    passphrase: PASSPHRASE,
  });
  job = {
    model,
    variant: 'full',
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
  await rm(folder, { recursive: true, force: true });
});

describe('a full SAQ D report exported through the worker', () => {
  let pdf: Buffer;
  let text: string;
  const stages: ReportStage[] = [];

  beforeAll(async () => {
    const target = join(folder, 'saq-d.pdf');
    const exported = await exportSignedReport(job, target, {
      onProgress: (stage) => {
        stages.push(stage);
      },
    });
    pdf = await readFile(target);
    text = pdftotext(pdf);
    expect(exported.bytes).toBe(pdf.length);
  }, 60_000);

  it('reports progress by stage and writes only the finished file', async () => {
    expect(stages).toEqual(['layout', 'signing', 'checking', 'done']);
    expect(await readdir(folder)).toEqual(['saq-d.pdf']);
  });

  it('is signed over the whole file, and clean for qpdf', () => {
    expect(pdfsigAccepts(pdfsig(pdf))).toBe(true);
    expect(
      verifySignedPdf(pdf, { expectedFingerprint: job.signing.certificateFingerprint }).intact,
    ).toBe(true);
    expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('prints every row in order: 254 answer rows and 20 rows without responses', () => {
    const printed = printedAnswers(text);
    expect(printed).toEqual(expectedAnswers(model.answers));
    expect(model.answers.filter((row) => row.response !== null)).toHaveLength(254);
    expect(printed.filter((row) => row.response === 'Not asked in this SAQ')).toHaveLength(20);
  });

  it('has one appendix entry per worksheet, N/A and Not Tested answer, and says Partial', () => {
    const count = (pattern: RegExp, section: string) => section.match(pattern)?.length ?? 0;
    const worksheets = between(text, 'Appendix B: Compensating Controls Worksheets', 'Appendix C:');
    const notApplicable = between(
      text,
      'Appendix C: Explanation of Requirements Noted as Not Applicable',
      'Appendix D:',
    );
    const notTested = between(
      text,
      'Appendix D: Explanation of Requirements Noted as Not Tested',
      'Section 3:',
    );

    expect(count(/Worksheet for requirement /g, worksheets)).toBe(20);
    const rowsWith = (response: string) =>
      model.answers
        .filter((row) => row.response === response)
        .map((row) =>
          row.bullet === null ? row.id : `${row.id} bullet ${String(row.bullet.index)}`,
        );
    expect(appendixRowIds(notApplicable)).toEqual(rowsWith('not-applicable'));
    expect(rowsWith('not-applicable')).toHaveLength(40);
    expect(appendixRowIds(notTested)).toEqual(rowsWith('not-tested'));
    expect(between(text, 'Part 3. PCI DSS validation', 'Part 3a.')).toMatch(/☒ Partial assessment/);
  });

  it('lists the 100 evidence files and shows the drawn signature as an image', () => {
    const index = between(text, 'Evidence index', 'About this record');
    for (const entry of model.evidence) expect(index).toContain(entry.fileName);

    const images = runTool('pdfimages', ['-list', pdfFile(pdf)]).stdout;
    expect(images).toMatch(/\n\s*\d+\s+\d+\s+image\s+240\s+60\s/);
  });
});

describe('cancelling an export', () => {
  it('stops the worker and leaves no file behind', async () => {
    const controller = new AbortController();
    const target = join(folder, 'cancelled.pdf');
    const pending = exportSignedReport(job, target, { signal: controller.signal });
    controller.abort();

    await expect(pending).rejects.toThrow('cancelled');
    expect(existsSync(target)).toBe(false);
  });
});

describe('a long-lived renderer', () => {
  it('renders again after a report was cancelled mid-way', async () => {
    const renderer = new ReportRenderer();
    const small: ReportJob = { ...job, model: saqAReportFixture(), variant: 'aoc' };
    try {
      const controller = new AbortController();
      const cancelled = renderer.render(small, {
        signal: controller.signal,
        onProgress: (stage) => {
          if (stage === 'layout') controller.abort();
        },
      });
      await expect(cancelled).rejects.toThrow('cancelled');

      await renderer.warmUp();
      const pdf = await renderer.render(small);
      expect(pdfsigAccepts(pdfsig(pdf))).toBe(true);
    } finally {
      await renderer.close();
    }
  }, 60_000);
});
