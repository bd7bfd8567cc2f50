import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportJob, ReportStage } from './produce';

/** What the core asks the worker. */
export type RendererRequest =
  | { readonly type: 'warm-up'; readonly id: number; readonly fontsDir?: string }
  | { readonly type: 'job'; readonly id: number; readonly job: ReportJob };

/** What the worker answers, tagged with the request's id. */
export type WorkerMessage =
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly stage: ReportStage;
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'ready'; readonly id: number }
  | { readonly type: 'done'; readonly id: number; readonly pdf: Uint8Array }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export interface RenderCallOptions {
  readonly onProgress?: (stage: ReportStage, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface ReportRendererOptions {
  /**
   * The worker script. Defaults to render-worker.ts beside this file when
   * running from source, or render-worker.js beside the bundle; a bundler
   * that emits the worker elsewhere passes its URL here.
   */
  readonly workerUrl?: URL;
  /** The worker ends after this long without work; the next report starts a new one. */
  readonly idleMs?: number;
}

/**
 * How to start the worker. From a bundle it is the compiled render-worker.js
 * beside this file. From source (tsx, vitest) it is the TypeScript file, and
 * Node 20 ignores `--import tsx` in a worker's execArgv, so a one-line
 * bootstrap loads tsx's API inside the worker and imports the entry through
 * it. tsx is located from this file, whatever the current folder.
 */
function workerStart(workerUrl: URL | undefined): { entry: URL | string; eval: boolean } {
  if (workerUrl !== undefined) return { entry: workerUrl, eval: false };
  // tsx's tsImport (bin/pci-saq.mjs) adds a query to the module URL: look at the path only.
  if (!new URL(import.meta.url).pathname.endsWith('.ts')) {
    return { entry: new URL('./render-worker.js', import.meta.url), eval: false };
  }
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return { entry: bootstrap, eval: true };
}

class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('report rendering was cancelled');
  }
}

/**
 * Renders and signs reports in one long-lived worker thread (never a child
 * process: the packaged app cannot run its executable as Node), so the
 * core's event loop stays free and the second report skips the cold start
 * (font loading, compiling the layout code). Reports run one at a time.
 * Cancelling terminates the worker; the next report starts a fresh one.
 * While idle the worker does not keep the process alive.
 */
export class ReportRenderer {
  readonly #options: ReportRendererOptions;
  #worker: Worker | null = null;
  #nextId = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(options: ReportRendererOptions = {}) {
    this.#options = options;
  }

  /** Starts the worker and loads fonts ahead of the first report (e.g. when the export screen opens). */
  warmUp(fontsDir?: string): Promise<void> {
    return this.#enqueue(async () => {
      await this.#request(
        { type: 'warm-up', id: this.#nextId++, ...(fontsDir === undefined ? {} : { fontsDir }) },
        {},
      );
    });
  }

  render(job: ReportJob, options: RenderCallOptions = {}): Promise<Buffer> {
    return this.#enqueue(async () => {
      const message = await this.#request({ type: 'job', id: this.#nextId++, job }, options);
      if (message.type !== 'done') throw new Error('the report worker answered out of turn');
      return Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength);
    });
  }

  async close(): Promise<void> {
    this.#clearIdle();
    const worker = this.#worker;
    this.#worker = null;
    if (worker !== null) await worker.terminate();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #clearIdle(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  #ensureWorker(): Worker {
    if (this.#worker !== null) return this.#worker;
    const start = workerStart(this.#options.workerUrl);
    const worker = new Worker(start.entry, { eval: start.eval });
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null;
    });
    this.#worker = worker;
    return worker;
  }

  #request(
    request: RendererRequest,
    options: RenderCallOptions,
  ): Promise<Extract<WorkerMessage, { type: 'done' | 'ready' }>> {
    if (options.signal?.aborted === true) return Promise.reject(new Cancelled());
    this.#clearIdle();
    const worker = this.#ensureWorker();
    worker.ref();

    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
        worker.unref();
        this.#clearIdle();
        this.#idleTimer = setTimeout(() => void this.close(), this.#options.idleMs ?? 120_000);
        this.#idleTimer.unref();
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.id !== request.id) return;
        switch (message.type) {
          case 'progress':
            options.onProgress?.(message.stage, message.done, message.total);
            return;
          case 'ready':
          case 'done':
            cleanUp();
            resolve(message);
            return;
          case 'failed':
            cleanUp();
            reject(new Error(message.message));
            return;
        }
      };
      const onError = (error: Error) => {
        cleanUp();
        this.#worker = null;
        reject(error);
      };
      const onExit = (code: number) => {
        cleanUp();
        reject(new Error(`the report worker stopped early (exit code ${String(code)})`));
      };
      const onAbort = () => {
        cleanUp();
        if (this.#worker === worker) this.#worker = null;
        void worker.terminate();
        reject(new Cancelled());
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(request);
    });
  }
}

let shared: ReportRenderer | null = null;

/** Renders and signs one report on the process's shared renderer (see ReportRenderer). */
export function renderReportInWorker(
  job: ReportJob,
  options: RenderCallOptions = {},
): Promise<Buffer> {
  shared ??= new ReportRenderer();
  return shared.render(job, options);
}

/**
 * Starts the shared renderer's worker ahead of a report that is about to be
 * asked for: a cold worker adds over a second to the first export. It stops
 * again after its idle time if no report comes.
 */
export function warmUpReportWorker(): Promise<void> {
  shared ??= new ReportRenderer();
  return shared.warmUp();
}
