import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
import { screenshot } from './support';
import { activeRow, checkScreen, createVault, field, heading, rowList } from './wizard-support';

/**
 * The app at 200% zoom (a 1280 px window is 640 CSS px wide), at the 320 CSS px
 * of WCAG reflow, and in a small 1024x700 window: no sideways page scrolling,
 * the navigation folded behind a labelled menu button that the keyboard
 * reaches, a header that stays above the page, and a questionnaire row list
 * wide enough to read the row titles.
 */

const app = browserSession('responsive');
const TITLE = 'Card payments review';

/** How far the page scrolls sideways (0 when it does not). Text: this file has no DOM types. */
const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).first().boundingBox();
  if (found === null) throw new Error(`${selector} is not shown`);
  return found;
};

/** How far Home's assessments table scrolls sideways inside its own box. */
const tableScroll = (page: Page): Promise<number> =>
  page.evaluate<number>(
    '(() => { const s = document.querySelector("[data-testid=assessments-scroll]"); return s.scrollWidth - s.clientWidth; })()',
  );

const focusedLabel = (page: Page): Promise<string> =>
  page.evaluate<string>(
    'document.activeElement ? (document.activeElement.getAttribute("aria-label") ?? document.activeElement.textContent ?? "") : ""',
  );

const burger = (page: Page) => page.getByRole('button', { name: 'Navigation' });
// By id: a folded navigation is hidden from the accessibility tree, so not found by role.
const mainNav = (page: Page) => page.locator('#main-navigation');

async function startAssessment(page: Page, from: string, to: string): Promise<void> {
  await field(page, 'Name of the assessment').fill(TITLE);
  await field(page, 'Assessment period from').fill(from);
  await field(page, 'Assessment period to').fill(to);
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
}

/** The header keeps its height and the page starts below it. */
async function headerClear(page: Page): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  const header = await box(page, 'header');
  const title = await box(page, 'main h2');
  expect(title.y).toBeGreaterThanOrEqual(header.y + header.height);
  const grown = await page.evaluate<number>(
    'document.querySelector("header").scrollHeight - document.querySelector("header").clientHeight',
  );
  expect(grown).toBeLessThanOrEqual(0);
}

/** Opens the folded navigation from the keyboard and picks a place in it. */
async function navigateByKeyboard(page: Page, label: string, title: string): Promise<void> {
  await burger(page).focus();
  expect(await burger(page).getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Enter');
  await expect.poll(() => burger(page).getAttribute('aria-expanded')).toBe('true');
  expect(await mainNav(page).isVisible()).toBe(true);
  for (let presses = 0; presses < 30 && (await focusedLabel(page)) !== label; presses += 1) {
    await page.keyboard.press('Tab');
  }
  expect(await focusedLabel(page)).toBe(label);
  const outline = await page.evaluate<string>(
    'getComputedStyle(document.activeElement).outlineStyle',
  );
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page).textContent()).toBe(title);
  // A choice folds the navigation away again.
  await expect.poll(() => burger(page).getAttribute('aria-expanded')).toBe('false');
  await expect.poll(() => mainNav(page).isVisible()).toBe(false);
}

describe('the app on narrow and small windows', () => {
  it('sets up two assessments with the same title', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await startAssessment(page, '2026-01-01', '2026-12-31');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Home' })
      .click();
    await expect.poll(() => heading(page).textContent()).toBe('Home');
    await startAssessment(page, '2027-01-01', '2027-12-31');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Home' })
      .click();
    await expect.poll(() => heading(page).textContent()).toBe('Home');
  });

  it('fits Home at 200% zoom, with the navigation behind the menu button', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 640, height: 800 });
    await expect.poll(() => burger(page).isVisible()).toBe(true);
    expect(await burger(page).getAttribute('aria-controls')).toBe('main-navigation');
    expect(await mainNav(page).getAttribute('aria-label')).toBe('Main');
    expect(await mainNav(page).isVisible()).toBe(false);
    await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await headerClear(page);

    // The two assessments of the same title are told apart by their period.
    const rows = page.getByTestId('assessments').getByRole('row').filter({ hasText: TITLE });
    await expect.poll(() => rows.count()).toBe(2);
    const [first, second] = await rows.allTextContents();
    expect(first).not.toBe(second);
    const groups = page.getByTestId('due-group');
    if ((await groups.count()) > 1) {
      const texts = await groups.allTextContents();
      expect(new Set(texts).size).toBe(texts.length);
    }
    await checkScreen(page, 'responsive-home-640');
  });

  it('reaches every place from the keyboard through the folded navigation', async () => {
    const { page, watch } = app;
    await navigateByKeyboard(page, 'Vault settings', 'Vault');
    await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await headerClear(page);
    await checkScreen(page, 'responsive-vault-settings-640');

    // Escape folds the opened navigation and gives the focus back to the button.
    await burger(page).click();
    await expect.poll(() => mainNav(page).isVisible()).toBe(true);
    // Once it has slid in, it covers the page's width.
    await expect.poll(async () => (await mainNav(page).boundingBox())?.x).toBe(0);
    expect((await box(page, '#main-navigation')).width).toBe(640);
    await checkScreen(page, 'responsive-navigation-open-640');
    // Tab goes from its last link past the covered page, not into it.
    await mainNav(page).getByRole('button', { name: 'Vault settings' }).focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate<boolean>(
        '(() => { const a = document.activeElement; return a !== null && a.closest("main") !== null && a.closest("#main-navigation") === null; })()',
      ),
    ).toBe(false);
    await mainNav(page).getByRole('button', { name: 'Home' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => mainNav(page).isVisible()).toBe(false);
    expect(await focusedLabel(page)).toBe('Navigation');
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('stacks the questionnaire at 200% zoom', async () => {
    const { page } = app;
    await navigateByKeyboard(page, 'Home', 'Home');
    await page
      .getByRole('button', { name: `Open ${TITLE}` })
      .first()
      .click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await navigateByKeyboard(page, '5. Questionnaire', 'Questionnaire');
    await expect.poll(() => activeRow(page)).not.toBeNull();
    await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await headerClear(page);
    // The list sits above the row detail, at the full width of the screen.
    const list = await box(page, '[data-testid="row-list"]');
    const detail = await box(page, '[data-testid="row-detail"]');
    expect(detail.y).toBeGreaterThanOrEqual(list.y + list.height);
    expect(list.width).toBeGreaterThan(500);
    await checkScreen(page, 'responsive-questionnaire-640');
  });

  it('fits every other step at 200% zoom', async () => {
    const { page } = app;
    const steps: [string, string][] = [
      ['1. Merchant profile', 'Merchant profile'],
      ['2. Merchant level', 'Merchant level'],
      ['3. SAQ choice', 'SAQ choice'],
      ['4. Executive summary', 'Executive summary'],
      ['6. Review', 'Review'],
      ['7. Attestation', 'Attestation'],
      ['Evidence', 'Evidence'],
      ['Verify a report', 'Verify a report'],
    ];
    const overflowing: string[] = [];
    for (const [label, title] of steps) {
      await burger(page).click();
      await mainNav(page).getByRole('button', { name: label }).click();
      await expect.poll(() => heading(page).textContent()).toBe(title);
      await screenshot(page, `responsive-step-${title}`);
      if ((await sidewaysOverflow(page)) > 0)
        overflowing.push(`${title} ${String(await sidewaysOverflow(page))}`);
    }
    expect(overflowing).toEqual([]);
  });

  it('gives the row list room to read in a 1024x700 window', async () => {
    const { page, watch } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(() => mainNav(page).isVisible()).toBe(true);
    expect(await burger(page).isVisible()).toBe(false);
    await mainNav(page).getByRole('button', { name: '5. Questionnaire' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Questionnaire');
    await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await headerClear(page);
    const list = await box(page, '[data-testid="row-list"]');
    expect(list.width).toBeGreaterThanOrEqual(260);
    // No scrollbar of its own sideways, and a row title line as wide as the list.
    const listOverflow = await page.evaluate<number>(
      'document.querySelector("[data-testid=row-list]").scrollWidth - document.querySelector("[data-testid=row-list]").clientWidth',
    );
    expect(listOverflow).toBeLessThanOrEqual(0);
    const titleLine = await box(page, '[data-testid="row-list"] [role=option] p:last-child');
    expect(titleLine.width).toBeGreaterThanOrEqual(220);
    // The detail stays beside the list.
    const detail = await box(page, '[data-testid="row-detail"]');
    expect(detail.x).toBeGreaterThanOrEqual(list.x + list.width);
    await rowList(page).focus();
    await page.keyboard.press('j');
    await checkScreen(page, 'responsive-questionnaire-1024');

    // Home's table fits beside the navigation without a scrollbar of its own.
    await mainNav(page).getByRole('button', { name: 'Home' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Home');
    const tableOverflow = await tableScroll(page);
    expect(tableOverflow).toBeLessThanOrEqual(0);
    await checkScreen(page, 'responsive-home-1024');
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('reflows Home at 320 CSS pixels', async () => {
    const { page, watch } = app;
    await page.setViewportSize({ width: 320, height: 640 });
    await navigateByKeyboard(page, 'Home', 'Home');
    await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await headerClear(page);
    // The assessments table scrolls inside its own box, not the page.
    const scroller = await box(page, '[data-testid="assessments-scroll"]');
    expect(scroller.width).toBeLessThanOrEqual(320);
    expect(await tableScroll(page)).toBeGreaterThan(0);
    await checkScreen(page, 'responsive-home-320');

    // Locked, the header still fits: the way to verify a report stays in it.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Unlock your vault');
    expect(await burger(page).count()).toBe(0);
    await expect
      .poll(() =>
        page.getByRole('banner').getByRole('button', { name: 'Verify a report' }).isVisible(),
      )
      .toBe(true);
    await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await headerClear(page);
    await checkScreen(page, 'responsive-unlock-320');
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
