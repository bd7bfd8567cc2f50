/** @jsxRuntime automatic */
// The pragma above: see document.tsx.
// "Page n of m" on every page, stamped after the report is laid out.
import { Document, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { PDFDocument } from 'pdf-lib';
import { withFreshReportFonts } from './fonts';
import { pageLabel, styles } from './report-layout';

/**
 * One A4 sheet per report page holding nothing but its page label, styled
 * and placed exactly as the report's own page chrome would place it.
 */
function PageLabelSheets({ total }: { readonly total: number }) {
  return (
    <Document>
      {Array.from({ length: total }, (_, index) => (
        <Page key={index} size="A4" style={styles.page}>
          {/* Fixed, as in the report: an absolute Text below the content area
              that is not fixed is pushed onto a new page, endlessly. */}
          <Text fixed style={styles.pageNumber}>
            {pageLabel(index + 1, total)}
          </Text>
        </Page>
      ))}
    </Document>
  );
}

/**
 * Adds "Page n of m" to every page of a freshly rendered report.
 *
 * react-pdf can print the total only through a `render` prop, and every
 * page holding one is laid out again once the total is known, and again at
 * each page break while it is being split: about a third of the render time
 * for a full SAQ D. Here the report is laid out once, without page numbers;
 * the labels are rendered by react-pdf on their own (a few milliseconds, same
 * font, size, colour and position) and each is drawn onto its page as a form
 * XObject, so the page looks exactly as it did with the render prop.
 */
export async function stampPageNumbers(report: Uint8Array): Promise<Buffer> {
  const document = await PDFDocument.load(report, { updateMetadata: false });
  const pages = document.getPages();

  const labels = await withFreshReportFonts(() =>
    renderToBuffer(<PageLabelSheets total={pages.length} />),
  );
  const stamps = await document.embedPdf(
    labels,
    pages.map((_, index) => index),
  );
  pages.forEach((page, index) => {
    const stamp = stamps[index];
    if (stamp === undefined) throw new Error(`no page label for page ${String(index + 1)}`);
    page.drawPage(stamp);
  });

  return Buffer.from(await document.save({ useObjectStreams: false }));
}
