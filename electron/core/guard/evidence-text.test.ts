import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import {
  PDF_TEXT_CHECK_LIMIT,
  TextEvidenceScan,
  checkPdfText,
  evidenceTextKind,
} from './evidence-text';

async function refusalOf(run: () => unknown): Promise<OperationError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof OperationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function scanBytes(bytes: Uint8Array, chunkSize: number) {
  const scan = new TextEvidenceScan();
  for (let at = 0; at < bytes.length; at += chunkSize)
    scan.push(bytes.subarray(at, at + chunkSize));
  return scan.end();
}

describe('evidenceTextKind', () => {
  it.each([
    ['text/plain', 'a.bin', 'text'],
    ['text/csv; charset=utf-8', 'a', 'text'],
    ['application/json', 'a', 'text'],
    ['application/vnd.api+json', 'a', 'text'],
    ['application/octet-stream', 'firewall.conf', 'text'],
    ['application/octet-stream', 'export.XML', 'text'],
    ['', 'server.log', 'text'],
    ['application/pdf', 'x', 'pdf'],
    ['', 'report.PDF', 'pdf'],
    ['image/png', 'shot.txt', 'image'],
    ['', 'shot.jpeg', 'image'],
    ['application/zip', 'bundle.zip', 'other'],
    ['', 'policy.docx', 'other'],
  ])('%s named %s is %s', (mediaType, name, kind) => {
    expect(evidenceTextKind(mediaType, name)).toBe(kind);
  });
});

describe('TextEvidenceScan', () => {
  const line = 'réf ünïcode ✓ 4111 1111 1111 1111 end\n';
  const utf8 = new TextEncoder().encode(`header\n${line}`);

  it('finds a number however the bytes are chunked, multi-byte characters included', async () => {
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const error = await refusalOf(() => scanBytes(utf8, size));
      expect(error.code, `chunks of ${size}`).toBe('CARD_DATA_DETECTED');
      expect(error.path).toBe('content');
      expect(error.message).toContain('line 2, characters 22-40');
    }
  });

  it('reads UTF-16 files by their byte-order mark', async () => {
    const text = `\uFEFFnote\r\nCVV: 123\r\n`;
    const little = Buffer.from(text, 'utf16le');
    const big = Buffer.from(little).swap16();

    for (const bytes of [little, big]) {
      const error = await refusalOf(() => scanBytes(bytes, 3));
      expect(error.message).toContain('a card verification code');
    }
  });

  it('passes clean text, including a number broken across a line', () => {
    const clean = new TextEncoder().encode('Order 1000234567890123\n4111 1111\n1111 1111\n');
    expect(scanBytes(clean, 4)).toEqual({ checked: true });
    expect(scanBytes(new Uint8Array(0), 1)).toEqual({ checked: true });
    expect(scanBytes(new Uint8Array([0x34]), 1)).toEqual({ checked: true });
  });

  it('streams a large log in constant pieces and still finds a number at its very end', async () => {
    const block = new TextEncoder().encode(
      '2024-05-01T10:00:00Z INFO request 123456 took 17 ms status=200\n'.repeat(1024),
    );
    const scan = new TextEvidenceScan();
    for (let round = 0; round < 256; round += 1) scan.push(block);
    scan.push(new TextEncoder().encode('tail 5555-5555-'));
    scan.push(new TextEncoder().encode('5555-4444'));

    const error = await refusalOf(() => scan.end());
    expect(error.message).toContain(`line ${256 * 1024 + 1}`);
  });
});

async function pdfWith(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = document.addPage();
    lines.forEach((text, index) => {
      page.drawText(text, { x: 50, y: 700 - index * 20, font, size: 12 });
    });
    if (lines.length === 0) page.drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
  }
  return document.save();
}

describe('checkPdfText', () => {
  it('refuses a PDF whose text holds a card number, naming the page', async () => {
    const bytes = await pdfWith([['Quarterly scan'], ['Receipt', 'Card 3782 822463 10005']]);
    const error = await refusalOf(() => checkPdfText(bytes));

    expect(error.code).toBe('CARD_DATA_DETECTED');
    expect(error.path).toBe('content.page-2');
    expect(error.message).not.toMatch(/3782|10005/);
  });

  it('accepts a PDF with clean text and reports it as checked', async () => {
    const bytes = await pdfWith([['Penetration test summary', 'No findings above medium']]);
    await expect(checkPdfText(bytes)).resolves.toEqual({ checked: true });
  });

  it('says so when a PDF has no text layer, cannot be read or is too large', async () => {
    await expect(checkPdfText(await pdfWith([[]]))).resolves.toEqual({
      checked: false,
      reason: 'no-text-layer',
    });
    await expect(checkPdfText(new TextEncoder().encode('not a pdf at all'))).resolves.toEqual({
      checked: false,
      reason: 'unreadable-pdf',
    });
    await expect(checkPdfText(new Uint8Array(PDF_TEXT_CHECK_LIMIT + 1))).resolves.toMatchObject({
      checked: false,
      reason: 'too-large',
    });
  });
});
