import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import {
  bridgeExtras,
  IPC_CANCEL_CHANNEL,
  IPC_DROP_CHANNEL,
  IPC_EVENT_CHANNEL,
  ipcChannel,
  operationNames,
  type BridgeApi,
} from '../../shared/api/contract';
import type { ApiEvent, ApiEventListener } from '../../shared/api/events';
import type { ChosenFile } from '../../shared/api/ops/files';
import type { Result } from '../../shared/api/result';

/**
 * Builds `window.api`: exactly one function per operation of the contract,
 * plus event subscription and cancellation. Nothing else of Electron or Node
 * reaches the page; in particular the page never gets ipcRenderer itself.
 */
export function createBridge(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
  webUtils: Pick<WebUtils, 'getPathForFile'>,
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
  // The path of a dropped file goes from here to main only; the page gets a handle.
  const fileHandleForDrop = async (file: File) => {
    const path = webUtils.getPathForFile(file);
    if (path === '') {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'That is not a file on this computer.' },
      };
    }

    return ipc.invoke(IPC_DROP_CHANNEL, path) as Promise<Result<ChosenFile>>;
  };
  const extras: Record<(typeof bridgeExtras)[number], unknown> = {
    onEvent,
    cancel,
    fileHandleForDrop,
  };
  Object.assign(api, extras);

  return Object.freeze(api) as BridgeApi;
}
