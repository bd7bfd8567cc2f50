import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { RESPONSE_LABELS } from '../shared/domain/responses';
import { saqDReportFixture } from '../electron/core/report/fixtures/report-fixtures';
import { formatSize } from '../electron/core/report/document';
import { saqEditionLabel, type AnswerRow, type ReportModel } from '../electron/core/report/model';
import { produceSignedReport, type ReportJob } from '../electron/core/report/produce';
import { ReportRenderer } from '../electron/core/report/render-in-worker';
import { renderReportPdf } from '../electron/core/report/render';
import { generateOrganisationCertificate } from '../electron/core/signing/certificate';
import { signReportPdf } from '../electron/core/signing/sign';
import { formatMs, summarize, type BenchSuite } from './suite';

/**
 * The full SAQ D report (254 answer rows, 20 worksheets, 40 N/A
 * explanations, 100 evidence entries): react-pdf render plus signature, in
 * this thread and through the worker, against Chromium printing the same
 * content from plain HTML (and signed the same way), as a ratio.
 */

const RUNS = 5;
const PASSPHRASE = 'bench passphrase';

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function rowLabel(row: AnswerRow): string {
  return row.bullet === null ? row.id : `${row.id} bullet ${String(row.bullet.index)}`;
}

/** The report's content as a plain HTML page, for Chromium to print. */
function reportHtml(model: ReportModel): string {
  const e = escapeHtml;
  const field = (label: string, value: string) =>
    `<tr><th>${e(label)}</th><td>${e(value)}</td></tr>`;
  const m = model.merchant;
  const summary = model.executiveSummary;
  const rows = model.answers
    .map(
      (row) =>
        `<tr><td><b>${e(row.id)}</b>${row.bullet === null ? '' : `<br>bullet ${String(row.bullet.index)}`}</td><td>${e(row.summary)}</td><td><b>${row.response === null ? 'Not asked in this SAQ' : RESPONSE_LABELS[row.response]}</b></td></tr>`,
    )
    .join('');
  const worksheets = model.answers
    .filter((row) => row.compensatingControls !== null)
    .map((row) => {
      const sheet = row.compensatingControls;
      if (sheet === null) return '';
      return `<h3>Worksheet for requirement ${e(rowLabel(row))}</h3><table>${field('1. Constraints', sheet.constraints)}${field('2. Definition', sheet.definition)}${field('3. Objective', sheet.objective)}${field('4. Identified risk', sheet.identifiedRisk)}${field('5. Validation', sheet.validation)}${field('6. Maintenance', sheet.maintenance)}</table>`;
    })
    .join('');
  const notApplicable = model.answers
    .filter((row) => row.notApplicableReason !== null)
    .map(
      (row) => `<tr><td>${e(rowLabel(row))}</td><td>${e(row.notApplicableReason ?? '')}</td></tr>`,
    )
    .join('');
  const notTested = model.answers
    .filter((row) => row.notTested !== null)
    .map(
      (row) =>
        `<tr><td>${e(rowLabel(row))}</td><td>${e(row.notTested?.description ?? '')}</td><td>${e(row.notTested?.reason ?? '')}</td></tr>`,
    )
    .join('');
  const evidence = model.evidence
    .map(
      (entry) =>
        `<tr><td>${e(entry.title)}<br>${e(entry.fileName)}</td><td>${formatSize(entry.sizeBytes)}</td><td class="mono">${entry.sha256.slice(0, 32)}<br>${entry.sha256.slice(32)}</td><td>${e(entry.rows.join(', '))}</td></tr>`,
    )
    .join('');
  const part2g = summary.summary
    .map(
      (row) =>
        `<tr><td>Requirement ${e(row.requirement)}: ${e(row.title)}</td>${(['in-place', 'in-place-ccw', 'not-applicable', 'not-tested', 'not-in-place'] as const).map((response) => `<td>${row.responses.includes(response) ? '☒' : '☐'}</td>`).join('')}</tr>`,
    )
    .join('');

  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(saqEditionLabel(model.saq))}</title><style>
    body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #1a1a1a; }
    h1 { font-size: 16pt; break-before: page; } h2 { font-size: 12pt; } h3 { font-size: 10pt; }
    table { width: 100%; border-collapse: collapse; margin-bottom: 8pt; }
    th, td { text-align: left; vertical-align: top; padding: 3pt 4pt; border-bottom: 0.4pt solid #b8b8b8; }
    tr { break-inside: avoid; } .mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; }
  </style></head><body>
  <h1 style="break-before: auto">Self-Assessment Questionnaire and Attestation</h1>
  <p>Record of responses to ${e(saqEditionLabel(model.saq))}. The official PCI SSC form is authoritative.</p>
  <table>${field('Merchant', m.companyName)}${field('Completion date', model.completionDate)}${field('Outcome', model.validation.outcome)}</table>
  <h1>Section 1: Assessment Information</h1>
  <table>${field('Company name', m.companyName)}${field('DBA', m.dba)}${field('Mailing address', m.mailingAddress)}${field('Website', m.website)}${field('Contact', `${m.contactName}, ${m.contactTitle}`)}${field('Phone', m.phone)}${field('E-mail', m.email)}</table>
  <p>${e(summary.environment.description)}</p>
  <h2>Part 2g. Summary of assessment</h2><table>${part2g}</table>
  <h1>Section 2: Self-Assessment Questionnaire</h1>
  <table><thead><tr><th>Requirement</th><th>Summary</th><th>Response</th></tr></thead><tbody>${rows}</tbody></table>
  <h1>Appendix B: Compensating Controls Worksheets</h1>${worksheets}
  <h1>Appendix C: Not Applicable</h1><table>${notApplicable}</table>
  <h1>Appendix D: Not Tested</h1><table>${notTested}</table>
  <h1>Section 3: Validation and Attestation</h1>
  <table>${field('Signer', model.merchantAttestation.signerName)}${field('Title', model.merchantAttestation.signerTitle)}${field('Date', model.merchantAttestation.date)}</table>
  <h1>Evidence index</h1><table><thead><tr><th>Title and file</th><th>Size</th><th>SHA-256</th><th>Rows</th></tr></thead><tbody>${evidence}</tbody></table>
  <h1>About this record</h1><table>${field('Audit trail head', model.audit.head)}${field('Definition SHA-256', model.definition.sha256)}</table>
  </body></html>`;
}

async function timed<T>(body: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await body();
  return { ms: performance.now() - started, value };
}

/** Samples this process's resident memory (all threads) while `body` runs. */
async function peakRss<T>(body: () => Promise<T>): Promise<{ peak: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const value = await body();
    return { peak: Math.max(peak, process.memoryUsage().rss), value };
  } finally {
    clearInterval(timer);
  }
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;

function line(label: string, samples: readonly number[]): string {
  const { median, min, max } = summarize(samples);
  return `${label.padEnd(46)} median ${formatMs(median)}  min ${formatMs(min)}  max ${formatMs(max)}  (n=${String(samples.length)})`;
}

export const reportBench: BenchSuite = {
  name: 'report',

  async run(print) {
    const model = saqDReportFixture();
    const certificate = generateOrganisationCertificate({
      organisation: model.merchant.companyName,
      passphrase: PASSPHRASE,
    });
    const job: ReportJob = {
      model,
      variant: 'full',
      signing: {
        p12: certificate.p12,
        passphrase: PASSPHRASE,
        certificateFingerprint: certificate.fingerprintSha256,
        location: 'Bristol',
        contactInfo: model.merchant.email,
      },
    };
    print(
      `SAQ D: ${String(model.answers.filter((row) => row.response !== null).length)} answer rows, ` +
        `${String(model.answers.filter((row) => row.compensatingControls !== null).length)} worksheets, ` +
        `${String(model.answers.filter((row) => row.notApplicableReason !== null).length)} N/A, ` +
        `${String(model.evidence.length)} evidence entries`,
    );

    // react-pdf, in this thread: the first run pays for fonts and JIT warm-up.
    const rssBefore = process.memoryUsage().rss;
    const cold = await timed(() => produceSignedReport(job));
    const reactPdf: number[] = [];
    const { peak } = await peakRss(async () => {
      for (let run = 0; run < RUNS; run += 1) {
        reactPdf.push((await timed(() => produceSignedReport(job))).ms);
      }
    });
    print(
      `react-pdf render + sign, first run ${formatMs(cold.ms).padStart(12)}  (${String(cold.value.length)} bytes)`,
    );
    print(line('react-pdf render + sign, warm', reactPdf));
    print(`peak RSS during the warm runs: ${mib(peak)} (process before: ${mib(rssBefore)})`);

    // Layout and page numbers alone: the rest of the figure above is signing
    // and the check of the signature.
    const renderOnly: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const rendered = await timed(() =>
        renderReportPdf(model, {
          variant: 'full',
          certificateFingerprint: certificate.fingerprintSha256,
        }),
      );
      renderOnly.push(rendered.ms);
    }
    print(line('react-pdf render alone (unsigned), warm', renderOnly));

    // Through the worker, as the app does it: the first report starts the
    // thread and loads modules and fonts; later ones reuse the warm worker.
    const renderer = new ReportRenderer();
    const worker: number[] = [];
    const workerRun = await peakRss(async () => {
      const first = await timed(() => renderer.render(job));
      for (let run = 0; run < 3; run += 1)
        worker.push((await timed(() => renderer.render(job))).ms);
      return first.ms;
    });
    await renderer.close();
    print(
      `worker thread: first report (start + load + render + sign) ${formatMs(workerRun.value)}`,
    );
    print(line('worker thread: later reports (warm)', worker));
    print(`peak RSS with the worker: ${mib(workerRun.peak)}`);

    // Chromium printing the same content from plain HTML, signed the same way.
    const html = reportHtml(model);
    const profile = mkdtempSync(join(tmpdir(), 'report-bench-chromium-'));
    try {
      const launch = await timed(() =>
        chromium.launchPersistentContext(profile, {
          executablePath: '/usr/bin/chromium',
          headless: true,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        }),
      );
      const context = launch.value;
      try {
        const page = await context.newPage();
        const print_ = async () => {
          await page.setContent(html, { waitUntil: 'load' });
          const pdf = await page.pdf({
            format: 'A4',
            margin: { top: '20.5mm', bottom: '19mm', left: '15.5mm', right: '15.5mm' },
            displayHeaderFooter: true,
            headerTemplate: `<div style="font-size:7pt;margin-left:44pt">Record of responses: ${escapeHtml(saqEditionLabel(model.saq))}</div>`,
            footerTemplate:
              '<div style="font-size:7pt;margin-left:44pt">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
          });
          return pdf;
        };
        const chromeCold = await timed(print_);
        const chromePrint: number[] = [];
        const chromeSigned: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const printed = await timed(print_);
          chromePrint.push(printed.ms);
          const signed = await timed(() =>
            signReportPdf(printed.value, {
              p12: certificate.p12,
              passphrase: PASSPHRASE,
              signerName: model.merchantAttestation.signerName,
              reason: 'bench',
              location: 'Bristol',
              contactInfo: model.merchant.email,
            }),
          );
          chromeSigned.push(printed.ms + signed.ms);
        }
        print(
          `Chromium launch (fresh profile): ${formatMs(launch.ms)}; first print ${formatMs(chromeCold.ms)} (${String(chromeCold.value.length)} bytes)`,
        );
        print(line('Chromium page.pdf()', chromePrint));
        print(line('Chromium page.pdf() + sign', chromeSigned));

        const ours = summarize(reactPdf).median;
        const theirs = summarize(chromeSigned).median;
        print(
          `ratio react-pdf / Chromium (both signed, warm medians): ${(ours / theirs).toFixed(2)}` +
            `; with Chromium's launch counted once: ${(ours / (theirs + launch.ms)).toFixed(2)}`,
        );
      } finally {
        await context.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  },
};
