import { signReportPdf } from '../signing/sign';
import { verifySignedPdf } from '../signing/verify';
import type { ReportModel, ReportVariant } from './model';
import { saqEditionLabel } from './model';
import { renderReportPdf } from './render';

/** Everything needed to produce one signed report; plain data, so it can cross to a worker. */
export interface ReportJob {
  readonly model: ReportModel;
  readonly variant: ReportVariant;
  readonly signing: {
    readonly p12: Uint8Array;
    readonly passphrase: string;
    /** SHA-256 of the certificate inside `p12`, printed in the report and checked after signing. */
    readonly certificateFingerprint: string;
    readonly location: string;
    readonly contactInfo: string;
    readonly signingTime?: Date;
  };
  readonly fontsDir?: string;
}

export type ReportStage = 'layout' | 'signing' | 'checking' | 'done';

export const REPORT_STAGES: readonly ReportStage[] = ['layout', 'signing', 'checking', 'done'];

export type StageListener = (stage: ReportStage, done: number, total: number) => void;

/**
 * Renders, signs and checks a report. The check runs our own verifier on
 * the bytes just produced and expects the certificate the caller named, so a
 * broken signature can never be written out.
 */
export async function produceSignedReport(
  job: ReportJob,
  onStage: StageListener = () => undefined,
): Promise<Buffer> {
  const total = REPORT_STAGES.length - 1;
  onStage('layout', 0, total);
  const pdf = await renderReportPdf(job.model, {
    variant: job.variant,
    certificateFingerprint: job.signing.certificateFingerprint,
    ...(job.fontsDir === undefined ? {} : { fontsDir: job.fontsDir }),
  });

  onStage('signing', 1, total);
  const signed = await signReportPdf(pdf, {
    p12: job.signing.p12,
    passphrase: job.signing.passphrase,
    signerName: job.model.merchantAttestation.signerName,
    reason: `Attestation of ${saqEditionLabel(job.model.saq)} responses`,
    location: job.signing.location,
    contactInfo: job.signing.contactInfo,
    ...(job.signing.signingTime === undefined ? {} : { signingTime: job.signing.signingTime }),
  });

  onStage('checking', 2, total);
  const check = verifySignedPdf(signed, {
    expectedFingerprint: job.signing.certificateFingerprint,
  });
  if (!check.intact) {
    throw new Error(`the signed report failed its own check: ${check.problems.join('; ')}`);
  }

  onStage('done', total, total);
  return signed;
}
