import { parentPort } from 'node:worker_threads';
import { produceSignedReport } from './produce';
import type { RendererRequest, WorkerMessage } from './render-in-worker';
import { warmUpRenderer } from './render';

/**
 * Worker-thread entry. It stays alive between reports, so fonts and compiled
 * layout code are reused: each request renders and signs one report, posting
 * progress and then the PDF bytes (transferred, not copied) or an error.
 */
const port = parentPort;
if (port === null) throw new Error('render-worker must run in a worker thread');

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer);
};

async function handle(request: RendererRequest): Promise<void> {
  if (request.type === 'warm-up') {
    await warmUpRenderer(request.fontsDir);
    post({ type: 'ready', id: request.id });
    return;
  }
  const pdf = await produceSignedReport(request.job, (stage, done, total) => {
    post({ type: 'progress', id: request.id, stage, done, total });
  });
  const bytes = new Uint8Array(pdf.byteLength);
  bytes.set(pdf);
  post({ type: 'done', id: request.id, pdf: bytes }, [bytes.buffer]);
}

port.on('message', (request: RendererRequest) => {
  handle(request).catch((error: unknown) => {
    post({
      type: 'failed',
      id: request.id,
      message: error instanceof Error ? error.message : 'unknown error',
    });
  });
});
