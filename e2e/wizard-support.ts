import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot, seriousAxeViolations } from './support';

/** Steps the wizard browser tests share: the way into the vault and around the wizard. */

export const PASSPHRASE = 'correct horse battery staple';

/** A labelled input or textarea; required fields carry a trailing asterisk in their label. */
export const field = (page: Page, label: string): Locator =>
  page
    .locator('input, textarea')
    .and(page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)));

export const heading = (page: Page): Locator => page.getByRole('heading', { level: 2 }).first();

/** Creates the vault through its screens and lands on Home. */
export async function createVault(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => heading(page).textContent()).toBe('Create your vault');
  await field(page, 'Passphrase').fill(PASSPHRASE);
  await field(page, 'Repeat the passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await expect.poll(() => heading(page).textContent()).toBe('Your recovery key');
  const groups = await page.getByTestId('recovery-key-group').allTextContents();
  await page.getByLabel('I have written down').check();
  await field(page, 'To confirm, type the last group of the key').fill(groups.at(-1) ?? '');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => heading(page).textContent()).toBe('Home');
}

/** Unlocks; a page locked on a screen comes back to it (`landsOn`), a fresh one to Home. */
export async function unlock(page: Page, url: string, landsOn = 'Home'): Promise<void> {
  await page.goto(url);
  await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
  await field(page, 'Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect.poll(() => heading(page).textContent()).toBe(landsOn);
}

/** Keeps a screenshot of the screen and checks it with axe. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

/** Waits until every change on the screen has been saved. */
export async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').first().textContent()).toBe('Saved');
}

export const rowList = (page: Page): Locator =>
  page.getByRole('listbox', { name: /Questionnaire rows/ });

/** The row whose details are shown. */
export const activeRow = (page: Page): Promise<string | null> =>
  page.getByTestId('row-detail').getAttribute('data-row');

/**
 * Jumps to the row's principal requirement in the group navigation, then
 * moves down the focused row list with the keyboard until `rowId` is active.
 */
export async function goToRow(page: Page, rowId: string): Promise<void> {
  const principal = rowId.split('.')[0] ?? '';
  await page
    .getByRole('navigation', { name: 'Requirement groups' })
    .getByRole('button', { name: new RegExp(`^${principal}\\. `) })
    .click();
  await rowList(page).focus();
  for (let step = 0; step < 400; step += 1) {
    if ((await activeRow(page)) === rowId) return;
    await page.keyboard.press('j');
  }
  throw new Error(`Row ${rowId} is not in the list`);
}

/** Clicks a step in the navigation. */
export async function goToStep(page: Page, label: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
  await expect.poll(() => heading(page).textContent()).toBe(title);
}

/** Chooses an option of a Mantine Select by its label and the option's text. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await field(page, label).click();
  await page.getByRole('option', { name: option }).click();
}
