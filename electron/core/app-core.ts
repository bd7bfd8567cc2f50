import { join } from 'node:path';
import type { Door } from '../../shared/api/ops/app';
import type { CoreContext } from './core-context';
import { dispatch, RequestRegistry, type Handlers } from './dispatch';
import { EventHub } from './events';
import type { Logger } from './log/logger';
import { appHandlers } from './ops/app-handlers';
import { vaultHandlers } from './ops/vault-handlers';
import { questionnaireHandlers } from './ops/questionnaire-handlers';
import { evidenceHandlers } from './ops/evidence-handlers';
import { assessmentHandlers } from './ops/assessment-handlers';
import { defaultVaultDir, vaultPaths } from './paths';
import { VaultService, type VaultServiceOptions } from './vault/vault-service';
import type { DeviceSecretStore } from './vault/device-file';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly door: Door;
  readonly log: Logger;
  /** The vault folder; defaults to `vault` inside the data folder. */
  readonly vaultDir?: string;
  /** Test hooks of the vault (cheap key derivation, a fake clock); never set by the app. */
  readonly vaultOptions?: Pick<VaultServiceOptions, 'scrypt' | 'clock'>;
  /** The OS keyring behind "remember on this device" (desktop only). */
  readonly deviceSecrets?: DeviceSecretStore;
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
  readonly handlers: Handlers;
  close(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const log = options.log.child('core');
  const events = new EventHub();
  const requests = new RequestRegistry();
  const context: CoreContext = {
    door: options.door,
    dataDir: options.dataDir,
    vaultPaths: vaultPaths(options.vaultDir ?? defaultVaultDir(options.dataDir)),
    log,
    events,
  };
  // The vault service holds the unlocked database; other domains take it as
  // an argument and reach the database through `vault.session()`.
  const vault = new VaultService({
    ...options.vaultOptions,
    paths: context.vaultPaths,
    backupsDir: join(options.dataDir, 'backups'),
    door: options.door,
    log,
    events,
    ...(options.deviceSecrets === undefined ? {} : { deviceSecrets: options.deviceSecrets }),
  });

  // Each domain contributes the handlers of its own operations; the type
  // `Handlers` fails to compile until every operation of the contract has one.
  const handlers: Handlers = {
    ...appHandlers(context),
    ...vaultHandlers(context, vault),
    ...questionnaireHandlers(context),
    ...evidenceHandlers(context, vault),
    ...assessmentHandlers(context, vault),
  };

  return {
    events,
    handlers,

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

    close: () => vault.close(),
  };
}
