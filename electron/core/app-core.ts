import { existsSync } from 'node:fs';
import type { Door } from '../../shared/api/ops/app';
import { dispatch, RequestRegistry, type Handlers } from './dispatch';
import { EventHub } from './events';
import type { Logger } from './log/logger';
import { defaultVaultDir, vaultPaths } from './paths';
import { APP_VERSION, PRODUCT_NAME } from './product';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly door: Door;
  readonly log: Logger;
  /** The vault folder; defaults to `vault` inside the data folder. */
  readonly vaultDir?: string;
}

export type CallResult = Awaited<ReturnType<typeof dispatch>>;

/**
 * The application core as the doors see it: one `call` for every operation,
 * cancellation of long ones and a stream of events. Secrets (keys, the
 * unlocked database) stay in here; doors only ever see results.
 */
export interface AppCore {
  call(name: string, input: unknown, requestId?: string): Promise<CallResult>;
  cancel(requestId: string): boolean;
  readonly events: EventHub;
  close(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const log = options.log.child('core');
  const events = new EventHub();
  const requests = new RequestRegistry();
  const paths = vaultPaths(options.vaultDir ?? defaultVaultDir(options.dataDir));

  const handlers: Handlers = {
    getAppInfo: () => ({
      productName: PRODUCT_NAME,
      version: APP_VERSION,
      door: options.door,
      vaultExists: existsSync(paths.database) && existsSync(paths.keyFile),
    }),
  };

  return {
    events,

    async call(name, input, requestId) {
      const controller = requests.start(requestId);
      try {
        return await dispatch({ handlers, log }, name, input, {
          door: options.door,
          requestId,
          signal: controller.signal,
          progress: (done, total, stage) => {
            if (requestId !== undefined)
              events.emit({ type: 'progress', requestId, done, total, stage });
          },
        });
      } finally {
        requests.finish(requestId);
      }
    },

    cancel: (requestId) => requests.cancel(requestId),

    close: () => Promise.resolve(),
  };
}
