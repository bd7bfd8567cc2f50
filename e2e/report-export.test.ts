import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoute, type OperationName } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import {
  buildSampleAssessment,
  invokeThrough,
  SAMPLE_MERCHANT,
} from '../electron/core/assessments/sample';
import { startBrowserMode, type BrowserMode } from '../electron/host/browser-mode';
import { launchBrowser, watchPage, type Browser } from './support';
import { checkScreen, heading, PASSPHRASE, unlock } from './wizard-support';

/**
 * The signed report from the browser: a signed sample assessment is built
 * through the real HTTP API (as the page would), then exported and downloaded
 * from the attestation screen, and the downloaded PDF is checked with pdfsig.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-e2e-export-'));
let mode: BrowserMode;
let browser: Browser;
let page: Page;

async function call(name: string, input: unknown): Promise<Result<unknown>> {
  const response = await fetch(
    `http://127.0.0.1:${String(mode.host.port)}${httpRoute(name as OperationName)}`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${mode.host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ input }),
    },
  );
  return (await response.json()) as Result<unknown>;
}

beforeAll(async () => {
  mode = await startBrowserMode({ dataDir });
  expect((await call('createVault', { passphrase: PASSPHRASE })).ok).toBe(true);
  await buildSampleAssessment(invokeThrough(call), { sign: true });
  await call('lockVault', {});
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser.close();
  await mode.stop();
});

describe('exporting the signed report in browser mode', () => {
  it('exports, downloads and the PDF signature is valid over the whole file', async () => {
    const watch = await watchPage(page);
    await unlock(page, mode.host.url);
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .click();
    await page.getByRole('button', { name: /Attestation$/ }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Attestation');
    await expect.poll(() => page.getByTestId('signed').isVisible()).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export: Full record (SAQ and attestation)' }).click();
    const file = join(dataDir, 'downloaded.pdf');
    await (await download).saveAs(file);

    const pdfsig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(pdfsig).toContain('Signature is Valid.');
    expect(pdfsig).toContain('Total document signed');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(SAMPLE_MERCHANT.companyName);

    await expect
      .poll(() => page.getByTestId('certificate-fingerprint').textContent())
      .toMatch(/[0-9A-F:]{40,}/i);
    await checkScreen(page, 'report-export');
    expect(watch.violations).toEqual([]);
  });
});
