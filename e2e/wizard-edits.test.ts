import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
import { watchPage } from './support';
import {
  checkScreen,
  createVault,
  field,
  goToRow,
  goToStep,
  heading,
  saved,
} from './wizard-support';

/**
 * Changes after creation: the title and period, and what happens when two
 * windows edit the same assessment at once (both changes kept where they do
 * not meet; where they do, the later window reloads and says what it lost).
 */

const app = browserSession('wizard-edits');

/** A second tab on the same server, as a person opening the app twice would have. */
async function secondTab(resumesAt = 'Merchant profile'): Promise<Page> {
  const page = await app.browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(app.mode.host.url);
  await expect.poll(() => heading(page).textContent()).toBe('Home');
  await page.getByRole('button', { name: /^Open / }).click();
  await expect.poll(() => heading(page).textContent()).toBe(resumesAt);
  expect(watch.errors).toEqual([]);
  return page;
}

/** The ISO dates of the <time> elements in `within`. */
async function dates(within: Locator): Promise<(string | null)[]> {
  const times = await within.locator('time').all();
  return Promise.all(times.map((time) => time.getAttribute('datetime')));
}

const periodShown = (page: Page) => dates(page.getByTestId('assessment-period'));

/** A response of the row shown, whether or not its label carries a shortcut number. */
const response = (page: Page, label: string) =>
  page.getByTestId('row-detail').getByRole('radio', { name: new RegExp(`^(\\d\\. )?${label}$`) });

const notice = (page: Page) => page.getByTestId('concurrency-notice');

describe('editing an assessment after creation', () => {
  it('changes the title and period, refusing a period that ends before it starts', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');

    await page.getByRole('button', { name: 'Edit title and period' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assessment title and period' });
    await field(page, 'Title').fill('Harbour Lane 2026');
    await field(page, 'Assessment period from').fill('2026-12-31');
    await field(page, 'Assessment period to').fill('2026-01-01');
    await expect
      .poll(() => dialog.getByText('The period cannot end before it starts.').isVisible())
      .toBe(true);
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await checkScreen(page, 'wizard-edits-details-dialog');

    await field(page, 'Assessment period from').fill('2026-01-01');
    await field(page, 'Assessment period to').fill('2026-12-31');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => page.getByTestId('assessment-title').textContent())
      .toBe('Harbour Lane 2026');
    expect(await periodShown(page)).toEqual(['2026-01-01', '2026-12-31']);

    await goToStep(page, 'Home', 'Home');
    const row = page.getByTestId('assessments').getByRole('row').nth(1);
    await expect.poll(() => row.textContent()).toContain('Harbour Lane 2026');
    expect(await dates(row)).toEqual(expect.arrayContaining(['2026-01-01', '2026-12-31']));
    await page.getByRole('button', { name: /^Open / }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
  });

  it('keeps both windows’ changes to different fields of one step', async () => {
    const { page } = app;
    const other = await secondTab();

    await field(other, 'Company website').fill('https://harbourlane.example');
    await saved(other);
    await field(page, 'Contact phone').fill('+44 20 7946 0000');

    await expect
      .poll(() => field(page, 'Company website').inputValue())
      .toBe('https://harbourlane.example');
    await expect.poll(() => notice(page).textContent()).toContain('both changes are kept');
    expect(await field(page, 'Contact phone').inputValue()).toBe('+44 20 7946 0000');
    await screenshotBoth(page, other, 'wizard-edits-merged');

    const fresh = await app.call('getAssessment', {
      assessmentId: await openAssessmentId(),
    });
    expect(fresh.merchant).toMatchObject({
      website: 'https://harbourlane.example',
      phone: '+44 20 7946 0000',
    });
    await other.close();
  });

  it('reloads a step that another window changed in the same field, and says what was lost', async () => {
    const { page } = app;
    await page.getByTestId('concurrency-notice').getByRole('button', { name: 'Dismiss' }).click();
    const other = await secondTab();

    await field(other, 'Company name').fill('Harbour Lane Ceramics Ltd');
    await saved(other);
    await field(page, 'Company name').fill('Harbour Lane Pottery Ltd');

    await expect
      .poll(() => notice(page).textContent())
      .toContain('Your last change was not saved: company name (“Harbour Lane Pottery Ltd”)');
    await expect
      .poll(() => field(page, 'Company name').inputValue())
      .toBe('Harbour Lane Ceramics Ltd');
    expect(await page.getByTestId('save-state').first().textContent()).toBe(
      'Reloaded: changed in another window',
    );
    await checkScreen(page, 'wizard-edits-conflict');

    // The other window's value stands, and this window saves normally again.
    await field(page, 'Contact name').fill('Morgan Ellis');
    await saved(page);
    const fresh = await app.call('getAssessment', { assessmentId: await openAssessmentId() });
    expect(fresh.merchant).toMatchObject({
      companyName: 'Harbour Lane Ceramics Ltd',
      contactName: 'Morgan Ellis',
    });
    await other.close();
    expect(app.watch.errors).toEqual([]);
  });
});

describe('an answer given in two windows at once', () => {
  it('shows the answer saved first and says the other was not saved', async () => {
    const { page } = app;
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    const other = await secondTab('Questionnaire');

    await goToRow(other, '8.2.1');
    await response(other, 'In Place').check();
    await saved(other);
    await goToRow(page, '8.2.1');
    // click, not check: the stale save reloads the row at once, so the radio
    // may already show the other window's answer when Playwright looks again.
    await response(page, 'Not in Place').click();

    await expect
      .poll(() => notice(page).textContent())
      .toContain('Requirement 8.2.1 was answered in another window');
    await expect.poll(() => response(page, 'In Place').isChecked()).toBe(true);
    await checkScreen(page, 'wizard-edits-answer-conflict');
    const fresh = await app.call('getAssessment', { assessmentId: await openAssessmentId() });
    expect(fresh.answers.find((answer) => answer.rowId === '8.2.1')?.response).toBe('in-place');
    await other.close();
  });
});

describe('the SAQ choice and the assessors’ part of the attestation', () => {
  it('saves the eligibility answers as they are given', async () => {
    const { page } = app;
    await goToStep(page, '3. SAQ choice', 'SAQ choice');
    await page
      .getByRole('radiogroup', { name: /on behalf of other businesses/ })
      .getByRole('radio', { name: 'No' })
      .check();
    await saved(page);
    await page
      .getByRole('radiogroup', { name: /kept in electronic form/ })
      .getByRole('radio', { name: 'No' })
      .check();
    await saved(page);
    expect(await page.getByTestId('saq-in-use').textContent()).toContain('No SAQ is chosen yet');
    await checkScreen(page, 'wizard-edits-saq-answers-saved');

    const fresh = await app.call('getAssessment', { assessmentId: await openAssessmentId() });
    expect(fresh.saqChoice.profile).toMatchObject({
      serviceProvider: false,
      storesAccountDataElectronically: false,
    });
    expect(fresh.saqChoice.selection).toBeNull();
  });

  it('collects the ISA’s company and names for Part 3d, filled in from Part 1b', async () => {
    const { page } = app;
    await goToStep(page, '1. Merchant profile', 'Merchant profile');
    await field(page, 'Internal Security Assessor (ISA) names, separated by commas').fill(
      'Marek Nowak',
    );
    await saved(page);

    await goToStep(page, '7. Attestation', 'Attestation');
    const part3d = page.getByTestId('part-3d');
    expect(await field(page, 'ISA company').inputValue()).toBe('Harbour Lane Ceramics Ltd');
    expect(
      await field(page, 'Names of the ISA people who took part, one per line').inputValue(),
    ).toBe('Marek Nowak');
    await field(page, 'What the ISA did in this assessment').fill(
      'Performed the testing procedures for requirements 1 to 12.',
    );
    await saved(page);
    await part3d.scrollIntoViewIfNeeded();
    await checkScreen(page, 'wizard-edits-part-3d');

    const fresh = await app.call('getAssessment', { assessmentId: await openAssessmentId() });
    expect(fresh.attestation.isaInvolvement).toEqual({
      role: 'performed-testing',
      description: 'Performed the testing procedures for requirements 1 to 12.',
      company: 'Harbour Lane Ceramics Ltd',
      names: ['Marek Nowak'],
    });
    expect(app.watch.errors).toEqual([]);
  });
});

async function openAssessmentId(): Promise<string> {
  const [assessment] = await app.call('listAssessments', {});
  if (assessment === undefined) throw new Error('no assessment');
  return assessment.id;
}

async function screenshotBoth(first: Page, second: Page, name: string): Promise<void> {
  await checkScreen(first, `${name}-first`);
  await checkScreen(second, `${name}-second`);
}
