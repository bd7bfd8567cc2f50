import type { ChosenFile } from '../../../shared/api/ops/files';
import type { PortableFormatChoice } from '../../../shared/api/ops/portable';
import { OperationError } from '../../../shared/api/result';
import { MAX_BUNDLE_UPLOAD_BYTES, MAX_REPORT_BYTES } from '../../../shared/api/uploads';
import { PORTABLE_LIMITS } from '../../../shared/portable/assessment-format';
import { isBundle } from '../portable/bundle';
import { portableKindOf } from './portable-handlers';
import type { TransientFiles } from '../files/transient-files';
import { assertPdfHead } from './verify-handlers';

/** A received upload; an assessment to import also says whether it is a bundle. */
export type ReceivedFile = ChosenFile & { readonly kind?: PortableFormatChoice };

/** An upload that is not evidence: what it is for and the file's own name. */
export interface TransientUpload {
  readonly purpose: 'report' | 'portable';
  readonly fileName: string;
}

/**
 * Browser mode's way to hand core a report to verify or an assessment to
 * import. A report stays in memory (at most MAX_REPORT_BYTES) and is refused
 * from its first bytes when it is not a PDF. A plain JSON document stays in
 * memory too (its format's own limit); only an encrypted bundle is spooled
 * to disk, so no plaintext from the page is ever written.
 */
export async function receiveTransientUpload(
  files: TransientFiles,
  source: AsyncIterable<Uint8Array | string>,
  upload: TransientUpload,
  options: { readonly signal: AbortSignal; readonly onProgress: (done: number) => void },
): Promise<ReceivedFile> {
  if (upload.fileName.length > 1000) {
    throw new OperationError('INVALID_INPUT', 'The file name is too long.');
  }
  if (upload.purpose === 'report') {
    return files.receive(source, {
      fileName: upload.fileName,
      memoryLimit: MAX_REPORT_BYTES,
      checkHead: (head) => {
        assertPdfHead(head, upload.fileName);
      },
      signal: options.signal,
      onProgress: options.onProgress,
    });
  }

  const chosen = await files.receive(source, {
    fileName: upload.fileName,
    memoryLimit: PORTABLE_LIMITS.maxDocumentBytes,
    spoolWhen: (head) => isBundle(head.subarray(0, 8)),
    spoolLimit: MAX_BUNDLE_UPLOAD_BYTES,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return { ...chosen, kind: portableKindOf(await files.head(chosen.handle)) };
}
