import type { IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  IPC_CANCEL_CHANNEL,
  IPC_DROP_CHANNEL,
  IPC_EVENT_CHANNEL,
  ipcChannel,
} from '../../shared/api/contract';
import type { ApiEvent } from '../../shared/api/events';
import { createBridge } from './bridge';

function fakeIpc() {
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const ipc = {
    invoke: vi.fn((_channel: string, _payload?: unknown) =>
      Promise.resolve({ ok: true, value: 'x' }),
    ),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((candidate) => candidate !== listener),
      );
    },
  };

  const webUtils = {
    getPathForFile: (file: File) => (file.name === 'on-disk.pdf' ? '/data/on-disk.pdf' : ''),
  };

  return { ipc, listeners, bridge: createBridge(ipc as unknown as IpcRenderer, webUtils) };
}

describe('the preload bridge', () => {
  it('sends each call on its own channel with the input and request id', async () => {
    const { ipc, bridge } = fakeIpc();
    await bridge.getAppInfo({}, 'request_00000001');

    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannel('getAppInfo'), {
      input: {},
      requestId: 'request_00000001',
    });
  });

  it('relays core events to the page and stops when unsubscribed', () => {
    const { listeners, bridge } = fakeIpc();
    const seen: ApiEvent[] = [];
    const unsubscribe = bridge.onEvent((event) => seen.push(event));
    const event: ApiEvent = { type: 'vault-locked', reason: 'idle' };

    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? [])
      listener({ sender: 'ipc' }, event);
    unsubscribe();
    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? [])
      listener({ sender: 'ipc' }, event);

    expect(seen).toEqual([event]);
  });

  it('never hands the raw IPC event object to the page', () => {
    const { listeners, bridge } = fakeIpc();
    const received: unknown[] = [];
    bridge.onEvent((...args: unknown[]) => received.push(args));
    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? [])
      listener({ sender: 'secret' }, { type: 'vault-locked', reason: 'user' });

    expect(received).toEqual([[{ type: 'vault-locked', reason: 'user' }]]);
  });

  it('cancels through the cancel channel', async () => {
    const { ipc, bridge } = fakeIpc();
    await bridge.cancel('request_00000002');
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CANCEL_CHANNEL, 'request_00000002');
  });

  it('sends the path of a dropped file to main only, and refuses files not on disk', async () => {
    const { ipc, bridge } = fakeIpc();
    await bridge.fileHandleForDrop(new File(['x'], 'on-disk.pdf'));
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_DROP_CHANNEL, '/data/on-disk.pdf');

    const refused = await bridge.fileHandleForDrop(new File(['x'], 'made-in-page.txt'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
