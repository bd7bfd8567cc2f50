import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_CANCEL_CHANNEL,
  ipcChannel,
  operationNames,
  REQUEST_ID_PATTERN,
} from '../../shared/api/contract';
import { fail } from '../../shared/api/result';
import type { AppCore } from '../core/app-core';
import type { Logger } from '../core/log/logger';
import { isAppUrl } from './url-policy';

/**
 * A message may reach core only from the main frame of a window showing the
 * app's own page. A missing frame (destroyed or navigated away), a sub-frame
 * or any other origin is refused before the payload is even looked at.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
): boolean {
  const frame = event.senderFrame;
  if (frame === null) return false;
  if (frame !== event.sender.mainFrame) return false;

  return isAppUrl(frame.url);
}

interface Envelope {
  readonly input: unknown;
  readonly requestId: string | undefined;
}

function readEnvelope(payload: unknown): Envelope | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;

  const record = payload as Record<string, unknown>;
  const requestId = record['requestId'];
  if (
    requestId !== undefined &&
    (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId))
  ) {
    return undefined;
  }

  return { input: record['input'], requestId };
}

/** Registers one handler per operation, plus cancellation; all through the same checks. */
export function registerApiHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: AppCore,
  log: Logger,
): void {
  for (const name of operationNames) {
    ipcMain.handle(ipcChannel(name), async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn('ipc refused: untrusted sender', { operation: name });
        return fail('FORBIDDEN', 'Refused: the request did not come from the app page.');
      }

      const envelope = readEnvelope(payload);
      if (envelope === undefined) return fail('INVALID_INPUT', 'Malformed request.');

      return core.call(name, envelope.input, envelope.requestId);
    });
  }

  ipcMain.handle(IPC_CANCEL_CHANNEL, (event, requestId: unknown) => {
    if (!isTrustedSender(event)) return false;
    if (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId)) return false;

    return core.cancel(requestId);
  });
}
