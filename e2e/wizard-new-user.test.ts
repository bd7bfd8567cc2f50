import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
import {
  checkScreen,
  createVault,
  field,
  goToStep,
  heading,
  PASSPHRASE,
  saved,
} from './wizard-support';

/**
 * What a second new-user test found in the wizard: typing lost on a quick
 * reload, future dates accepted on Home, merchant volumes silently rounded,
 * the place lost on lock, next year's made from a draft, raw signing times.
 */

const app = browserSession('wizard-new-user');

describe('the wizard after a new-user test', () => {
  it('keeps a change typed just before a reload: the page asks, then sends it as it unloads', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');

    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await field(page, 'Company name').fill('Harbour Lane Coffee');
    // At once, well inside the pause autosave waits for.
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await expect.poll(() => field(page, 'Company name').inputValue()).toBe('Harbour Lane Coffee');
    expect(dialogs).toEqual(['beforeunload']);

    // Once everything is saved, leaving asks nothing.
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    expect(dialogs).toEqual(['beforeunload']);
    await checkScreen(page, 'wizard-new-user-profile-kept');
  });

  it('refuses a future date recorded on Home at its field, then takes today and gives focus back', async () => {
    const { page } = app;
    await goToStep(page, 'Home', 'Home');
    await page.getByRole('button', { name: /^Record: Date of the last passing ASV scan/ }).click();
    const date = page.getByLabel(/^Date of the last passing ASV scan/);
    await expect.poll(() => focusedLabel(page)).toMatch(/^Date of the last passing ASV scan/);
    await date.fill(isoDay(40));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() =>
        page
          .getByText('The date of the last passing ASV scan cannot be in the future.')
          .isVisible(),
      )
      .toBe(true);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'wizard-new-user-future-scan-date');
    const [summary] = await app.call('listAssessments', {});
    const detail = await app.call('getAssessment', { assessmentId: summary?.id ?? '' });
    expect(detail.dueDates.lastPassingAsvScanOn).toBeNull();

    await date.fill(isoDay(-10));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => date.isVisible()).toBe(false);
    await expect
      .poll(() => focusedLabel(page))
      .toMatch(/^Record: Date of the last passing ASV scan/);
    const after = await app.call('getAssessment', { assessmentId: summary?.id ?? '' });
    expect(after.dueDates.lastPassingAsvScanOn).toBe(isoDay(-10));
  });

  it('refuses a negative or fractional count at the field and does not say "Saved" for it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Open / }).click();
    await goToStep(page, '2. Merchant level', 'Merchant level');
    const visaOnline = field(page, 'Visa E-commerce transactions a year');
    await visaOnline.fill('1200');
    await saved(page);

    for (const [typed, message] of [
      ['-5', 'Enter a whole number of 0 or more (a count cannot be negative).'],
      ['1.5', 'Enter a whole number, without a decimal part.'],
    ] as const) {
      await visaOnline.fill(typed);
      await visaOnline.blur();
      await expect.poll(() => page.getByText(message).isVisible()).toBe(true);
      expect(await visaOnline.inputValue()).toBe(typed);
      expect(await visaOnline.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.getByTestId('save-state').first().textContent())
        .toBe('Not saved: fix the marked field');
    }
    await checkScreen(page, 'wizard-new-user-level-refused');
    const [summary] = await app.call('listAssessments', {});
    const detail = await app.call('getAssessment', { assessmentId: summary?.id ?? '' });
    expect(detail.level.inputs?.visa.ecommerce).toBe(1200);

    await visaOnline.fill('1500');
    await saved(page);
  });

  it('comes back to the same screen after lock and unlock, with focus on its heading', async () => {
    const { page } = app;
    await goToStep(page, '3. SAQ choice', 'SAQ choice');
    await expect.poll(() => focusedHeading(page)).toBe('SAQ choice');

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
    await field(page, 'Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('SAQ choice');
    await expect.poll(() => focusedHeading(page)).toBe('SAQ choice');
    await expect
      .poll(() => page.getByTestId('assessment-title').textContent())
      .toBe('PCI DSS self-assessment 2026');
    // Nothing of the place is kept but the screen and the assessment's id.
    const kept = await page.evaluate("sessionStorage.getItem('pci-saq.place')");
    expect(Object.keys(JSON.parse(String(kept)) as object).sort()).toEqual([
      'assessmentId',
      'place',
    ]);
  });

  it("starts next year's from a draft only when confirmed, named after last year's, with no row called new", async () => {
    const { page } = app;
    await goToStep(page, 'Home', 'Home');
    const start = page.getByRole('button', {
      name: "Start next year's assessment from PCI DSS self-assessment 2026",
    });
    await start.click();
    const confirm = page.getByRole('dialog', { name: 'Start next year’s assessment?' });
    await expect.poll(() => confirm.textContent()).toContain('Title: PCI DSS self-assessment 2027');
    expect(await confirm.textContent()).toContain('Period: not set');
    await checkScreen(page, 'wizard-new-user-next-year-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await app.call('listAssessments', {})).toHaveLength(1);

    await start.click();
    await confirm.getByRole('button', { name: 'Create it' }).click();
    const made = page.getByRole('dialog', { name: "Next year's assessment is ready" });
    await expect.poll(() => made.isVisible()).toBe(true);
    expect(await made.textContent()).not.toContain('Rows new in this SAQ');
    const titles = (await app.call('listAssessments', {})).map((summary) => summary.title);
    expect(titles.sort()).toEqual(['PCI DSS self-assessment 2026', 'PCI DSS self-assessment 2027']);
    await made.getByRole('button', { name: 'Close' }).click();
  });

  it('marks the dates that stop signing at their own fields', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open PCI DSS self-assessment 2026' }).click();
    await expect
      .poll(() => page.getByTestId('assessment-title').textContent())
      .toBe('PCI DSS self-assessment 2026');
    await goToStep(page, '7. Attestation', 'Attestation');
    const completion = field(page, 'Self-assessment completion date');
    const signed = field(page, 'Date signed');
    await completion.fill(isoDay(30));
    await signed.fill(isoDay(30));
    await page.getByRole('button', { name: 'Sign the attestation' }).click();

    await expect.poll(() => completion.getAttribute('aria-invalid')).toBe('true');
    expect(await signed.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.getByText('Part 3: the completion date cannot be in the future.').isVisible(),
    ).toBe(true);
    expect(
      await page.getByText(/Part 3b: the date of signature cannot be in the future/).isVisible(),
    ).toBe(true);
    expect(
      await page.getByText('Part 3b: give the name of the executive officer signing.').isVisible(),
    ).toBe(true);
    await checkScreen(page, 'wizard-new-user-sign-refused');

    // Changing a marked field takes its mark away.
    await completion.fill(isoDay(0));
    await expect.poll(() => completion.getAttribute('aria-invalid')).toBeNull();
    expect(await signed.getAttribute('aria-invalid')).toBe('true');
  });
});

/** The accessible name of the focused element, as its label or aria-label gives it. */
function focusedLabel(page: Page): Promise<string> {
  // As text: this file has no DOM types.
  return page.evaluate(`(() => {
    const active = document.activeElement;
    if (active === null) return '';
    const label = active.getAttribute('aria-label');
    if (label !== null) return label;
    return active.labels?.[0]?.textContent ?? active.tagName;
  })()`);
}

/** The text of the focused element when it is a level-2 heading. */
function focusedHeading(page: Page): Promise<string | null> {
  return page.evaluate(
    "document.activeElement?.tagName === 'H2' ? document.activeElement.textContent : null",
  );
}

/** A calendar date `days` from today in the browser's (and this process's) time zone. */
function isoDay(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${String(day.getFullYear())}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
