import { renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { APP_VERSION, PRODUCT_NAME } from '../product';
import { ReportDocument } from './document';
import { registerReportFonts } from './fonts';
import type { ReportModel, ReportVariant } from './model';

export interface RenderReportOptions {
  readonly variant: ReportVariant;
  /** Printed on the last page so a reader can compare it; null for an unsigned draft. */
  readonly certificateFingerprint: string | null;
  /** Defaults to assets/fonts found above this module. */
  readonly fontsDir?: string;
}

/**
 * Lays out and writes the report as PDF bytes, in this thread. Use
 * renderReportInWorker from the app: a full SAQ D takes around a second of
 * CPU, which must not block the core's event loop.
 */
export async function renderReportPdf(
  model: ReportModel,
  options: RenderReportOptions,
): Promise<Buffer> {
  registerReportFonts(options.fontsDir);

  const document = createElement(ReportDocument, {
    model,
    variant: options.variant,
    productName: PRODUCT_NAME,
    productVersion: APP_VERSION,
    certificateFingerprint: options.certificateFingerprint,
  });
  // ReportDocument returns a <Document>; react-pdf's types want the element itself.
  return renderToBuffer(document as Parameters<typeof renderToBuffer>[0]);
}
