import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildSampleAssessment,
  invokeThrough,
  SAMPLE_MERCHANT,
} from '../electron/core/assessments/sample';
import { browserSession } from './session';
import { checkScreen, heading, PASSPHRASE, unlock } from './wizard-support';

/**
 * The signed report from the browser: a signed sample assessment is built
 * through the real HTTP API (as the page would), then exported and downloaded
 * from the attestation screen, and the downloaded PDF is checked with pdfsig.
 */

const app = browserSession('export', {
  async prepare(session) {
    await session.call('createVault', { passphrase: PASSPHRASE });
    await buildSampleAssessment(invokeThrough(session.send), { sign: true });
    await session.call('lockVault', {});
  },
});

describe('exporting the signed report in browser mode', () => {
  it('exports, downloads and the PDF signature is valid over the whole file', async () => {
    const { page, watch, mode } = app;
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
    const file = join(app.dataDir, 'downloaded.pdf');
    await (await download).saveAs(file);

    const pdfsig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(pdfsig).toContain('Signature is Valid.');
    expect(pdfsig).toContain('Total document signed');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(SAMPLE_MERCHANT.companyName);

    await expect
      .poll(() => page.getByTestId('certificate-fingerprint').textContent())
      .toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await checkScreen(page, 'report-export');
    expect(watch.violations).toEqual([]);
  });
});
