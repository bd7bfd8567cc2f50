import {
  operationNames,
  type BridgeApi,
  type OperationInput,
  type OperationName,
  type OperationResult,
} from '../../../shared/api/contract';
import type { ApiEventListener } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';
import { createHttpTransport, takeTokenFromLocation } from './http-transport';
import type { Transport } from './transport';

export interface CallOptions {
  /** Lets a long operation be cancelled and its progress matched. */
  readonly requestId?: string;
}

export type ApiClient = {
  readonly [N in OperationName]: (
    input: OperationInput<N>,
    options?: CallOptions,
  ) => Promise<Result<OperationResult<N>>>;
} & {
  readonly onEvent: (listener: ApiEventListener) => () => void;
  readonly cancel: (requestId: string) => Promise<void>;
};

export function createApiClient(transport: Transport): ApiClient {
  const client: Record<string, unknown> = {
    onEvent: (listener: ApiEventListener) => transport.onEvent(listener),
    cancel: (requestId: string) => transport.cancel(requestId),
  };
  for (const name of operationNames) {
    client[name] = (input: unknown, options?: CallOptions) =>
      transport.invoke(name, input, options?.requestId);
  }

  return client as ApiClient;
}

export function bridgeTransport(bridge: BridgeApi): Transport {
  return {
    invoke: (name, input, requestId) => {
      const fn = (
        bridge as unknown as Record<string, (i: unknown, r?: string) => Promise<Result<unknown>>>
      )[name];
      if (fn === undefined)
        return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: name } });

      return fn(input, requestId);
    },
    cancel: (requestId) => bridge.cancel(requestId),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

declare global {
  interface Window {
    readonly api?: BridgeApi;
  }
}

export type Connection =
  | { readonly kind: 'desktop' | 'browser'; readonly client: ApiClient }
  | { readonly kind: 'none'; readonly reason: 'no-token' };

/** Picks the door: the preload bridge if present, else browser mode with its token. */
export function connect(): Connection {
  if (window.api !== undefined)
    return { kind: 'desktop', client: createApiClient(bridgeTransport(window.api)) };

  const token = takeTokenFromLocation(window.location, window.history, window.sessionStorage);
  if (token === undefined) return { kind: 'none', reason: 'no-token' };

  return { kind: 'browser', client: createApiClient(createHttpTransport(token)) };
}

export function newRequestId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
