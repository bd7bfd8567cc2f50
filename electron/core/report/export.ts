import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../files/atomic-write';
import type { ReportJob } from './produce';
import { renderReportInWorker, type RenderCallOptions } from './render-in-worker';

export interface ExportedReport {
  readonly bytes: number;
  /** SHA-256 of the file written, for the audit trail. */
  readonly sha256: string;
}

/**
 * Produces a signed report off the main thread and writes it atomically:
 * the destination holds either the complete, checked file or what it held
 * before. Write errors arrive as OperationErrors (DISK_FULL, NO_PERMISSION...).
 */
export async function exportSignedReport(
  job: ReportJob,
  destination: string,
  options: RenderCallOptions = {},
): Promise<ExportedReport> {
  const pdf = await renderReportInWorker(job, options);
  await writeFileAtomic(destination, pdf);
  return { bytes: pdf.byteLength, sha256: createHash('sha256').update(pdf).digest('hex') };
}
