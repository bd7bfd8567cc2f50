import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdleClock } from '../electron/core/vault/vault-service';
import { startBrowserMode, type BrowserMode } from '../electron/host/browser-mode';
import {
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  watchPage,
  type Browser,
} from './support';

const PASSPHRASE = 'correct horse battery staple';
const NEW_PASSPHRASE = 'purple otter quietly juggles lanterns';

/**
 * The vault's idle clock. It runs at normal speed until the auto-lock test
 * speeds it up, so that one minute of idle time passes in 50 ms.
 */
let speed = 1;
let virtualNow = Date.now();
let lastReal = Date.now();
const idleClock: IdleClock = {
  now: () => {
    virtualNow += (Date.now() - lastReal) * speed;
    lastReal = Date.now();
    return virtualNow;
  },
  setTimeout: (callback, ms) => setTimeout(callback, Math.ceil(ms / speed)),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-e2e-vault-'));
let mode: BrowserMode;
let browser: Browser;
let page: Page;
let watch: { violations: string[]; errors: string[] };
let recoveryKey = '';

beforeAll(async () => {
  mode = await startBrowserMode({ dataDir, vaultOptions: { clock: idleClock } });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser.close();
  await mode.stop();
});

/**
 * After unlocking, the app opens at Home, or comes back to the vault settings
 * when it was locked there; vault management is one click away.
 */
async function openVaultSettings(): Promise<void> {
  await expect.poll(() => heading().textContent()).toMatch(/^(Home|Vault)$/);
  if ((await heading().textContent()) === 'Vault') return;
  await page
    .getByRole('link', { name: 'Vault settings' })
    .or(page.getByRole('button', { name: 'Vault settings' }))
    .first()
    .click();
  await expect.poll(() => heading().textContent()).toBe('Vault');
}

async function unlockWith(passphrase: string): Promise<void> {
  await field('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** A labelled input; required fields carry a trailing asterisk in their label. */
const field = (label: string) =>
  page.locator('input').and(page.getByLabel(new RegExp(`^${label}( \\*)?$`)));

const heading = () => page.getByRole('heading', { level: 2 }).first();

describe('the vault screen in browser mode', () => {
  it('creates a vault and shows the recovery key once', async () => {
    await page.goto(mode.host.url);
    await expect.poll(() => heading().textContent()).toBe('Create your vault');

    await field('Passphrase').fill('too short');
    await expect.poll(() => page.getByText('Strength:').textContent()).toContain('Too short');
    await expect
      .poll(() => page.getByRole('button', { name: 'Create the vault' }).isDisabled())
      .toBe(true);

    await field('Passphrase').fill(PASSPHRASE);
    await field('Repeat the passphrase').fill(PASSPHRASE);
    await screenshot(page, 'vault-create');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create the vault' }).click();

    await expect.poll(() => heading().textContent()).toBe('Your recovery key');
    const groups = await page.getByTestId('recovery-key-group').allTextContents();
    expect(groups.length).toBeGreaterThan(4);
    recoveryKey = groups.join('-');
    await screenshot(page, 'vault-recovery-key');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('I have written down').check();
    await field('To confirm, type the last group of the key').fill(groups.at(-1) ?? '');
    await page.getByRole('button', { name: 'Continue' }).click();
    await openVaultSettings();
  });

  it('has written nothing readable to disk', () => {
    const vaultDir = join(dataDir, 'vault');
    for (const name of readdirSync(vaultDir)) {
      const file = join(vaultDir, name);
      if (!statSync(file).isFile()) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes('SQLite format 3')).toBe(false);
      expect(bytes.includes(PASSPHRASE)).toBe(false);
      expect(bytes.includes(recoveryKey.replaceAll('-', ''))).toBe(false);
    }
  });

  it('offers "remember on this device" only in the desktop app', async () => {
    const remember = page.getByRole('switch', { name: 'Remember on this device' });
    await expect.poll(() => remember.isDisabled()).toBe(true);
    expect(await remember.isChecked()).toBe(false);
    expect(await page.getByText('Not available here.').count()).toBe(1);
  });

  it('locks, refuses a wrong passphrase and unlocks with the right one', async () => {
    await screenshot(page, 'vault-settings');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock your vault');
    expect(await page.content()).not.toContain(recoveryKey.split('-')[0] ?? 'x');
    expect(await page.getByRole('button', { name: 'Unlock with this device' }).count()).toBe(0);

    await unlockWith('not the passphrase at all');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('does not open this vault');
    await screenshot(page, 'vault-unlock-wrong');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await unlockWith(PASSPHRASE);
    await openVaultSettings();
  });

  it('backs up and lists the verified backup', async () => {
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => page.getByText('Backup written and verified').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('table', { name: 'Backups' }).locator('tbody tr').count())
      .toBe(1);
  });

  it('opens with the recovery key and sets a new passphrase', async () => {
    await page.getByRole('button', { name: 'Lock now' }).click();
    await page.getByRole('tab', { name: 'Recovery key' }).click();
    await field('Recovery key').fill(recoveryKey);
    await field('New passphrase').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
    // Back to the screen it was locked on.
    await expect.poll(() => heading().textContent()).toBe('Vault');

    // The header's Lock button works from any screen.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlockWith(NEW_PASSPHRASE);
    await openVaultSettings();
  });

  it('unlocks again after the browser-mode server restarts', async () => {
    await mode.stop();
    mode = await startBrowserMode({ dataDir, vaultOptions: { clock: idleClock } });
    await page.goto(mode.host.url);
    await expect.poll(() => heading().textContent()).toBe('Unlock your vault');
    await unlockWith(NEW_PASSPHRASE);
    await openVaultSettings();
  });

  it('locks itself after the idle time and clears the page', async () => {
    // An empty or negative value is refused rather than saved as "never".
    await page.getByLabel(/Lock after this many minutes/).fill('');
    await expect
      .poll(() => page.getByRole('button', { name: 'Save', exact: true }).isDisabled())
      .toBe(true);

    speed = 1200;
    await page.getByLabel(/Lock after this many minutes/).fill('1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => heading().textContent(), { timeout: 10_000 }).toBe('Unlock your vault');
    expect(await page.content()).not.toContain('Changes saved');
    expect(watch.violations).toEqual([]);
  });
});
