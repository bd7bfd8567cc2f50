import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_CANCEL_CHANNEL,
  IPC_DROP_CHANNEL,
  ipcChannel,
  operationNames,
  REQUEST_ID_PATTERN,
} from '../../shared/api/contract';
import { fail, ok, OperationError } from '../../shared/api/result';
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

  // Only the preload sends this, with the path webUtils found for a dropped file.
  ipcMain.handle(IPC_DROP_CHANNEL, (event, path: unknown) => {
    if (!isTrustedSender(event))
      return fail('FORBIDDEN', 'Refused: the request did not come from the app page.');
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096) {
      return fail('INVALID_INPUT', 'Not a file the app can open.');
    }
    try {
      return ok(core.registerDroppedFile(path));
    } catch (error) {
      if (error instanceof OperationError) return { ok: false, error: error.toApiError() };
      log.warn('dropped file refused');
      return fail('NOT_FOUND', 'That file could not be opened.');
    }
  });

  ipcMain.handle(IPC_CANCEL_CHANNEL, (event, requestId: unknown) => {
    if (!isTrustedSender(event)) return false;
    if (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId)) return false;

    return core.cancel(requestId);
  });
}
