import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
import {
  activeRow,
  checkScreen,
  choose,
  createVault,
  field,
  goToRow,
  goToStep,
  heading,
  rowList,
  saved,
} from './wizard-support';

/**
 * An SAQ A e-commerce merchant, from creating the vault to a signed
 * attestation: one row In Place with CCW, one Not Applicable with its
 * explanation, one Not in Place, the rest In Place; the result is
 * Non-Compliant with a Target Date for Compliance.
 */

const TODAY = new Date().toISOString().slice(0, 10);
const app = browserSession('wizard-a');

const yesNo = (question: RegExp, answer: 'Yes' | 'No') =>
  app.page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer }).check();

describe('the wizard for an SAQ A e-commerce merchant', () => {
  it('starts an assessment from Home', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await field(page, 'Assessment period from').fill('2025-12-01');
    await field(page, 'Assessment period to').fill('2026-11-30');
    await checkScreen(page, 'wizard-home-empty');
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
  });

  it('fills the merchant profile (Part 1a, no assessor)', async () => {
    const { page } = app;
    await field(page, 'Company name').fill('Example Teas Ltd');
    await field(page, 'Doing business as (DBA)').fill('Example Teas');
    await field(page, 'Mailing address').fill('1 Sample Street, Exampleton');
    await field(page, 'Company website').fill('https://shop.example');
    await field(page, 'Contact name').fill('Alex Example');
    await field(page, 'Contact title').fill('Owner');
    await field(page, 'Contact phone').fill('+1 555 0100');
    await field(page, 'Contact e-mail').fill('alex@shop.example');
    await saved(page);
    await checkScreen(page, 'wizard-profile');
  });

  it('estimates the level from the volumes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Next: Merchant level' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant level');
    // Level 1 makes this SAQ a gap assessment; Mastercard Level 2 needs the assessor.
    await page.getByLabel('Visa E-commerce transactions a year').fill('7000000');
    await expect.poll(() => page.getByTestId('gap-assessment').isVisible()).toBe(true);
    await page.getByLabel('Visa E-commerce transactions a year').fill('30000');
    await page.getByLabel('Mastercard Card present transactions a year').fill('2000000');
    await expect.poll(() => page.getByTestId('assessor-required').isVisible()).toBe(true);
    expect(await page.getByTestId('gap-assessment').count()).toBe(0);
    await page.getByLabel('Mastercard Card present transactions a year').fill('0');
    await expect.poll(() => page.getByTestId('assessor-required').count()).toBe(0);
    await page.getByLabel('Mastercard E-commerce transactions a year').fill('12000');
    await expect.poll(() => page.getByTestId('level-visa').textContent()).toContain('Level 3');
    await saved(page);
    await checkScreen(page, 'wizard-level');
  });

  it('recommends SAQ A and keeps the choice', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Next: SAQ choice' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('SAQ choice');
    await yesNo(/on behalf of other businesses/, 'No');
    await yesNo(/kept in electronic form/, 'No');
    await yesNo(/your own systems or staff computers/, 'No');
    await yesNo(/done by PCI DSS compliant providers/, 'Yes');
    await yesNo(/confirmed each of those providers/, 'Yes');
    await yesNo(/on paper only/, 'Yes');
    await page.getByLabel('E-commerce (payments on the Internet)').check();
    await choose(
      page,
      'How do customers pay online?',
      'Our site sends the customer to the provider’s payment page',
    );
    await yesNo(/Does every element of the payment page come only/, 'Yes');
    await choose(page, 'Who hosts your website?', 'A PCI DSS compliant provider hosts it');
    await expect
      .poll(() => page.getByTestId('recommendation').textContent())
      .toContain('Recommended: SAQ A');
    await checkScreen(page, 'wizard-saq-choice');
    // Another SAQ than recommended needs a reason before it can be used.
    await page.getByRole('radio', { name: 'SAQ A-EP' }).check();
    await expect
      .poll(() => page.getByRole('button', { name: 'Use this SAQ' }).isDisabled())
      .toBe(true);
    await field(page, 'Why you choose a different SAQ than recommended (kept in the record)').fill(
      'Our acquirer asked for it.',
    );
    expect(await page.getByRole('button', { name: 'Use this SAQ' }).isDisabled()).toBe(false);
    await page.getByRole('radio', { name: 'SAQ A (recommended)' }).check();
    await page.getByRole('button', { name: 'Use this SAQ' }).click();
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: 'this assessment uses' }).textContent(),
      )
      .toContain('SAQ A');
  });

  it('confirms the executive summary and the Part 2h statements', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Next: Executive summary' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Executive summary');
    // Part 2a starts from the SAQ choice answers, marked for checking.
    await expect
      .poll(() => page.getByLabel('E-commerce: accepted by the business').isChecked())
      .toBe(true);
    expect(await page.getByLabel('Card present: accepted by the business').isChecked()).toBe(false);
    expect(await page.getByTestId('channels-from-choice').textContent()).toContain(
      'From your SAQ choice answers — check',
    );
    await field(
      page,
      'E-commerce: how the business stores, processes or transmits account data',
    ).fill('Customers are redirected to the payment provider; we never see card numbers.');
    await field(
      page,
      'Describe how card payments flow through your business and which systems are involved',
    ).fill('A hosted shop redirects to the provider’s payment page.');
    // Part 2f: a provider's three questions start unanswered; one answered by keyboard.
    await page.getByRole('button', { name: 'Add a service provider' }).click();
    await field(page, 'Service provider 1: name').fill('Example Payments plc');
    const part2f = page.getByTestId('service-provider-1').getByRole('radiogroup');
    expect(await part2f.count()).toBe(3);
    for (const radio of await part2f.getByRole('radio').all()) {
      expect(await radio.isChecked()).toBe(false);
    }
    await yesNo(/Service provider 1: stores, processes or transmits/, 'Yes');
    await yesNo(/Service provider 1: manages system components/, 'No');
    const security = page.getByRole('radiogroup', { name: /Service provider 1: could affect/ });
    await security.getByRole('radio', { name: 'Yes' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => security.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    const statements = page.getByTestId('eligibility').getByRole('checkbox');
    expect(await statements.count()).toBe(7);
    // The Part 2h statements are pointed at, never confirmed for the person.
    for (const statement of await statements.all()) {
      expect(await statement.isChecked()).toBe(false);
    }
    expect(
      await page
        .getByTestId('eligibility')
        .getByText('From your SAQ choice answers — check')
        .count(),
    ).toBe(7);
    for (const statement of await statements.all()) await statement.check();
    await saved(page);
    await checkScreen(page, 'wizard-summary');
  });

  it('answers the questionnaire: CCW, N/A with explanation, Not in Place, the rest by keyboard', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Next: Questionnaire' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Questionnaire');
    await expect.poll(() => activeRow(page)).toBe('2.2.2');

    await page.getByRole('radio', { name: '2. In Place with CCW' }).check();
    await expect.poll(() => page.getByTestId('ccw-worksheet').isVisible()).toBe(true);
    expect(await page.getByLabel('Why this requirement does not apply (Appendix C)').count()).toBe(
      0,
    );
    for (const label of [
      'Constraints',
      'Objective',
      'Identified risk',
      'Definition of the compensating controls',
      'Validation of the compensating controls',
      'Maintenance',
    ]) {
      await field(page, label).fill(`Worksheet text for ${label.toLowerCase()}.`);
    }
    await saved(page);
    await checkScreen(page, 'wizard-questionnaire-ccw');

    await goToRow(page, '3.1.1');
    await page.getByRole('radio', { name: '3. Not Applicable' }).check();
    // The explanation is required: the field says so until it is filled.
    await expect
      .poll(() =>
        field(page, 'Why this requirement does not apply (Appendix C)').getAttribute(
          'aria-invalid',
        ),
      )
      .toBe('true');
    await field(page, 'Why this requirement does not apply (Appendix C)').fill(
      'We keep no paper records with account data.',
    );
    await saved(page);
    await checkScreen(page, 'wizard-questionnaire-na');

    await goToRow(page, '12.8.1');
    await page.getByRole('radio', { name: '4. Not in Place' }).check();
    await expect
      .poll(() => page.getByLabel('A law or regulation prevents meeting this requirement').count())
      .toBe(1);
    await saved(page);

    // Every other row In Place from the keyboard: 1 picks, j moves on.
    await rowList(page).focus();
    await page.keyboard.press('Home');
    const skip = new Set(['2.2.2', '3.1.1', '12.8.1']);
    for (let index = 0; index < 27; index += 1) {
      const row = await activeRow(page);
      if (row !== null && !skip.has(row)) await page.keyboard.press('1');
      await page.keyboard.press('j');
    }
    await saved(page);
    await expect
      .poll(() => page.locator('#overall-progress-label').textContent())
      .toBe('27 of 27 rows answered');
    await page
      .getByRole('group', { name: 'Show rows' })
      .getByText('Not in Place', { exact: true })
      .click();
    await expect.poll(() => page.getByRole('option').count()).toBe(1);
    await checkScreen(page, 'wizard-questionnaire-filter');
  });

  it('reviews: Non-Compliant because of the Not in Place row', async () => {
    const { page } = app;
    await goToStep(page, '6. Review', 'Review');
    await expect
      .poll(() => page.getByTestId('review-outcome').textContent())
      .toContain('Non-Compliant');
    await checkScreen(page, 'wizard-review');
  });

  it('signs a Non-Compliant attestation with a Target Date for Compliance', async () => {
    const { page } = app;
    await goToStep(page, '7. Attestation', 'Attestation');
    await expect.poll(() => page.getByTestId('part3-status').textContent()).toBe('Non-Compliant');
    await field(page, 'Target Date for Compliance').fill('2027-03-31');
    await field(page, 'Self-assessment completion date').fill('2026-12-01');
    for (const box of await page.getByTestId('acknowledgements').getByRole('checkbox').all()) {
      await box.check();
    }
    await field(page, 'Signer name').fill('Alex Example');
    await field(page, 'Signer title').fill('Owner');
    await field(page, 'Date signed').fill('2026-12-01');
    await field(page, 'Typed signature (your full name)').fill('Alex Example');
    await saved(page);
    await checkScreen(page, 'wizard-attestation');

    await page.getByRole('button', { name: 'Sign the attestation' }).click();
    await expect.poll(() => page.getByTestId('signed').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('part3-status').textContent()).toBe('Non-Compliant');
    expect(await field(page, 'Target Date for Compliance').inputValue()).toBe('2027-03-31');
    expect(await field(page, 'Signer name').isDisabled()).toBe(true);
    await checkScreen(page, 'wizard-attestation-signed');

    await page.getByRole('button', { name: 'Reopen…' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await checkScreen(page, 'wizard-reopen-dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await goToStep(page, 'Home', 'Home');
    const row = page.getByTestId('assessments').getByRole('row').nth(1);
    await expect.poll(() => row.textContent()).toContain('Signed');
    expect(await row.textContent()).toContain('Non-Compliant');
    // The period reads in the browser's locale; the ISO dates stay in <time dateTime>.
    expect(await row.locator('time[datetime="2025-12-01"]').count()).toBe(1);
    expect(await row.locator('time[datetime="2026-11-30"]').count()).toBe(1);
    await checkScreen(page, 'wizard-home');
  });

  it('starts next year’s assessment from this one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Start next year.s assessment from/ }).click();
    // Nothing is made before the person agrees to what will be made.
    const confirm = page.getByRole('dialog', { name: 'Start next year’s assessment?' });
    await expect.poll(() => confirm.textContent()).toContain('Title: PCI DSS self-assessment 2027');
    expect(await confirm.locator('time[datetime="2026-12-01"]').count()).toBe(1);
    expect(await confirm.locator('time[datetime="2027-11-30"]').count()).toBe(1);
    await confirm.getByRole('button', { name: 'Create it' }).click();
    const dialog = page.getByRole('dialog', { name: "Next year's assessment is ready" });
    await dialog.getByRole('button', { name: 'Open it' }).waitFor();
    expect(await dialog.textContent()).toContain('27 answers were copied as drafts');
    await checkScreen(page, 'wizard-next-year-dialog');
    await dialog.getByRole('button', { name: 'Open it' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await goToStep(page, 'Home', 'Home');
    await expect.poll(() => page.getByTestId('assessments').getByRole('row').count()).toBe(3);
  });

  it('reopens the signed assessment with a reason', async () => {
    const { page, watch } = app;
    await page.getByRole('button', { name: 'Open PCI DSS self-assessment 2026' }).first().click();
    await goToStep(page, '7. Attestation', 'Attestation');
    await expect.poll(() => page.getByTestId('signed').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Reopen…' }).click();
    await field(page, 'Why you reopen it').fill('A requirement was answered wrongly.');
    await page.getByRole('button', { name: 'Reopen', exact: true }).click();
    await expect.poll(() => page.getByTestId('signed').count()).toBe(0);
    expect(await field(page, 'Signer name').isDisabled()).toBe(false);
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('records the last passing ASV scan on Home for the reopened assessment', async () => {
    const { page } = app;
    await goToStep(page, 'Home', 'Home');
    // What is due is grouped by assessment, under its title.
    const due = page
      .getByTestId('due')
      .getByRole('region', { name: 'PCI DSS self-assessment 2026', exact: true });
    const asvItem = due.getByRole('listitem').filter({ hasText: '11.3.2' });
    await expect.poll(() => asvItem.first().textContent()).toContain('Due now');
    const dueNow = due.getByRole('listitem').filter({ hasText: 'Due now' });
    const before = await dueNow.count();
    await asvItem
      .first()
      .getByRole('button', { name: /^Record: Date of the last passing ASV scan/ })
      .click();
    await field(page, 'Date of the last passing ASV scan (PCI DSS self-assessment 2026)').fill(
      TODAY,
    );
    await asvItem.first().getByRole('button', { name: 'Save' }).click();
    // The scan is no longer due now: the next one follows from the recorded date.
    await expect.poll(() => dueNow.count()).toBe(before - 1);
    await checkScreen(page, 'wizard-home-due');
  });
});
