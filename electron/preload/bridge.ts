import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  bridgeExtras,
  IPC_CANCEL_CHANNEL,
  IPC_EVENT_CHANNEL,
  ipcChannel,
  operationNames,
  type BridgeApi,
} from '../../shared/api/contract';
import type { ApiEvent, ApiEventListener } from '../../shared/api/events';

/**
 * Builds `window.api`: exactly one function per operation of the contract,
 * plus event subscription and cancellation. Nothing else of Electron or Node
 * reaches the page; in particular the page never gets ipcRenderer itself.
 */
export function createBridge(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): BridgeApi {
  const api: Record<string, unknown> = {};

  for (const name of operationNames) {
    api[name] = (input: unknown, requestId?: string) =>
      ipc.invoke(ipcChannel(name), { input, requestId });
  }

  const onEvent = (listener: ApiEventListener) => {
    const relay = (_event: IpcRendererEvent, payload: ApiEvent) => {
      listener(payload);
    };
    ipc.on(IPC_EVENT_CHANNEL, relay);

    return () => {
      ipc.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  };
  const cancel = async (requestId: string) => {
    await ipc.invoke(IPC_CANCEL_CHANNEL, requestId);
  };
  const extras: Record<(typeof bridgeExtras)[number], unknown> = { onEvent, cancel };
  Object.assign(api, extras);

  return Object.freeze(api) as BridgeApi;
}
