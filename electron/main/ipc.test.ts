import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  IPC_CANCEL_CHANNEL,
  IPC_DROP_CHANNEL,
  ipcChannel,
  operationNames,
} from '../../shared/api/contract';
import { createAppCore } from '../core/app-core';
import { testLogger } from './fakes.test-support';
import { registerApiHandlers } from './ipc';

type Handler = (event: unknown, payload?: unknown) => unknown;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
  } as unknown as IpcMain;
  const core = createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-ipc-')),
    door: 'desktop',
    log: testLogger().log,
  });
  const call = vi.spyOn(core, 'call');
  registerApiHandlers(ipcMain, core, testLogger().log);

  return { handlers, call };
}

function senderEvent(url: string, options: { frame?: 'none' | 'sub' } = {}) {
  const mainFrame = { url };
  const senderFrame =
    options.frame === 'none' ? null : options.frame === 'sub' ? { url } : mainFrame;

  return { senderFrame, sender: { mainFrame } };
}

describe('registerApiHandlers', () => {
  it('registers exactly one handler per operation plus cancellation', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      [...operationNames.map(ipcChannel), IPC_CANCEL_CHANNEL, IPC_DROP_CHANNEL].sort(),
    );
  });

  it('answers the app page through core', async () => {
    const { handlers, call } = setup();
    const result = await handlers.get(ipcChannel('getAppInfo'))?.(
      senderEvent('app://app/index.html'),
      { input: {} },
    );

    expect(result).toMatchObject({ ok: true, value: { door: 'desktop', vaultExists: false } });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a destroyed or missing frame', senderEvent('app://app/index.html', { frame: 'none' })],
    ['a sub-frame of the app page', senderEvent('app://app/index.html', { frame: 'sub' })],
    ['a foreign web origin', senderEvent('https://evil.example/')],
    ['a file: page', senderEvent('file:///tmp/x.html')],
    ['a look-alike app host', senderEvent('app://app.evil/index.html')],
  ])('refuses %s before it reaches core', async (_name, event) => {
    const { handlers, call } = setup();
    const result = await handlers.get(ipcChannel('getAppInfo'))?.(event, { input: {} });

    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('validates the input against the operation schema', async () => {
    const { handlers } = setup();
    const result = await handlers.get(ipcChannel('getAppInfo'))?.(
      senderEvent('app://app/index.html'),
      {
        input: { unexpected: true },
      },
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses malformed envelopes and request ids', async () => {
    const { handlers, call } = setup();
    const handler = handlers.get(ipcChannel('getAppInfo'));

    expect(await handler?.(senderEvent('app://app/index.html'), 'not an object')).toMatchObject({
      ok: false,
    });
    expect(
      await handler?.(senderEvent('app://app/index.html'), { input: {}, requestId: '../../x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(call).not.toHaveBeenCalled();
  });

  it('lets only the app page cancel', () => {
    const { handlers } = setup();
    const cancel = handlers.get(IPC_CANCEL_CHANNEL);

    expect(cancel?.(senderEvent('https://evil.example/'), 'request_0001')).toBe(false);
    expect(cancel?.(senderEvent('app://app/index.html'), 'bad id!')).toBe(false);
  });

  it('turns a dropped file into a handle without echoing its path', () => {
    const { handlers } = setup();
    const folder = mkdtempSync(join(tmpdir(), 'pci-saq-drop-'));
    const file = join(folder, 'scan report.pdf');
    writeFileSync(file, '%PDF-1.4 test');
    const drop = handlers.get(IPC_DROP_CHANNEL);

    const result = drop?.(senderEvent('app://app/index.html'), file) as {
      ok: boolean;
      value: Record<string, unknown>;
    };
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ fileName: 'scan report.pdf', sizeBytes: 13 });
    expect(JSON.stringify(result)).not.toContain(folder);

    expect(drop?.(senderEvent('https://evil.example/'), file)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(drop?.(senderEvent('app://app/index.html'), 'relative/path.txt')).toMatchObject({
      ok: false,
    });
    expect(drop?.(senderEvent('app://app/index.html'), folder)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
