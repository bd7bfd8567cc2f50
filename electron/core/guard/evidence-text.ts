import { TextDecoder } from 'node:util';
import {
  CardDataScanner,
  findCardData,
  type CardDataFinding,
} from '../../../shared/domain/card-data';
import { OperationError } from '../../../shared/api/result';
import { cardDataError } from './card-data-guard';

/**
 * Checks the text of evidence files for card data. Text-like files (txt, csv,
 * log, json, xml, html and kin) are decoded and scanned as they stream in;
 * PDFs have their text layer extracted with pdf.js. Images, scanned PDFs and
 * other binary formats cannot be checked, and the result says so, so that the
 * app can tell the person at import.
 */

export type EvidenceTextKind = 'text' | 'pdf' | 'image' | 'other';

const TEXT_EXTENSIONS = new Set([
  'txt',
  'text',
  'csv',
  'tsv',
  'log',
  'json',
  'xml',
  'html',
  'htm',
  'xhtml',
  'md',
  'yaml',
  'yml',
  'ini',
  'conf',
  'cfg',
]);
const IMAGE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'bmp',
  'tif',
  'tiff',
  'heic',
]);

/** How an evidence file's text can be reached, from its media type or else its name. */
export function evidenceTextKind(mediaType: string, fileName: string): EvidenceTextKind {
  const type = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/xhtml+xml' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  ) {
    return 'text';
  }

  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'pdf') return 'pdf';
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  if (IMAGE_EXTENSIONS.has(extension)) return 'image';

  return 'other';
}

/** What the check could do with a file: `checked`, or why it could not look inside. */
export type TextCheck =
  | { readonly checked: true }
  | {
      readonly checked: false;
      readonly reason: 'image' | 'binary' | 'no-text-layer' | 'encrypted-pdf' | 'unreadable-pdf';
    }
  | { readonly checked: false; readonly reason: 'too-large'; readonly limit: number };

/**
 * Decodes a byte stream as text and scans it, stopping at the first hit.
 * The decoder is chosen from a byte-order mark (UTF-8 without one): a
 * character split across chunks and a number split across chunks are both
 * put back together before scanning.
 */
export class TextEvidenceScan {
  readonly #scanner = new CardDataScanner();
  readonly #path: string;
  #decoder: TextDecoder | undefined;
  #head: Uint8Array = new Uint8Array(0);

  constructor(path = 'content') {
    this.#path = path;
  }

  /** Scans the next bytes; throws CARD_DATA_DETECTED on the first hit. */
  push(bytes: Uint8Array): void {
    if (this.#decoder === undefined) {
      // A byte-order mark may arrive one byte at a time: wait for three.
      this.#head = concat(this.#head, bytes);
      if (this.#head.length < 3) return;

      bytes = this.#head;
      this.#head = new Uint8Array(0);
      this.#decoder = decoderFor(bytes);
    }
    this.#report(this.#scanner.push(this.#decoder.decode(bytes, { stream: true })));
  }

  /** Scans what is left; throws CARD_DATA_DETECTED on a hit. */
  end(): TextCheck {
    if (this.#decoder === undefined) {
      this.#decoder = decoderFor(this.#head);
      this.#report(this.#scanner.push(this.#decoder.decode(this.#head, { stream: true })));
    }
    this.#report(this.#scanner.push(this.#decoder.decode()));
    this.#report(this.#scanner.end());

    return { checked: true };
  }

  #report(hits: ReturnType<CardDataScanner['push']>): void {
    const first = hits[0];
    if (first !== undefined) {
      const finding: CardDataFinding = { ...first, path: this.#path };
      throw cardDataError(finding, hits.length);
    }
  }
}

function decoderFor(head: Uint8Array): TextDecoder {
  // TextDecoder drops the mark itself (ignoreBOM is false by default).
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');

  return new TextDecoder('utf-8');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);

  return out;
}

/**
 * PDFs are parsed whole, so their text is checked only up to this size;
 * larger ones are stored unchecked and the result says why.
 */
export const PDF_TEXT_CHECK_LIMIT = 64 * 1024 * 1024;

interface PdfTextItem {
  readonly str?: string;
  readonly hasEOL?: boolean;
}

/**
 * Extracts each page's text layer with pdf.js (pure JavaScript, its legacy
 * build for Node, with eval off so that no font program is ever compiled to
 * code) and scans it. Throws CARD_DATA_DETECTED with the page in the path;
 * a PDF without any text (a scan) or one that cannot be opened is reported as
 * unchecked.
 */
export async function checkPdfText(
  bytes: Uint8Array,
  options: {
    signal?: AbortSignal;
    path?: string;
    /** The caller gives `bytes` up (a plain Uint8Array): pdf.js takes them without a copy. */
    transfer?: boolean;
  } = {},
): Promise<TextCheck> {
  if (bytes.length > PDF_TEXT_CHECK_LIMIT) {
    return { checked: false, reason: 'too-large', limit: PDF_TEXT_CHECK_LIMIT };
  }

  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the bytes it is given (and refuses a Buffer): hand it a
  // copy unless the caller gave them up.
  const owned = options.transfer === true && !Buffer.isBuffer(bytes);
  const task = pdfjs.getDocument({
    data: owned ? bytes : new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const path = options.path ?? 'content';

  try {
    let document;
    try {
      document = await task.promise;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      return {
        checked: false,
        reason: name === 'PasswordException' ? 'encrypted-pdf' : 'unreadable-pdf',
      };
    }

    let sawText = false;
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
      if (options.signal?.aborted === true) {
        throw new OperationError('CANCELLED', 'The check was cancelled.');
      }

      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      const text = (content.items as PdfTextItem[])
        .map((item) => (item.str ?? '') + (item.hasEOL === true ? '\n' : ''))
        .join('');
      page.cleanup();
      if (text.trim() !== '') sawText = true;

      const hits = findCardData(text);
      const first = hits[0];
      if (first !== undefined) {
        throw cardDataError({ ...first, path: `${path}.page-${pageNumber}` }, hits.length);
      }
    }

    return sawText ? { checked: true } : { checked: false, reason: 'no-text-layer' };
  } finally {
    await task.destroy();
  }
}
