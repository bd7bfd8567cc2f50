import { join } from 'node:path';
import { createAppCore, type AppCoreOptions } from '../core/app-core';
import { createLogger, fileSink, logFilePath } from '../core/log/logger';
import { defaultDataDir } from '../core/paths';
import { startHost, type RunningHost } from './server';

export interface BrowserModeOptions {
  readonly dataDir?: string;
  /** The built page (electron-vite's renderer output). */
  readonly staticDir?: string;
  /** Test hooks of the vault (a fast clock for auto-lock); never set by the app. */
  readonly vaultOptions?: AppCoreOptions['vaultOptions'];
}

export interface BrowserMode {
  readonly host: RunningHost;
  stop(): Promise<void>;
}

/**
 * Runs the app's core behind the guarded HTTP server on 127.0.0.1: the way
 * the app runs where Electron cannot, and the way every browser test drives
 * the real UI.
 */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const log = createLogger({ sinks: [fileSink(logFilePath(dataDir))], level: 'info' });
  const core = createAppCore({
    dataDir,
    door: 'browser',
    log,
    ...(options.vaultOptions === undefined ? {} : { vaultOptions: options.vaultOptions }),
  });
  const staticDir = options.staticDir ?? join(import.meta.dirname, '../../out/renderer');
  const host = await startHost({ core, staticDir, log });

  return {
    host,
    async stop() {
      await host.close();
      await core.close();
    },
  };
}
