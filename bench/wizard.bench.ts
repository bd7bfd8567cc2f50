import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { OperationInput, OperationName, OperationResult } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { startBrowserMode } from '../electron/host/browser-mode';
import { formatMs, summarize, type BenchSuite } from './suite';

/**
 * The SAQ D questionnaire in Chromium: the time from clicking the step (or
 * "Open" on Home) until the active row's details are in the page and the next
 * frame has been drawn, and the time the j key takes to move to the next row.
 * Timed inside the page (performance.now), so Playwright's round trips do not
 * count. Most rows are answered first, through the API, as in a real
 * assessment near its end.
 */

const SAQ_D = 'saq-d-merchant-v4.0.1';
const OPEN_RUNS = 7;
const MOVE_RUNS = 40;
const ANSWERED_ROWS = 200;

type Call = <N extends OperationName>(
  name: N,
  input: OperationInput<N>,
) => Promise<OperationResult<N>>;

function apiOf(url: string): Call {
  const address = new URL(url);
  const token = /token=([A-Za-z0-9_-]+)/.exec(address.hash)?.[1] ?? '';
  return async (name, input) => {
    const response = await fetch(`${address.origin}/api/op/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ input }),
    });
    const result = (await response.json()) as Result<OperationResult<typeof name>>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
    return result.value;
  };
}

/** Clicks a button and resolves with the milliseconds until `selector` matches, plus one frame. */
const TIME_CLICK = `(([buttonText, selector]) => new Promise((resolve) => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === buttonText);
  const started = performance.now();
  const done = () => {
    const inDom = performance.now() - started;
    requestAnimationFrame(() => resolve([inDom, performance.now() - started]));
  };
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); done(); }
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  button.click();
}))`;

/** Presses j on the focused row list; resolves when the details show another row. */
const TIME_NEXT_ROW = `(() => new Promise((resolve) => {
  const list = document.querySelector('[role=listbox]');
  const before = document.querySelector('[data-testid=row-detail]').getAttribute('data-row');
  list.focus();
  const started = performance.now();
  const observer = new MutationObserver(() => {
    const now = document.querySelector('[data-testid=row-detail]');
    if (now && now.getAttribute('data-row') !== before) {
      observer.disconnect();
      const inDom = performance.now() - started;
      requestAnimationFrame(() => resolve([inDom, performance.now() - started]));
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  list.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
}))()`;

async function timeClick(page: Page, button: string, selector: string): Promise<[number, number]> {
  return page.evaluate<[number, number]>(`${TIME_CLICK}(${JSON.stringify([button, selector])})`);
}

export const wizardBench: BenchSuite = {
  name: 'wizard',
  async run(print) {
    const dataDir = mkdtempSync(join(tmpdir(), 'wizard-bench-'));
    const profile = mkdtempSync(join(tmpdir(), 'wizard-bench-chromium-'));
    const mode = await startBrowserMode({ dataDir });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      viewport: { width: 1280, height: 860 },
    });
    try {
      const call = apiOf(mode.host.url);
      await call('createVault', { passphrase: 'purple otter quietly juggles lanterns' });
      const assessment = await call('createAssessment', { questionnaireId: SAQ_D, title: 'Bench' });
      const questionnaire = await call('getQuestionnaire', { id: SAQ_D });
      for (const rowId of questionnaire.answerRowIds.slice(0, ANSWERED_ROWS)) {
        await call('saveAnswer', { assessmentId: assessment.id, rowId, response: 'in-place' });
      }
      await call('setResumePosition', {
        assessmentId: assessment.id,
        position: { screen: 'summary' },
      });
      print(
        `SAQ D: ${String(questionnaire.answerRowIds.length)} answer rows, ${String(ANSWERED_ROWS)} answered; medians of ${String(OPEN_RUNS)} opens and ${String(MOVE_RUNS)} moves`,
      );

      const page = await context.newPage();
      const cold: number[] = [];
      const coldDom: number[] = [];
      const warm: number[] = [];
      const warmDom: number[] = [];
      for (let run = 0; run < OPEN_RUNS; run += 1) {
        // A fresh page each time: the questionnaire is fetched and laid out from nothing.
        await page.goto('about:blank');
        await page.goto(mode.host.url);
        await page.getByRole('button', { name: 'Open Bench' }).waitFor();
        await page.getByRole('button', { name: 'Open Bench' }).click();
        // Opening resumes where the last run left; start each run from the step before.
        await page.getByRole('button', { name: '4. Executive summary' }).click();
        await page.getByRole('heading', { name: 'Executive summary' }).waitFor();
        const [dom, painted] = await timeClick(
          page,
          '5. Questionnaire',
          '[data-testid=row-detail]',
        );
        coldDom.push(dom);
        cold.push(painted);
        // Back and again: the definition is already in the page's store.
        await page.getByRole('button', { name: '4. Executive summary' }).click();
        await page.getByRole('heading', { name: 'Executive summary' }).waitFor();
        const [warmInDom, warmPainted] = await timeClick(
          page,
          '5. Questionnaire',
          '[data-testid=row-detail]',
        );
        warmDom.push(warmInDom);
        warm.push(warmPainted);
      }

      const moves: number[] = [];
      const movesDom: number[] = [];
      for (let run = 0; run < MOVE_RUNS; run += 1) {
        const [dom, painted] = await page.evaluate<[number, number]>(TIME_NEXT_ROW);
        movesDom.push(dom);
        moves.push(painted);
      }

      const line = (label: string, dom: number[], painted: number[], target: string) => {
        const p = summarize(painted);
        print(
          `${label}: ${formatMs(p.median)} to the next frame (in the page ${formatMs(summarize(dom).median)}; min ${formatMs(p.min)}, max ${formatMs(p.max)}); target under ${target}`,
        );
      };
      line('Open the questionnaire, definition fetched', coldDom, cold, '300 ms');
      line('Open the questionnaire, definition in memory', warmDom, warm, '300 ms');
      line('Move to the next row (j)', movesDom, moves, '50 ms');
    } finally {
      await context.close();
      await mode.stop();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
