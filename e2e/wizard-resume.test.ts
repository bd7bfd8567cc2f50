import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../electron/host/browser-mode';
import { launchBrowser, watchPage, type Browser } from './support';
import {
  activeRow,
  checkScreen,
  createVault,
  field,
  goToRow,
  goToStep,
  heading,
  saved,
  unlock,
} from './wizard-support';

/**
 * Coming back resumes where the person left off, with the same answers:
 * after closing the page, and after restarting the browser-mode server (which
 * locks the vault) and unlocking again.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-e2e-wizard-resume-'));
const EXPLANATION = 'Shared or generic accounts do not exist in our environment.';
let mode: BrowserMode;
let browser: Browser;
let page: Page;
let watch: { violations: string[]; errors: string[] };

beforeAll(async () => {
  mode = await startBrowserMode({ dataDir });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser.close();
  await mode.stop();
});

/** Opens the only assessment from Home; the wizard goes to where it was left. */
async function openAssessment(): Promise<void> {
  await page.getByRole('button', { name: /^Open / }).click();
  await expect.poll(() => heading(page).textContent()).toBe('Questionnaire');
}

async function expectSameAnswers(): Promise<void> {
  await expect.poll(() => activeRow(page)).toBe('8.2.2');
  expect(await page.getByRole('radio', { name: '3. Not Applicable' }).isChecked()).toBe(true);
  expect(await field(page, 'Why this requirement does not apply (Appendix C)').inputValue()).toBe(
    EXPLANATION,
  );
  expect(await page.locator('#overall-progress-label').textContent()).toBe('2 of 27 rows answered');
  await goToRow(page, '8.2.1');
  expect(await page.getByRole('radio', { name: '1. In Place' }).isChecked()).toBe(true);
  await goToRow(page, '8.2.2');
}

describe('resuming the questionnaire', () => {
  it('answers two rows and leaves at the second', async () => {
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await goToStep(page, '5. Questionnaire', 'Questionnaire');

    await goToRow(page, '8.2.1');
    await page.keyboard.press('1');
    await page.keyboard.press('j');
    await expect.poll(() => activeRow(page)).toBe('8.2.2');
    await page.getByRole('radio', { name: '3. Not Applicable' }).check();
    await field(page, 'Why this requirement does not apply (Appendix C)').fill(EXPLANATION);
    await saved(page);
    await checkScreen(page, 'wizard-resume-before');

    await goToStep(page, 'Home', 'Home');
    await expect
      .poll(() => page.getByTestId('assessments').getByRole('row').nth(1).textContent())
      .toContain('2 of 27');
  });

  it('resumes after the page was closed', async () => {
    await page.close();
    page = await browser.context.newPage();
    watch = await watchPage(page);
    await page.goto(mode.host.url);
    await expect.poll(() => heading(page).textContent()).toBe('Home');
    await openAssessment();
    await expectSameAnswers();
  });

  it('resumes after the server restarted and the vault was unlocked again', async () => {
    await page.close();
    await mode.stop();
    mode = await startBrowserMode({ dataDir });
    page = await browser.context.newPage();
    watch = await watchPage(page);
    await unlock(page, mode.host.url);
    await openAssessment();
    await expectSameAnswers();
    await checkScreen(page, 'wizard-resume-after-restart');
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('forgets the answers in the page when the vault locks', async () => {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
    expect(await page.content()).not.toContain(EXPLANATION);
    await unlock(page, mode.host.url);
    expect(await page.content()).not.toContain(EXPLANATION);
  });
});
