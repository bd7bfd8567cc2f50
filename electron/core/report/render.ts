import { Document, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { APP_VERSION, PRODUCT_NAME } from '../product';
import { ReportDocument } from './document';
import { FAMILY, registerReportFonts, withFreshReportFonts } from './fonts';
import type { ReportModel, ReportVariant } from './model';
import { stampPageNumbers } from './page-numbers';

export interface RenderReportOptions {
  readonly variant: ReportVariant;
  /** Printed on the last page so a reader can compare it; null for an unsigned draft. */
  readonly certificateFingerprint: string | null;
  /** Defaults to assets/fonts found above this module. */
  readonly fontsDir?: string;
}

/**
 * Lays out and writes the report as PDF bytes, in this thread, then stamps
 * "Page n of m" on every page (see page-numbers.tsx). Use
 * renderReportInWorker from the app: a full SAQ D takes over a second of
 * CPU, which must not block the core's event loop.
 */
export async function renderReportPdf(
  model: ReportModel,
  options: RenderReportOptions,
): Promise<Buffer> {
  registerReportFonts(options.fontsDir);

  const document = createElement(ReportDocument, {
    model: composed(model),
    variant: options.variant,
    productName: PRODUCT_NAME,
    productVersion: APP_VERSION,
    certificateFingerprint: options.certificateFingerprint,
  });
  // ReportDocument returns a <Document>; react-pdf's types want the element itself.
  const laidOut = await withFreshReportFonts(() =>
    renderToBuffer(document as Parameters<typeof renderToBuffer>[0]),
  );
  return stampPageNumbers(laidOut);
}

/**
 * Text as the report prints it: NFC, line breaks as "\n", tabs as spaces,
 * and no other control characters (they have no glyph in any font).
 */
export function printableText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
  );
}

/**
 * The model with every string in NFC, the form the report prints: a name
 * typed with combining accents must come out as the same characters as one
 * typed precomposed, on the page and in search.
 */
export function composed<T>(value: T): T {
  if (typeof value === 'string') return printableText(value) as T;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => composed(item)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, composed(item as unknown)]),
  ) as T;
}

/**
 * Runs the layout, font and page-number code once on a one-page document,
 * so the first real report in this thread does not pay for compiling it.
 * Each report opens its fonts afresh (see withFreshReportFonts); what stays
 * warm is the compiled code and the font files in the OS cache.
 */
export async function warmUpRenderer(fontsDir?: string): Promise<void> {
  registerReportFonts(fontsDir);
  const sample = 'Warm-up Ελληνικά Кириллица 中文 カナ';
  const laidOut = await withFreshReportFonts(() =>
    renderToBuffer(
      createElement(
        Document,
        null,
        createElement(
          Page,
          { size: 'A4' },
          createElement(
            Text,
            { style: { fontFamily: [FAMILY.text, FAMILY.fallback] as unknown as string } },
            sample,
          ),
          createElement(Text, { style: { fontFamily: FAMILY.text, fontWeight: 'bold' } }, sample),
          createElement(Text, { style: { fontFamily: FAMILY.mono } }, '0123456789abcdef'),
        ),
      ),
    ),
  );
  await stampPageNumbers(laidOut);
}
