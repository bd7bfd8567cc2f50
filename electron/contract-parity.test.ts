import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcRenderer } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bridgeExtras,
  httpRoute,
  ipcChannel,
  IPC_CANCEL_CHANNEL,
  IPC_DROP_CHANNEL,
  operationNames,
} from '../shared/api/contract';
import { createAppCore } from './core/app-core';
import { createLogger } from './core/log/logger';
import { startHost, apiRoutes } from './host/server';
import { registerApiHandlers } from './main/ipc';
import { createBridge } from './preload/bridge';

/**
 * Every operation of the contract must be served by every door: one preload
 * function, one IPC handler, one HTTP route and one core handler. Adding an
 * operation without wiring it anywhere fails here (or fails to compile).
 */

const log = createLogger({ sinks: [], level: 'error' });
const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-parity-'));
const core = createAppCore({ dataDir, door: 'browser', log });
const expectedNames = [...operationNames].sort();

describe('contract parity', () => {
  it('the preload exposes exactly the contract', () => {
    const invoked: string[] = [];
    const ipc = {
      invoke: (channel: string) => {
        invoked.push(channel);
        return Promise.resolve({ ok: true, value: null });
      },
      on: () => undefined,
      removeListener: () => undefined,
    } as unknown as IpcRenderer;
    const bridge = createBridge(ipc, { getPathForFile: () => '' });

    expect(Object.keys(bridge).sort()).toEqual([...expectedNames, ...bridgeExtras].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const name of operationNames)
      void (bridge[name] as (input: unknown) => Promise<unknown>)({});
    expect(invoked.sort()).toEqual(operationNames.map(ipcChannel).sort());
  });

  it('main registers one IPC handler per operation', () => {
    const channels: string[] = [];
    registerApiHandlers({ handle: (channel: string) => channels.push(channel) }, core, log);

    expect(channels.sort()).toEqual(
      [...operationNames.map(ipcChannel), IPC_CANCEL_CHANNEL, IPC_DROP_CHANNEL].sort(),
    );
  });

  it('core has one handler per operation', () => {
    expect(Object.keys(core.handlers).sort()).toEqual(expectedNames);
  });

  describe('browser mode', () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'pci-saq-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const hostPromise = startHost({ core, staticDir, log });
    afterAll(async () => {
      await (await hostPromise).close();
    });

    it('routes one HTTP path per operation', () => {
      expect(apiRoutes().sort()).toEqual(operationNames.map(httpRoute).sort());
    });

    it.each(operationNames)('answers %s on its route', async (name) => {
      const host = await hostPromise;
      const response = await fetch(`http://127.0.0.1:${String(host.port)}${httpRoute(name)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input: {} }),
      });
      const body = (await response.json()) as { ok: boolean; error?: { code: string } };

      expect(response.status).toBe(200);
      expect(body.error?.code).not.toBe('NOT_FOUND');
    });
  });
});
