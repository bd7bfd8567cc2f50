import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportJob, ReportStage } from './produce';

export type WorkerMessage =
  | {
      readonly type: 'progress';
      readonly stage: ReportStage;
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'done'; readonly pdf: Uint8Array }
  | { readonly type: 'failed'; readonly message: string };

export interface WorkerRenderOptions {
  readonly onProgress?: (stage: ReportStage, done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /**
   * The worker script. Defaults to render-worker.ts beside this file when
   * running from source, or render-worker.js beside the bundle; a bundler
   * that emits the worker elsewhere passes its URL here.
   */
  readonly workerUrl?: URL;
}

/**
 * How to start the worker. From a bundle it is the compiled render-worker.js
 * beside this file. From source (tsx, vitest) it is the TypeScript file, and
 * Node 20 ignores `--import tsx` in a worker's execArgv, so a two-line
 * bootstrap loads tsx's API inside the worker and imports the entry through
 * it. tsx is located from this file, whatever the current folder.
 */
function defaultWorker(): { entry: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { entry: new URL('./render-worker.js', import.meta.url), eval: false };
  }
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return { entry: bootstrap, eval: true };
}

/**
 * Renders and signs a report in a worker thread (never a child process: the
 * packaged app cannot run its executable as Node), so the core stays
 * responsive; progress arrives by stage. Aborting terminates the worker.
 */
export function renderReportInWorker(
  job: ReportJob,
  options: WorkerRenderOptions = {},
): Promise<Buffer> {
  const start =
    options.workerUrl === undefined ? defaultWorker() : { entry: options.workerUrl, eval: false };

  return new Promise<Buffer>((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(new Error('report rendering was cancelled'));
      return;
    }
    const worker = new Worker(start.entry, { workerData: job, eval: start.eval });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      settle(() => {
        reject(new Error('report rendering was cancelled'));
      });
      void worker.terminate();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.stage, message.done, message.total);
          return;
        case 'done':
          settle(() => {
            resolve(
              Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength),
            );
          });
          return;
        case 'failed':
          settle(() => {
            reject(new Error(message.message));
          });
          return;
      }
    });
    worker.on('error', (error) => {
      settle(() => {
        reject(error);
      });
    });
    worker.on('exit', (code) => {
      settle(() => {
        reject(new Error(`the report worker stopped early (exit code ${String(code)})`));
      });
    });
  });
}
