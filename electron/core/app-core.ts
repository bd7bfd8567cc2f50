import { join } from 'node:path';
import type { Door } from '../../shared/api/ops/app';
import { evidenceImportSchema } from '../../shared/api/ops/evidence';
import type { ImportedEvidenceResult } from '../../shared/api/ops/files';
import { fail, type Result } from '../../shared/api/result';
import type { CoreContext } from './core-context';
import { describeIssues, dispatch, RequestRegistry, runGuarded, type Handlers } from './dispatch';
import { EventHub } from './events';
import type { Logger } from './log/logger';
import { appHandlers } from './ops/app-handlers';
import { vaultHandlers } from './ops/vault-handlers';
import { questionnaireHandlers } from './ops/questionnaire-handlers';
import { createEvidenceService, type EvidenceService } from './evidence/evidence-service';
import { FileHandles, type FileDialogs, type FileHandle } from './files/file-handles';
import { evidenceHandlers } from './ops/evidence-handlers';
import { fileHandlers } from './ops/file-handlers';
import { signingHandlers } from './ops/signing-handlers';
import { verifyHandlers } from './ops/verify-handlers';
import { portableHandlers } from './ops/portable-handlers';
import { adoptDroppedFiles, TransientFiles } from './files/transient-files';
import {
  receiveTransientUpload,
  type ReceivedFile,
  type TransientUpload,
} from './ops/transient-upload';
import { resolveStaticFile } from './web/static-files';
import { assessmentHandlers } from './ops/assessment-handlers';
import { defaultVaultDir, vaultPaths } from './paths';
import { VaultService, type VaultServiceOptions } from './vault/vault-service';
import type { DeviceSecretStore } from './vault/device-file';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly door: Door;
  readonly log: Logger;
  /** The platform's file dialogs (desktop only). */
  readonly fileDialogs?: FileDialogs;
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
  /** Streams uploaded files into the vault (the browser-mode upload route). */
  readonly evidence: EvidenceService;
  /**
   * Imports an uploaded file: checks its description against the evidence
   * schema, then streams the bytes into the vault with progress and
   * cancellation by request id, like a long operation.
   */
  receiveUpload(
    source: AsyncIterable<Uint8Array | string>,
    description: unknown,
    requestId: string | undefined,
  ): Promise<Result<ImportedEvidenceResult>>;
  /**
   * Receives an uploaded report to verify or assessment to import (browser
   * mode): a short-lived handle, like the desktop's open dialog gives.
   */
  receiveFile(
    source: AsyncIterable<Uint8Array | string>,
    upload: TransientUpload,
    requestId: string | undefined,
  ): Promise<Result<ReceivedFile>>;
  /** Turns a file the person dropped on the desktop window into a handle. */
  registerDroppedFile(path: string): FileHandle;
  /**
   * An exported report in the data folder's `exports` folder, for browser
   * mode's download route; undefined for any name that is not one plain file
   * name of an export there.
   */
  exportedFile(fileName: string): string | undefined;
  close(): Promise<void>;
}

/**
 * Export names as exportReport and exportSigningCertificate write them: one
 * file name in any script (the company name is part of it), no folders, no
 * control characters, no hidden files. resolveStaticFile then keeps the
 * result inside the exports folder.
 */
function isExportFileName(name: string): boolean {
  return (
    /\.(pdf|json|bundle|cer)$/.test(name) &&
    !name.startsWith('.') &&
    Buffer.byteLength(name) <= 255 &&
    !/[/\\\p{Cc}\p{Cf}]/u.test(name)
  );
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
  const evidence = createEvidenceService(vault, { door: options.door, log });
  const fileHandles = new FileHandles();
  const transientFiles = new TransientFiles({ spoolDir: join(options.dataDir, 'incoming') });
  transientFiles.removeLeftovers();
  const adopt = adoptDroppedFiles(transientFiles, fileHandles);

  const handlers: Handlers = {
    ...appHandlers(context),
    ...vaultHandlers(context, vault),
    ...questionnaireHandlers(context),
    ...evidenceHandlers(context, vault),
    ...assessmentHandlers(context, vault),
    ...fileHandlers(context, evidence, fileHandles, options.fileDialogs),
    ...signingHandlers(context, vault, options.fileDialogs),
    ...verifyHandlers(context, transientFiles, adopt, options.fileDialogs),
    ...portableHandlers(context, vault, transientFiles, adopt, options.fileDialogs, {
      ...(options.vaultOptions?.scrypt === undefined
        ? {}
        : { scrypt: options.vaultOptions.scrypt }),
    }),
  };

  return {
    events,
    handlers,
    evidence,
    registerDroppedFile: (path) => fileHandles.register(path),

    exportedFile(fileName) {
      if (!isExportFileName(fileName)) return undefined;

      return resolveStaticFile(join(options.dataDir, 'exports'), `/${fileName}`);
    },

    async receiveFile(source, upload, requestId) {
      const controller = requests.start(requestId);
      try {
        return await runGuarded(
          log,
          'upload',
          { door: options.door, signal: controller.signal },
          () =>
            receiveTransientUpload(transientFiles, source, upload, {
              signal: controller.signal,
              onProgress: (done) => {
                if (requestId !== undefined)
                  events.emit({ type: 'progress', requestId, done, total: null, stage: 'upload' });
              },
            }),
        );
      } finally {
        requests.finish(requestId);
      }
    },

    async receiveUpload(source, description, requestId) {
      const parsed = evidenceImportSchema.safeParse(description);
      if (!parsed.success) {
        const { message, path } = describeIssues(parsed.error);
        return fail('INVALID_INPUT', message, path);
      }

      const controller = requests.start(requestId);
      try {
        return await runGuarded(
          log,
          'upload',
          { door: options.door, signal: controller.signal },
          async () => {
            const imported = await evidence.importEvidence(source, parsed.data, {
              signal: controller.signal,
              onProgress: (done, total) => {
                if (requestId !== undefined)
                  events.emit({ type: 'progress', requestId, done, total, stage: 'upload' });
              },
            });
            return { item: imported.item, deduplicated: imported.deduplicated };
          },
        );
      } finally {
        requests.finish(requestId);
      }
    },

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

    async close() {
      await transientFiles.clear();
      await vault.close();
    },
  };
}
