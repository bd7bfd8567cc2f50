import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import packageJson from '../package.json';
import { createAppCore, type AppCore } from '../electron/core/app-core';
import { createLogger } from '../electron/core/log/logger';
import { startHost, type RunningHost } from '../electron/host/server';
import {
  launchBrowser,
  RENDERER_DIR,
  screenshot,
  seriousAxeViolations,
  watchPage,
  type Browser,
} from './support';

let core: AppCore;
let host: RunningHost;
let browser: Browser;
let attacker: Server;
let attackerPort = 0;
const call = vi.fn();

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('Build the app first (npm run build).');
  const log = createLogger({ sinks: [], level: 'error' });
  core = createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-e2e-')),
    door: 'browser',
    log,
  });
  const realCall = core.call.bind(core);
  core = {
    ...core,
    call: (name, input, requestId) => {
      call(name);
      return realCall(name, input, requestId);
    },
  };
  host = await startHost({ core, staticDir: RENDERER_DIR, log });
  browser = await launchBrowser();

  // Another web page on the same machine, as an attacker would host it.
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>other site</title><p>other</p>');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const address = attacker.address();
  attackerPort = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  await browser.close();
  await host.close();
  attacker.close();
});

describe('first screen in browser mode', () => {
  it('shows the version it fetched from core, strips the token and survives a reload', async () => {
    const page = await browser.context.newPage();
    const watch = await watchPage(page);
    await page.goto(host.url);

    await expect
      .poll(() => page.getByTestId('app-version').textContent())
      .toBe(packageJson.version);
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('Create your vault');
    expect(page.url()).not.toContain('token');
    expect(page.url()).toBe(`http://127.0.0.1:${String(host.port)}/`);

    await page.reload();
    await expect
      .poll(() => page.getByTestId('app-version').textContent())
      .toBe(packageJson.version);

    await screenshot(page, 'first-screen');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(watch.violations).toEqual([]);
    expect(watch.errors.filter((error) => !error.includes('favicon'))).toEqual([]);
    await page.close();
  });

  it('explains what to do when opened without the access key', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${String(host.port)}/`);

    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('without its access key');
    await screenshot(page, 'no-token');
    await page.close();
  });

  it('refuses calls from another site, even when it guesses the route', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${String(attackerPort)}/`);
    const calls = call.mock.calls.length;

    const outcome = await page.evaluate(
      async (target) => {
        const attempts = await Promise.allSettled([
          fetch(`${target}/api/op/getAppInfo`, {
            method: 'POST',
            body: '{"input":{}}',
            mode: 'no-cors',
          }),
          fetch(`${target}/api/op/getAppInfo`, { method: 'POST', body: '{"input":{}}' }).then(
            (r) => r.status,
          ),
        ]);
        return attempts.map((attempt) => attempt.status);
      },
      `http://127.0.0.1:${String(host.port)}`,
    );

    expect(outcome[1]).toBe('rejected');
    expect(call.mock.calls.length).toBe(calls);
    await page.close();
  });

  it('refuses a rebinding Host and a missing token from outside the browser', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: host.port,
            method: 'POST',
            path: '/api/op/getAppInfo',
            headers,
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.end('{"input":{}}');
      });

    expect(await status({ Host: 'attacker.example', Authorization: `Bearer ${host.token}` })).toBe(
      421,
    );
    expect(await status({ Host: `127.0.0.1:${String(host.port)}` })).toBe(401);
    expect(
      await status({
        Host: `127.0.0.1:${String(host.port)}`,
        Authorization: `Bearer ${host.token}`,
      }),
    ).toBe(200);
  });
});
