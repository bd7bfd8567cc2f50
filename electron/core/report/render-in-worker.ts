import { createRequire } from 'node:module';
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

/** Where the worker is and how Node must start it (source needs the tsx loader). */
function defaultWorker(): { url: URL; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    // Resolved to a file URL so the worker finds tsx whatever the current folder.
    const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return {
      url: new URL('./render-worker.ts', import.meta.url),
      execArgv: ['--import', tsxLoader],
    };
  }
  return { url: new URL('./render-worker.js', import.meta.url), execArgv: [] };
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
  const fallback = defaultWorker();
  const url = options.workerUrl ?? fallback.url;
  const execArgv = options.workerUrl === undefined ? fallback.execArgv : [];

  return new Promise<Buffer>((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(new Error('report rendering was cancelled'));
      return;
    }
    const worker = new Worker(url, { workerData: job, execArgv });
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
