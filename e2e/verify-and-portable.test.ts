import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoute, type OperationName } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import {
  buildSampleAssessment,
  invokeThrough,
  SAMPLE_MERCHANT,
} from '../electron/core/assessments/sample';
import { CHEAP_SCRYPT } from '../electron/core/vault/testing';
import { startBrowserMode, type BrowserMode } from '../electron/host/browser-mode';
import { launchBrowser, seriousAxeViolations, watchPage, type Browser } from './support';
import { checkScreen, heading, PASSPHRASE, unlock } from './wizard-support';

/**
 * What only the command line could do before, from the page: verifying a
 * signed report (before and after unlock; an intact export, a tampered copy,
 * a file that is not a PDF, an expected fingerprint) and moving an
 * assessment to a fresh vault as an encrypted bundle, exported from the
 * attestation screen and imported from Home.
 */

const scratch = mkdtempSync(join(tmpdir(), 'pci-saq-e2e-verify-'));
const BUNDLE_PASSPHRASE = 'harbour lane bundle passphrase';
const TITLE = 'Harbour Lane online shop 2026';
let source: BrowserMode;
let fresh: BrowserMode;
let browser: Browser;
let page: Page;
let watch: Awaited<ReturnType<typeof watchPage>>;
let fingerprint: string;
let exportedReport: string;
let bundleFile: string;

function caller(mode: () => BrowserMode) {
  return async (name: string, input: unknown): Promise<Result<unknown>> => {
    const { host } = mode();
    const response = await fetch(
      `http://127.0.0.1:${String(host.port)}${httpRoute(name as OperationName)}`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
      },
    );
    return (await response.json()) as Result<unknown>;
  };
}

beforeAll(async () => {
  const options = { vaultOptions: { scrypt: CHEAP_SCRYPT } };
  source = await startBrowserMode({ ...options, dataDir: mkdtempSync(join(scratch, 'source-')) });
  fresh = await startBrowserMode({ ...options, dataDir: mkdtempSync(join(scratch, 'fresh-')) });
  const call = caller(() => source);
  expect((await call('createVault', { passphrase: PASSPHRASE })).ok).toBe(true);
  const { assessmentId } = await buildSampleAssessment(invokeThrough(call));
  // One evidence file, so that the bundle carries one across.
  const evidence = {
    title: 'Quarterly ASV scan',
    fileName: 'asv-scan.txt',
    kind: 'asv-scan',
    mediaType: 'text/plain',
  };
  const uploaded = (await (
    await fetch(`http://127.0.0.1:${String(source.host.port)}/api/upload`, {
      method: 'POST',
      body: 'Scan passed: no vulnerabilities rated 4.0 or higher.\n',
      headers: {
        Authorization: `Bearer ${source.host.token}`,
        'X-Evidence': Buffer.from(JSON.stringify(evidence)).toString('base64url'),
      },
    })
  ).json()) as Result<{ item: { id: string } }>;
  if (!uploaded.ok) throw new Error(uploaded.error.message);
  expect(
    (await call('linkEvidence', { id: uploaded.value.item.id, assessmentId, rowId: '11.3.2' })).ok,
  ).toBe(true);
  expect((await call('signAssessment', { assessmentId })).ok).toBe(true);
  await call('lockVault', {});
  expect((await caller(() => fresh)('createVault', { passphrase: PASSPHRASE })).ok).toBe(true);
  await caller(() => fresh)('lockVault', {});
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = await watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser.close();
  await source.stop();
  await fresh.stop();
});

/** Hands a file to the screen's drop zone, as a drop or the browser's chooser would. */
async function give(label: string, path: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).setInputFiles(path);
}

/** A passphrase input by its label (required fields add an asterisk). */
const passphraseInput = (scope: Locator, label: string): Locator =>
  scope.locator('input').and(scope.getByLabel(new RegExp(`^${label}( \\*)?$`)));

const verdict = (target: Page) =>
  target
    .getByTestId('verification')
    .getByRole('alert')
    .or(target.getByTestId('verification').getByRole('status'));

describe('exporting and verifying a signed report', () => {
  it('exports the report from the attestation screen', async () => {
    await unlock(page, source.host.url);
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .click();
    await page.getByRole('button', { name: /Attestation$/ }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Attestation');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export: Full record (SAQ and attestation)' }).click();
    exportedReport = join(scratch, 'report.pdf');
    await (await download).saveAs(exportedReport);
    fingerprint = (await page.getByTestId('certificate-fingerprint').textContent()) ?? '';
    // Shown in groups of four, to read out over the phone.
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('says the export is intact, with its signer, fingerprint and claimed time', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Verify a report' })
      .click();
    await expect.poll(() => heading(page).textContent()).toBe('Verify a report');
    await checkScreen(page, 'verify-empty');

    await give('Report to verify', exportedReport);
    // Without the merchant's fingerprint, unchanged does not say who signed.
    await expect
      .poll(() => verdict(page).textContent())
      .toMatch(/^Unchanged since it was signed, but who signed it is not confirmed/);
    expect(await verdict(page).textContent()).toMatch(/by phone or a second channel/);
    expect(await page.getByTestId('fingerprint-verdict').textContent()).toBe(
      'Not checked: none was entered, so who signed it is not confirmed',
    );
    expect(await page.getByTestId('verified-signer').textContent()).toBe(
      SAMPLE_MERCHANT.contactName,
    );
    const shown = (await page.getByTestId('verified-fingerprint').textContent()) ?? '';
    expect(shown.replaceAll(':', '').toLowerCase()).toBe(
      fingerprint.replace(/[\s:]/g, '').toLowerCase(),
    );
    expect(await page.getByTestId('verification').textContent()).toContain(
      "(as claimed by the signer's clock)",
    );
    await checkScreen(page, 'verify-intact');
  });

  it('checks an expected fingerprint typed with spaces and small letters', async () => {
    const typed = fingerprint.replaceAll(':', ' ').toLowerCase();
    await page.getByLabel('Expected certificate fingerprint (optional)').fill(typed);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect
      .poll(() => verdict(page).textContent())
      .toMatch(/^Intact and signed by the expected certificate/);
    expect(await page.getByTestId('fingerprint-verdict').textContent()).toBe('Matches');
    await checkScreen(page, 'verify-expected');

    await page.getByLabel('Expected certificate fingerprint (optional)').fill('12:34');
    expect(await page.getByText('A SHA-256 fingerprint is 64 hexadecimal digits').count()).toBe(1);
    await page.getByLabel('Expected certificate fingerprint (optional)').fill('');
  });

  it('says a tampered copy is not intact, with the reason, even when the certificate matches', async () => {
    const tampered = join(scratch, 'tampered.pdf');
    writeFileSync(tampered, Buffer.concat([readFileSync(exportedReport), Buffer.from('%%EOF\n')]));

    await page.getByLabel('Expected certificate fingerprint (optional)').fill(fingerprint);
    await give('Report to verify', tampered);
    await expect.poll(() => verdict(page).textContent()).toMatch(/^Not intact/);
    expect(await page.getByTestId('verification-problems').textContent()).toMatch(
      /bytes were added after the signed part/,
    );
    expect(await page.getByTestId('fingerprint-verdict').textContent()).toBe(
      'The certificate matches, but the document was changed after signing',
    );
    await checkScreen(page, 'verify-tampered');
    await page.getByLabel('Expected certificate fingerprint (optional)').fill('');
  });

  it('refuses a file that is not a PDF, saying so', async () => {
    const notes = join(scratch, 'notes.pdf');
    writeFileSync(notes, 'Renamed text, not a PDF\n');

    await give('Report to verify', notes);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'could not be checked' }).textContent())
      .toMatch(/notes\.pdf is not a PDF file/);
  });

  it('is there before unlock too, from the header', async () => {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
    await page.getByRole('banner').getByRole('button', { name: 'Verify a report' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Verify a report');

    await give('Report to verify', exportedReport);
    await expect.poll(() => verdict(page).textContent()).toMatch(/^Unchanged since it was signed/);
    await checkScreen(page, 'verify-locked');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
  });
});

describe('moving an assessment to a fresh vault', () => {
  it('exports an encrypted bundle from the attestation screen', async () => {
    // Unlocking comes back to the screen the vault was locked on.
    await unlock(page, source.host.url, 'Verify a report');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Home' })
      .click();
    await expect.poll(() => heading(page).textContent()).toBe('Home');
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .click();
    await page.getByRole('button', { name: /Attestation$/ }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Attestation');

    const form = page.getByRole('form', { name: 'Export portable copy' });
    await form.getByLabel('Plain JSON, without the evidence files').check();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/not encrypted/);
    expect(await form.getByRole('button', { name: 'Export portable copy' }).isDisabled()).toBe(
      true,
    );
    await form.getByRole('alert').scrollIntoViewIfNeeded();
    await checkScreen(page, 'portable-json-warning');

    await form.getByLabel('Encrypted bundle with the evidence files (recommended)').check();
    await passphraseInput(form, 'Bundle passphrase').fill(BUNDLE_PASSPHRASE);
    await passphraseInput(form, 'Bundle passphrase again').fill(`${BUNDLE_PASSPHRASE}x`);
    expect(await form.getByRole('button', { name: 'Export portable copy' }).isDisabled()).toBe(
      true,
    );
    await passphraseInput(form, 'Bundle passphrase again').fill(BUNDLE_PASSPHRASE);
    expect(await form.getByText('Strength:').count()).toBe(1);

    const download = page.waitForEvent('download');
    await form.getByRole('button', { name: 'Export portable copy' }).click();
    bundleFile = join(scratch, 'copy.bundle');
    await (await download).saveAs(bundleFile);
    expect(readFileSync(bundleFile).subarray(0, 8).toString('latin1')).toBe('PSAQBNDL');
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/Portable copy made/);
    await checkScreen(page, 'portable-export');
  });

  it('imports the bundle into a fresh vault from Home, asking its passphrase', async () => {
    await unlock(page, fresh.host.url);
    expect(await page.getByRole('button', { name: `Open ${TITLE}` }).count()).toBe(0);

    await give('Assessment file to import', bundleFile);
    await expect
      .poll(() => page.getByTestId('import-file').textContent())
      .toContain('encrypted bundle');
    const form = page.getByRole('form', { name: 'Import the chosen file' });
    await passphraseInput(form, 'Bundle passphrase').fill('not the bundle passphrase');
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'does not open this bundle' }).count())
      .toBe(1);

    await passphraseInput(form, 'Bundle passphrase').fill(BUNDLE_PASSPHRASE);
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: `Open ${TITLE}` }).count()).toBe(1);
    // Signed in the source vault, it arrives as a draft: signing is an act of the person here.
    expect(await page.getByRole('status').filter({ hasText: 'Imported' }).textContent()).toMatch(
      /1 evidence file, as a draft: it is not signed in this vault/,
    );
    expect(await page.getByTestId('import-source-signing').textContent()).toMatch(
      new RegExp(
        `^Signed in the source vault on .+ by ${SAMPLE_MERCHANT.contactName}, as the file states it\\. .*sign it here to export a signed report\\.$`,
      ),
    );
    await checkScreen(page, 'portable-imported');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Evidence' })
      .click();
    await expect.poll(() => page.getByText('Quarterly ASV scan').count()).toBeGreaterThan(0);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Home' })
      .click();
    await expect.poll(() => heading(page).textContent()).toBe('Home');
  });

  it('exports a portable copy from the assessment row on Home', async () => {
    await page.getByRole('button', { name: `Portable copy of ${TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Portable copy of ${TITLE}` });
    await dialog.getByLabel('Plain JSON, without the evidence files').check();
    await dialog
      .getByLabel('I understand that this file is not encrypted and contains everything')
      .check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export portable copy' }).click();
    const copy = join(scratch, 'copy.json');
    await (await download).saveAs(copy);
    const document = JSON.parse(readFileSync(copy, 'utf8')) as { assessment: { title: string } };
    expect(document.assessment.title).toBe(TITLE);
    await checkScreen(page, 'portable-home-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('refuses a damaged document, listing every problem with its JSON path', async () => {
    const damaged = join(scratch, 'damaged.json');
    writeFileSync(
      damaged,
      JSON.stringify({ format: 'pci-saq-assessment', formatVersion: 1, unexpected: true }),
    );

    await give('Assessment file to import', damaged);
    await expect.poll(() => page.getByTestId('import-file').textContent()).toContain('plain JSON');
    await page
      .getByRole('form', { name: 'Import the chosen file' })
      .getByRole('button', { name: 'Import', exact: true })
      .click();
    await expect.poll(() => page.getByTestId('import-problems').textContent()).toContain('$.');
    expect(await page.getByTestId('import-problems').getByRole('listitem').count()).toBeGreaterThan(
      1,
    );
    expect(await page.getByRole('button', { name: /^Open / }).count()).toBe(1);
    await checkScreen(page, 'portable-refused');

    // People get the place in their terms too: the requirement, and why __proto__ is refused.
    const hostile = join(scratch, 'hostile.json');
    writeFileSync(
      hostile,
      '{"format":"pci-saq-assessment","formatVersion":1,"assessment":{"answers":[' +
        '{"rowId":"2.2.2","notes":"card 4111 1111 1111 1111","__proto__":{"x":1}}]}}',
    );
    await give('Assessment file to import', hostile);
    await expect
      .poll(() => page.getByTestId('import-file').textContent())
      .toContain('hostile.json');
    await page
      .getByRole('form', { name: 'Import the chosen file' })
      .getByRole('button', { name: 'Import', exact: true })
      .click();
    const items = page.getByTestId('import-problems').getByRole('listitem');
    await expect
      .poll(() => items.filter({ hasText: 'Answer to requirement 2.2.2, notes:' }).textContent())
      .toMatch(/a card number.*\(at \$\.assessment\.answers\[0\]\.notes\)$/);
    expect(
      await items.filter({ hasText: 'A key named __proto__ is not allowed' }).textContent(),
    ).toBe(
      'Answer to requirement 2.2.2: A key named __proto__ is not allowed (it could change how the app reads the file). (at $.assessment.answers[0].__proto__)',
    );
    expect(await page.getByTestId('import-problems').textContent()).not.toContain('4111');
    await checkScreen(page, 'portable-refused-located');
    expect(watch.violations).toEqual([]);
  });
});
