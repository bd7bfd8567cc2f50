import type { z } from 'zod';
import type { ApiEventListener } from './events';
import type { OperationSpec } from './operation';
import type { ChosenFile } from './ops/files';
import type { Result } from './result';
import { appOperations } from './ops/app';
import { fileOperations } from './ops/files';
import { vaultOperations } from './ops/vault';
import { questionnaireOperations } from './ops/questionnaires';
import { evidenceOperations } from './ops/evidence';
import { assessmentOperations } from './ops/assessments';
import { signingOperations } from './ops/signing';
import { verifyOperations } from './ops/verify';
import { portableOperations } from './ops/portable';

/**
 * The whole API, declared once. The preload bridge, the IPC handlers, the
 * browser-mode routes, the CLI and the page's client are all derived from this
 * map, and a parity test checks that each door serves exactly these names.
 */
export const operations = {
  ...appOperations,
  ...vaultOperations,
  ...questionnaireOperations,
  ...evidenceOperations,
  ...assessmentOperations,
  ...signingOperations,
  ...fileOperations,
  ...verifyOperations,
  ...portableOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationResult<N extends OperationName> =
  Operations[N] extends OperationSpec<z.ZodType, infer O> ? O : never;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

/** Functions the bridge offers besides one per operation. */
export const bridgeExtras = ['onEvent', 'cancel', 'fileHandleForDrop'] as const;

/**
 * What the preload exposes as `window.api`: one function per operation (with
 * an optional request id, used to cancel long work and match its progress),
 * a subscription to core events and cancellation.
 */
export type BridgeApi = {
  readonly [N in OperationName]: (
    input: OperationInput<N>,
    requestId?: string,
  ) => Promise<Result<OperationResult<N>>>;
} & {
  readonly onEvent: (listener: ApiEventListener) => () => void;
  readonly cancel: (requestId: string) => Promise<void>;
  /**
   * Desktop only: turns a File dropped on the window into a handle for
   * importEvidenceFile. The preload resolves the path; the page never sees it.
   */
  readonly fileHandleForDrop: (file: File) => Promise<Result<ChosenFile>>;
};

/** The IPC channel of an operation; one per name, so each has its own handler. */
export function ipcChannel(name: OperationName): string {
  return `api:${name}`;
}

export const IPC_CANCEL_CHANNEL = 'api:cancel';
export const IPC_EVENT_CHANNEL = 'api:event';
export const IPC_DROP_CHANNEL = 'files:dropped';

/** The browser-mode route of an operation. */
export function httpRoute(name: OperationName): string {
  return `/api/op/${name}`;
}

export const HTTP_CANCEL_ROUTE = '/api/cancel';
export const HTTP_EVENTS_ROUTE = '/api/events';
export const HTTP_UPLOAD_ROUTE = '/api/upload';

/** Request ids are chosen by the page; keep them short and plain. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
