import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
import { activeRow, checkScreen, createVault, goToStep, heading, saved } from './wizard-support';

/**
 * The questionnaire driven by the keyboard alone: Tab reaches the row list,
 * j/k and the arrow keys move, 1-5 pick a response, Tab reaches the field the
 * response opens, Shift+Tab comes back. Setting up (vault, assessment) uses
 * the mouse; the questionnaire screen itself does not.
 */

const app = browserSession('wizard-keyboard');

const focused = (): Promise<string> =>
  app.page.evaluate<string>(
    'document.activeElement ? (document.activeElement.getAttribute("aria-label") ?? document.activeElement.getAttribute("role") ?? document.activeElement.tagName) : ""',
  );

const badgeOf = (rowId: string) => app.page.locator(`[data-row="${rowId}"][role=option]`);

describe('the questionnaire from the keyboard', () => {
  it('answers rows without the mouse', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    await expect.poll(() => activeRow(page)).toBe('2.2.2');

    // From the top of the page, Tab until the row list has the focus.
    await page.locator('body').focus();
    let presses = 0;
    while (!(await focused()).startsWith('Questionnaire rows') && presses < 60) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(await focused()).toMatch(/^Questionnaire rows/);
    // The focused list shows a visible outline.
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');

    await page.keyboard.press('1');
    await expect.poll(() => badgeOf('2.2.2').textContent()).toContain('In Place');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeRow(page)).toBe('3.1.1');
    await page.keyboard.press('3');
    await expect.poll(() => badgeOf('3.1.1').textContent()).toContain('Not Applicable');

    // Tab reaches the chosen response, then the explanation it asks for.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT');
    await page.keyboard.press('Tab');
    await page.keyboard.type('No paper records with account data are kept.');
    await saved(page);
    await expect.poll(() => badgeOf('3.1.1').textContent()).not.toContain('incomplete');

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatch(/^Questionnaire rows/);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect.poll(() => activeRow(page)).toBe('3.2.1');
    await page.keyboard.press('4');
    await expect.poll(() => badgeOf('3.2.1').textContent()).toContain('Not in Place');
    await page.keyboard.press('End');
    await expect.poll(() => activeRow(page)).toBe('12.10.1');
    await page.keyboard.press('2');
    await expect.poll(() => badgeOf('12.10.1').textContent()).toContain('In Place with CCW');
    await saved(page);
    await expect
      .poll(() => page.locator('#overall-progress-label').textContent())
      .toBe('4 of 27 rows answered');
    await checkScreen(page, 'wizard-questionnaire-keyboard');
  });
});
