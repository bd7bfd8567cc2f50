import { parentPort, workerData } from 'node:worker_threads';
import { produceSignedReport, type ReportJob } from './produce';
import type { WorkerMessage } from './render-in-worker';

/**
 * Worker-thread entry: produces one signed report and posts progress, then
 * the PDF bytes (transferred, not copied) or an error message.
 */
const port = parentPort;
if (port === null) throw new Error('render-worker must run in a worker thread');

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer);
};

try {
  const pdf = await produceSignedReport(workerData as ReportJob, (stage, done, total) => {
    post({ type: 'progress', stage, done, total });
  });
  const bytes = new Uint8Array(pdf.byteLength);
  bytes.set(pdf);
  post({ type: 'done', pdf: bytes }, [bytes.buffer]);
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : 'unknown error' });
}
