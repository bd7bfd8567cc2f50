import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoute, type OperationName } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { logFilePath } from '../electron/core/log/logger';
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
  PASSPHRASE,
  saved,
} from './wizard-support';

/**
 * What a new-user test found in the screens: card numbers refused at the
 * field with an offer to mask, dates in the reader's locale, dialogs that lock
 * scrolling without breaking the CSP, and a reload that stays where it was.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-e2e-ui-findings-'));
// A well-known test number (Visa), never a real card.
const TEST_CARD = '4111 1111 1111 1111';
const TEST_CARD_DIGITS = '4111111111111111';
const NEW_PASSPHRASE = 'amber kettle drifts over seven quiet hills';
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

async function call(name: OperationName, input: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${String(mode.host.port)}${httpRoute(name)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${mode.host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  const result = (await response.json()) as Result<unknown>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
  return result.value;
}

/** The assessment the tests started (next year's is made from it later). */
async function firstAssessmentId(): Promise<string> {
  const list = (await call('listAssessments', {})) as { id: string; title: string }[];
  return list.find((assessment) => assessment.title.startsWith('PCI DSS'))?.id ?? '';
}

/** The refused field's state as a person (and a screen reader) meets it. */
async function refusedField(label: string) {
  const input = field(page, label);
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  // As text: this file has no DOM types.
  const focusedId = await page.evaluate('document.activeElement?.id');
  const focused = focusedId === (await input.getAttribute('id'));
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const parts = await Promise.all(
    describedBy
      .split(' ')
      .filter((id) => id !== '')
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  const explanation = parts.join(' ');
  return { input, focused, explanation };
}

describe('a card number typed into a form', () => {
  it('is refused at the field in the merchant profile, and masked on request', async () => {
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');

    await field(page, 'Company name').fill(`Harbour Lane ${TEST_CARD}`);
    // The person moves on to the next field before the save comes back.
    await field(page, 'Doing business as (DBA)').click();
    const refused = await refusedField('Company name');

    expect(refused.focused).toBe(true);
    expect(refused.explanation).toMatch(/electronic storage of account data/);
    expect(refused.explanation).toMatch(/every SAQ except SAQ D/);
    await checkScreen(page, 'ui-findings-card-refused-profile');

    await page.getByRole('button', { name: /^Mask it/ }).click();
    expect(await field(page, 'Company name').inputValue()).toBe('Harbour Lane 4111 11** **** 1111');
    await saved(page);
    expect(await field(page, 'Company name').getAttribute('aria-invalid')).toBeNull();
    const detail = (await call('getAssessment', { assessmentId: await firstAssessmentId() })) as {
      merchant: { companyName: string };
    };
    expect(detail.merchant.companyName).toBe('Harbour Lane 4111 11** **** 1111');
  });

  it('is refused at the explanation of a questionnaire row, and masked on request', async () => {
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    await goToRow(page, '8.2.2');
    await page.getByRole('radio', { name: /Not Applicable/ }).check();
    const label = 'Why this requirement does not apply (Appendix C)';
    await field(page, label).fill(`Customer 378282246310005 called`);
    const refused = await refusedField(label);

    expect(refused.focused).toBe(true);
    expect(refused.explanation).toMatch(/electronic storage of account data/);
    await checkScreen(page, 'ui-findings-card-refused-row');

    await page.getByRole('button', { name: /^Mask it/ }).click();
    expect(await field(page, label).inputValue()).toBe('Customer 378282*****0005 called');
    await saved(page);
    expect(await activeRow(page)).toBe('8.2.2');
  });

  it('never reaches the log', () => {
    const log = readFileSync(logFilePath(dataDir), 'utf8');

    expect(log).not.toContain(TEST_CARD_DIGITS);
    expect(log).not.toContain(TEST_CARD);
    expect(log).not.toContain('378282246310005');
    expect(watch.violations).toEqual([]);
  });
});

describe('dates', () => {
  it('are shown in the reader locale on Home and in the vault settings, with the ISO value kept', async () => {
    await goToStep(page, 'Home', 'Home');
    const table = page.getByTestId('assessments');
    await expect.poll(() => table.locator('time').count()).toBeGreaterThan(0);
    const changed = table.locator('time').first();
    const iso = (await changed.getAttribute('datetime')) ?? '';

    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await changed.getAttribute('title')).toBe(iso);
    expect(await table.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await checkScreen(page, 'ui-findings-home-dates');

    await goToStep(page, 'Vault settings', 'Vault');
    await page.getByRole('button', { name: 'Back up now' }).click();
    const backups = page.getByRole('table', { name: 'Backups' });
    await expect.poll(() => backups.locator('time').count()).toBe(1);
    expect(await backups.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

describe('a dialog', () => {
  it('locks the page behind it without any CSP violation', async () => {
    await goToStep(page, 'Home', 'Home');
    const bodyOverflow = () => page.evaluate('getComputedStyle(document.body).overflow');
    expect(await bodyOverflow()).not.toBe('hidden');

    // The question before next year's assessment is made (cancelled: nothing is made).
    await page.getByRole('button', { name: /^Start next year's assessment from / }).click();
    const dialog = page.getByRole('dialog', { name: 'Start next year’s assessment?' });
    await dialog.waitFor();

    await expect.poll(bodyOverflow).toBe('hidden');
    // The dialog fades in: look at it once it is fully shown.
    await expect
      .poll(() =>
        dialog.evaluate(
          'getComputedStyle(document.querySelector(".mantine-Modal-content")).opacity',
        ),
      )
      .toBe('1');
    await checkScreen(page, 'ui-findings-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(bodyOverflow).not.toBe('hidden');
    expect(watch.violations).toEqual([]);
    expect(watch.errors.filter((error) => /Content Security Policy/i.test(error))).toEqual([]);
  });
});

describe('smaller findings', () => {
  it('refuses a level count too large to keep exactly, at the field', async () => {
    await page.getByRole('button', { name: /^Open PCI DSS self-assessment/ }).click();
    await goToStep(page, '2. Merchant level', 'Merchant level');
    const visaEcommerce = page.getByLabel('Visa E-commerce transactions a year');
    await visaEcommerce.fill('250000');
    await saved(page);
    await visaEcommerce.fill('90071992547409930');

    await expect.poll(() => visaEcommerce.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(/too large for the app to keep exactly/).count()).toBe(1);
    await checkScreen(page, 'ui-findings-level-too-large');
    const detail = (await call('getAssessment', { assessmentId: await firstAssessmentId() })) as {
      level: { inputs: { visa: { ecommerce: number } } | null };
    };
    expect(detail.level.inputs?.visa.ecommerce).toBe(250000);
  });

  it('notes an odd e-mail address or phone number without refusing it', async () => {
    await goToStep(page, '1. Merchant profile', 'Merchant profile');
    await field(page, 'Contact e-mail').fill('pci at harbour lane');
    await field(page, 'Contact phone').fill('+44 (0)20 7946 0000 ext. 12');
    await saved(page);

    expect(await page.getByText(/does not look like an e-mail address/).count()).toBe(1);
    expect(await page.getByText(/does not look like a phone number/).count()).toBe(0);
    expect(await field(page, 'Contact e-mail').getAttribute('aria-invalid')).toBeNull();
    await checkScreen(page, 'ui-findings-contact-note');
  });

  it('asks for the new passphrase twice and refuses a long but weak one', async () => {
    await goToStep(page, 'Vault settings', 'Vault');
    const change = page.getByRole('button', { name: 'Change passphrase' });
    await field(page, 'Current passphrase').fill(PASSPHRASE);
    await field(page, 'New passphrase').fill('tractor tractor tractor tractor');
    await field(page, 'Repeat the new passphrase').fill('tractor tractor tractor tractor');

    expect(await change.isDisabled()).toBe(true);
    expect(await page.getByText(/long enough but easy to guess/).count()).toBe(1);

    await field(page, 'New passphrase').fill(NEW_PASSPHRASE);
    await field(page, 'Repeat the new passphrase').fill(`${NEW_PASSPHRASE}s`);
    expect(await change.isDisabled()).toBe(true);
    expect(await page.getByText('The two new passphrases differ.').count()).toBe(1);
    await checkScreen(page, 'ui-findings-change-passphrase');

    await field(page, 'Repeat the new passphrase').fill(NEW_PASSPHRASE);
    await change.click();
    await expect.poll(() => page.getByText('The passphrase was changed.').count()).toBe(1);
  });
});

describe('reloading the page', () => {
  it('comes back to the screen and assessment it showed, and keeps no token with them', async () => {
    await goToStep(page, 'Home', 'Home');
    await page.getByRole('button', { name: /^Open PCI DSS self-assessment/ }).click();
    await goToStep(page, '4. Executive summary', 'Executive summary');
    await page.reload();

    await expect.poll(() => heading(page).textContent()).toBe('Executive summary');
    const remembered = await page.evaluate<string>('sessionStorage.getItem("pci-saq.place")');
    expect(JSON.parse(remembered)).toEqual({
      place: 'summary',
      assessmentId: await firstAssessmentId(),
    });
    expect(remembered).not.toContain(mode.host.token);

    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    await goToRow(page, '8.2.2');
    // The row to resume at is saved in core a moment after the move.
    await expect
      .poll(async () => {
        const detail = (await call('getAssessment', {
          assessmentId: await firstAssessmentId(),
        })) as { resume: { rowId?: string } | null };
        return detail.resume?.rowId;
      })
      .toBe('8.2.2');
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Questionnaire');
    await expect.poll(() => activeRow(page)).toBe('8.2.2');
    await checkScreen(page, 'ui-findings-after-reload');
    expect(watch.violations).toEqual([]);

    // Opening the address afresh is not a reload: it starts at Home as always.
    await page.goto('about:blank');
    await page.goto(mode.host.url);
    await expect.poll(() => heading(page).textContent()).toBe('Home');
  });
});

describe('the questionnaire row list', () => {
  it('names the keys of the responses this SAQ has, and fits an incomplete badge', async () => {
    await page.getByRole('button', { name: /^Open PCI DSS self-assessment/ }).click();
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    expect(await page.getByText('Keys 1 to 4 in the row list pick these in order.').count()).toBe(
      1,
    );
    expect(await page.getByRole('listbox', { name: /1 to 4 pick a response/ }).count()).toBe(1);

    await goToRow(page, '8.2.5');
    await page.keyboard.press('4');
    await page.getByLabel(/A law or regulation prevents meeting this requirement/).check();
    await goToRow(page, '8.3.1');
    await page.keyboard.press('3');
    for (const rowId of ['8.2.5', '8.3.1']) {
      const badge = page.locator(`[data-row="${rowId}"] .mantine-Badge-root`);
      await expect.poll(() => badge.textContent()).toMatch(/\(incomplete\)$/);
      // The visible label fits: nothing is cut off with an ellipsis.
      const fits = await page.evaluate(
        `(() => { const label = document.querySelector('[data-row="${rowId}"] .mantine-Badge-label'); return label.scrollWidth <= label.clientWidth; })()`,
      );
      expect(fits, rowId).toBe(true);
    }
    await checkScreen(page, 'ui-findings-incomplete-badges');
  });
});

describe('expired evidence', () => {
  it('stands out on Home with its date and a way to it', async () => {
    const evidence = {
      title: 'Access control policy 2025',
      fileName: 'access-policy.txt',
      mediaType: 'text/plain',
      kind: 'policy',
      expiresOn: '2026-01-31',
    };
    const upload = await fetch(`http://127.0.0.1:${String(mode.host.port)}/api/upload`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${mode.host.token}`,
        'Content-Type': 'application/octet-stream',
        'X-Evidence': Buffer.from(JSON.stringify(evidence)).toString('base64url'),
      },
      body: 'Accounts are reviewed every quarter.',
    });
    const imported = (await upload.json()) as Result<{ item: { id: string } }>;
    if (!imported.ok) throw new Error(imported.error.code);
    await call('linkEvidence', {
      id: imported.value.item.id,
      assessmentId: await firstAssessmentId(),
      rowId: '8.2.1',
    });

    await goToStep(page, 'Home', 'Home');
    const due = page.getByTestId('due').getByRole('listitem').filter({ hasText: evidence.title });
    await expect.poll(() => due.count()).toBe(1);
    expect(await due.locator('.mantine-Badge-root').textContent()).toBe('Expired');
    // Late things come first.
    expect(await page.getByTestId('due').getByRole('listitem').first().textContent()).toContain(
      evidence.title,
    );
    expect(await due.locator('time').getAttribute('datetime')).toBe('2026-01-31');
    expect(await due.textContent()).not.toContain('2026-01-31');
    await checkScreen(page, 'ui-findings-expired-evidence');

    await due.getByRole('button', { name: 'Replace it in Evidence' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Evidence');
    // The link opens the item itself, focused.
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toBe(`Evidence item: ${evidence.title}`);
    expect(await page.getByTestId('evidence-detail').getByRole('heading').textContent()).toBe(
      evidence.title,
    );
  });
});

describe('the Part 2h statements', () => {
  it('can be confirmed together instead of one tick at a time', async () => {
    await goToStep(page, 'Home', 'Home');
    await page.getByRole('button', { name: /^Open PCI DSS self-assessment/ }).click();
    await goToStep(page, '4. Executive summary', 'Executive summary');
    const statements = page.getByTestId('eligibility').getByRole('checkbox');
    expect(await statements.count()).toBe(7);

    await page.getByRole('button', { name: 'All 7 statements are true: confirm them' }).click();
    await saved(page);
    for (const statement of await statements.all()) expect(await statement.isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: /statements are true/ }).count()).toBe(0);
    await checkScreen(page, 'ui-findings-part-2h');
  });
});
