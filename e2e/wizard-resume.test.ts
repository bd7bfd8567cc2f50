import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
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

const app = browserSession('wizard-resume');
const EXPLANATION = 'Shared or generic accounts do not exist in our environment.';

/** Opens the only assessment from Home; the wizard goes to where it was left. */
async function openAssessment(): Promise<void> {
  await app.page.getByRole('button', { name: /^Open / }).click();
  await expect.poll(() => heading(app.page).textContent()).toBe('Questionnaire');
}

async function expectSameAnswers(): Promise<void> {
  await expect.poll(() => activeRow(app.page)).toBe('8.2.2');
  expect(await app.page.getByRole('radio', { name: '3. Not Applicable' }).isChecked()).toBe(true);
  expect(
    await field(app.page, 'Why this requirement does not apply (Appendix C)').inputValue(),
  ).toBe(EXPLANATION);
  expect(await app.page.locator('#overall-progress-label').textContent()).toBe(
    '2 of 27 rows answered',
  );
  await goToRow(app.page, '8.2.1');
  expect(await app.page.getByRole('radio', { name: '1. In Place' }).isChecked()).toBe(true);
  await goToRow(app.page, '8.2.2');
}

describe('resuming the questionnaire', () => {
  it('answers two rows and leaves at the second', async () => {
    const { page, mode } = app;
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
    const page = await app.newPage();
    await page.goto(app.mode.host.url);
    await expect.poll(() => heading(page).textContent()).toBe('Home');
    await openAssessment();
    await expectSameAnswers();
  });

  it('resumes after the server restarted and the vault was unlocked again', async () => {
    await app.page.close();
    const mode = await app.restartServer();
    const page = await app.newPage();
    await unlock(page, mode.host.url);
    await openAssessment();
    await expectSameAnswers();
    await checkScreen(page, 'wizard-resume-after-restart');
    expect(app.watch.violations).toEqual([]);
    expect(app.watch.errors).toEqual([]);
  });

  it('forgets the answers in the page when the vault locks', async () => {
    const { page, mode } = app;
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
    expect(await page.content()).not.toContain(EXPLANATION);
    // Unlocking again comes back to the screen it was locked on, read afresh from the vault.
    await unlock(page, mode.host.url, 'Questionnaire');
    await expect.poll(() => activeRow(page)).toBe('8.2.2');
  });
});
