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
  saved,
} from './wizard-support';

/**
 * SAQ D for Merchants: a row answered per bullet, a Not Tested row (Partial),
 * Part 4 filled while a Not in Place row makes the result Non-Compliant, then
 * that row claimed as a legal exception, which leaves "Compliant but with
 * Legal exception", and the Part 2g table.
 *
 * Answering 254 rows one by one in the page would take minutes, so all rows
 * but the few this test is about are answered In Place through the same
 * browser-mode API the page uses, from the test process, and so are Part 1
 * and the SAQ choice. The rows that matter are answered in the page.
 */

const SAQ_D = 'saq-d-merchant-v4.0.1';
const app = browserSession('wizard-d');
let bulletRow = '';
const NOT_TESTED_ROW = '11.1.2';
const NOT_IN_PLACE_ROW = '12.1.3';

describe('the wizard for SAQ D for Merchants', () => {
  it('starts an SAQ D assessment and fills most of it through the API', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await choose(
      page,
      'SAQ to start with (the SAQ choice step can change it)',
      'SAQ D for Merchants v4.0.1',
    );
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');

    const [summary] = await app.call('listAssessments', {});
    const assessmentId = summary?.id ?? '';
    expect(summary?.saqType).toBe('D-Merchant');
    await app.call('saveMerchantProfile', {
      assessmentId,
      merchant: {
        companyName: 'Example Cards Shop',
        contactName: 'Sam Example',
        contactTitle: 'Director',
        email: 'sam@cards.example',
        phone: '+1 555 0101',
        mailingAddress: '2 Sample Road, Exampleton',
      },
      assessor: {},
    });
    await app.call('saveSaqChoice', {
      assessmentId,
      questionnaireId: SAQ_D,
      profile: {
        serviceProvider: false,
        storesAccountDataElectronically: true,
        ecommerce: { integration: 'merchant-receives-card-data' },
      },
    });
    await app.call('saveExecutiveSummary', {
      assessmentId,
      summary: {
        paymentChannels: { eCommerce: true },
        environment: { description: 'An online shop that stores card data.' },
      },
    });
    const questionnaire = await app.call('getQuestionnaire', { id: SAQ_D });
    bulletRow = questionnaire.answerRowIds.find((id) => id.includes('#')) ?? '';
    expect(bulletRow).not.toBe('');
    const inPage = new Set([bulletRow, NOT_TESTED_ROW, NOT_IN_PLACE_ROW]);
    for (const rowId of questionnaire.answerRowIds) {
      if (!inPage.has(rowId))
        await app.call('saveAnswer', { assessmentId, rowId, response: 'in-place' });
    }
  });

  it('answers a bullet, a Not Tested and a Not in Place row in the page', async () => {
    const { page, mode } = app;
    await page.goto('about:blank');
    await page.goto(mode.host.url);
    await page.getByRole('button', { name: /^Open / }).click();
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    await expect
      .poll(() => page.locator('#overall-progress-label').textContent())
      .toMatch(/^\d+ of 254 rows answered$/);

    await goToRow(page, bulletRow);
    await expect.poll(() => page.getByTestId('row-detail').textContent()).toContain('Bullet');
    await page.getByRole('radio', { name: '1. In Place' }).check();
    await checkScreen(page, 'wizard-d-bullet-row');

    await goToRow(page, NOT_TESTED_ROW);
    await page.getByRole('radio', { name: '4. Not Tested' }).check();
    await field(page, 'Why this requirement was not tested (Appendix D)').fill(
      'The acquirer agreed to leave this out of this year’s assessment.',
    );
    await saved(page);
    await checkScreen(page, 'wizard-d-not-tested');

    await goToRow(page, NOT_IN_PLACE_ROW);
    await page.getByRole('radio', { name: '5. Not in Place' }).check();
    await saved(page);
    await expect.poll(() => activeRow(page)).toBe(NOT_IN_PLACE_ROW);
    await expect
      .poll(() => page.locator('#overall-progress-label').textContent())
      .toBe('254 of 254 rows answered');
  });

  it('fills Part 4 while the result is Non-Compliant, as the acquirer asked', async () => {
    const { page } = app;
    await goToStep(page, '7. Attestation', 'Attestation');
    await expect.poll(() => page.getByTestId('part3-status').textContent()).toBe('Non-Compliant');
    await page.getByLabel('Our acquirer or a card brand asked for the Part 4 action plan').check();
    await saved(page);
    await expect.poll(() => page.getByTestId('action-plan').isVisible()).toBe(true);
    await field(page, 'Requirement 12: remediation date').fill('2027-02-28');
    await field(page, 'Requirement 12: remediation actions').fill('Write the missing policy.');
    await saved(page);
    await checkScreen(page, 'wizard-d-part4');
  });

  it('turns the Not in Place row into a legal exception', async () => {
    const { page } = app;
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    await goToRow(page, NOT_IN_PLACE_ROW);
    await page.getByLabel('A law or regulation prevents meeting this requirement').check();
    await field(page, 'Which law or regulation, and how it prevents meeting the requirement').fill(
      'A national archiving law requires keeping these records unencrypted on paper.',
    );
    await saved(page);
  });

  it('reviews: Compliant but with Legal exception, Partial, with the Part 2g table', async () => {
    const { page } = app;
    await goToStep(page, '6. Review', 'Review');
    const outcome = page.getByTestId('review-outcome');
    await expect.poll(() => outcome.textContent()).toContain('Compliant but with Legal exception');
    expect(await outcome.textContent()).toContain('Partial');
    const part2g = page.getByTestId('part-2g');
    expect(await part2g.getByRole('columnheader').allTextContents()).toEqual([
      'Requirement',
      'In Place',
      'In Place with CCW',
      'Not Applicable',
      'Not Tested',
      'Not in Place',
    ]);
    const requirement12 = part2g.getByRole('row', { name: /Requirement 12/ });
    expect(await requirement12.getByRole('cell').allTextContents()).toEqual([
      'Yes',
      '',
      '',
      '',
      'Yes',
    ]);
    await checkScreen(page, 'wizard-d-review');
  });

  it('signs with a drawn signature', async () => {
    const { page, watch } = app;
    await goToStep(page, '7. Attestation', 'Attestation');
    await expect
      .poll(() => page.getByTestId('part3-status').textContent())
      .toBe('Compliant but with Legal exception');
    expect(await page.getByTestId('part3-scope').textContent()).toContain('Partial');
    expect(await page.getByTestId('legal-exceptions').textContent()).toContain(NOT_IN_PLACE_ROW);
    expect(await page.getByTestId('action-plan').count()).toBe(0);

    await field(page, 'Self-assessment completion date').fill('2026-12-02');
    for (const box of await page.getByTestId('acknowledgements').getByRole('checkbox').all()) {
      await box.check();
    }
    await field(page, 'Signer name').fill('Sam Example');
    await field(page, 'Signer title').fill('Director');
    await field(page, 'Date signed').fill('2026-12-02');
    await page.getByText('Draw it', { exact: true }).click();
    const canvas = page.getByRole('img', { name: /Drawing area for your signature/ });
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('The signature canvas is not shown');
    await page.mouse.move(box.x + 20, box.y + 80);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) {
      await page.mouse.move(box.x + 20 + step * 30, box.y + 80 + (step % 2 === 0 ? -30 : 30));
    }
    await page.mouse.up();
    await expect.poll(() => page.getByText('Drawn signature kept.').count()).toBe(1);
    await saved(page);
    await checkScreen(page, 'wizard-d-attestation');

    await page.getByRole('button', { name: 'Sign the attestation' }).click();
    await expect.poll(() => page.getByTestId('signed').isVisible()).toBe(true);
    await checkScreen(page, 'wizard-d-signed');
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
