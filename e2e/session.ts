import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  httpRoute,
  type OperationInput,
  type OperationName,
  type OperationResult,
} from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { startBrowserMode, type BrowserModeOptions } from '../electron/host/browser-mode';
import type { BrowserMode } from '../electron/host/browser-mode';
import { launchBrowser, watchPage, type Browser } from './support';

export type PageWatch = Awaited<ReturnType<typeof watchPage>>;

/**
 * One browser-mode server over its own data folder and one Chromium page,
 * started before a test file's tests and stopped after them. The fields are
 * live: `restartServer` and `newPage` replace them, as closing the app or the
 * tab would.
 */
export interface BrowserSession {
  readonly dataDir: string;
  readonly mode: BrowserMode;
  readonly browser: Browser;
  readonly page: Page;
  readonly watch: PageWatch;
  /** Closes the page and opens a fresh one, watched from its first script. */
  newPage(): Promise<Page>;
  /** Stops the server and starts another over the same data folder: a new token and port. */
  restartServer(): Promise<BrowserMode>;
  /** Calls an operation from the test process the way the page does; throws on a failure. */
  readonly call: <N extends OperationName>(
    name: N,
    input: OperationInput<N>,
  ) => Promise<OperationResult<N>>;
  /** The same by name, returning the result whatever it is (an unknown name answers 404). */
  readonly send: (name: string, input: unknown) => Promise<Result<unknown>>;
}

interface Running {
  mode: BrowserMode;
  browser: Browser;
  page: Page;
  watch: PageWatch;
}

/**
 * Registers the session's beforeAll and afterAll hooks in the calling test
 * file. `prepare` runs against the server before the browser starts (to build
 * a vault through the API, for example).
 */
export function browserSession(
  name: string,
  options: {
    readonly modeOptions?: Omit<BrowserModeOptions, 'dataDir'>;
    readonly prepare?: (session: BrowserSession) => Promise<void>;
  } = {},
): BrowserSession {
  const dataDir = mkdtempSync(join(tmpdir(), `pci-saq-e2e-${name}-`));
  let running: Partial<Running> = {};

  const live = <K extends keyof Running>(key: K): Running[K] => {
    const value = running[key];
    if (value === undefined) throw new Error(`the browser session has no ${key} outside its tests`);
    return value;
  };
  const start = () => startBrowserMode({ ...options.modeOptions, dataDir });

  const send = async (operation: string, input: unknown): Promise<Result<unknown>> => {
    const { host } = live('mode');
    const response = await fetch(
      `http://127.0.0.1:${String(host.port)}${httpRoute(operation as OperationName)}`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
      },
    );
    return (await response.json()) as Result<unknown>;
  };

  const session: BrowserSession = {
    dataDir,
    get mode() {
      return live('mode');
    },
    get browser() {
      return live('browser');
    },
    get page() {
      return live('page');
    },
    get watch() {
      return live('watch');
    },
    async newPage() {
      await running.page?.close();
      const page = await live('browser').context.newPage();
      running = { ...running, page, watch: await watchPage(page) };
      return page;
    },
    async restartServer() {
      await live('mode').stop();
      const mode = await start();
      running = { ...running, mode };
      return mode;
    },
    call: async <N extends OperationName>(operation: N, input: OperationInput<N>) => {
      const result = (await send(operation, input)) as Result<OperationResult<N>>;
      if (!result.ok) throw new Error(`${operation}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    send,
  };

  beforeAll(async () => {
    running = { mode: await start() };
    await options.prepare?.(session);
    running = { ...running, browser: await launchBrowser() };
    await session.newPage();
  });

  afterAll(async () => {
    await running.browser?.close();
    await running.mode?.stop();
    running = {};
  });

  return session;
}
