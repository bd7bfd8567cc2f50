import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../electron/core/app-core';
import { createLogger } from '../electron/core/log/logger';
import { CHEAP_SCRYPT, FakeKeyring, TEST_PASSPHRASE } from '../electron/core/vault/testing';
import { startHost, type RunningHost } from '../electron/host/server';
import {
  launchBrowser,
  RENDERER_DIR,
  screenshot,
  seriousAxeViolations,
  watchPage,
  type Browser,
} from './support';

/**
 * "Remember on this device" as the desktop app shows it. Electron cannot run
 * here, so the page is served by the browser-mode host over a core that has
 * a fake keyring, which is what the desktop shell's safeStorage adapter is.
 */
const keyring = new FakeKeyring();
let core: AppCore;
let host: RunningHost;
let browser: Browser;
let page: Page;
let watch: { violations: string[]; errors: string[] };

/** A labelled input (not the show-passphrase toggle beside it). */
const field = (label: string) =>
  page.locator('input').and(page.getByLabel(new RegExp(`^${label}( \\*)?$`)));
const heading = () => page.getByRole('heading', { level: 2 }).first();
const deviceButton = () => page.getByRole('button', { name: 'Unlock with this device' });
const remember = () => page.getByRole('switch', { name: 'Remember on this device' });

async function openVaultSettings(): Promise<void> {
  // Unlocking comes back to the screen it was locked on: Home the first time, else the settings.
  await expect.poll(() => heading().textContent()).toMatch(/^(Home|Vault)$/);
  if ((await heading().textContent()) === 'Vault') return;
  await page
    .getByRole('link', { name: 'Vault settings' })
    .or(page.getByRole('button', { name: 'Vault settings' }))
    .first()
    .click();
  await expect.poll(() => heading().textContent()).toBe('Vault');
}

async function lock(): Promise<void> {
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect.poll(() => heading().textContent()).toBe('Unlock your vault');
}

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('Build the app first (npm run build).');
  const log = createLogger({ sinks: [], level: 'error' });
  core = createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-e2e-device-')),
    door: 'desktop',
    log,
    vaultOptions: { scrypt: CHEAP_SCRYPT },
    deviceSecrets: keyring,
  });
  const created = await core.call('createVault', { passphrase: TEST_PASSPHRASE });
  if (!created.ok) throw new Error(created.error.code);
  host = await startHost({ core, staticDir: RENDERER_DIR, log });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser.close();
  await host.close();
  await core.close();
});

describe('remember on this device, in the page', () => {
  it('turns on with the passphrase and unlocks with one click', async () => {
    await page.goto(host.url);
    await openVaultSettings();
    expect(await remember().isChecked()).toBe(false);

    await remember().click({ force: true });
    await field('Passphrase to confirm').fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Remember this device' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('does not open');

    await field('Passphrase to confirm').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Remember this device' }).click();
    await expect.poll(() => remember().isChecked()).toBe(true);
    await screenshot(page, 'vault-device-on');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await lock();
    expect(await field('Passphrase').count()).toBeGreaterThan(0);
    await screenshot(page, 'vault-unlock-device');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await deviceButton().click();
    await openVaultSettings();
  });

  it('says so when the keyring fails, and the passphrase still opens', async () => {
    await lock();
    keyring.osKey = randomBytes(32);
    await deviceButton().click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('could not unlock the vault');

    await field('Passphrase').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await openVaultSettings();

    await remember().click({ force: true });
    await expect.poll(() => remember().isChecked()).toBe(false);
    await lock();
    expect(await deviceButton().count()).toBe(0);
    expect(watch.violations).toEqual([]);
  });
});
