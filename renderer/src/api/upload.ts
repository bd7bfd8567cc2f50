import { HTTP_UPLOAD_ROUTE } from '../../../shared/api/contract';
import type { EvidenceImport } from '../../../shared/api/ops/evidence';
import type { ChosenFile, ImportedEvidenceResult } from '../../../shared/api/ops/files';
import type { Result } from '../../../shared/api/result';
import type { ApiClient } from './client';
import { TOKEN_KEY } from './http-transport';

/**
 * Where a new evidence file comes from: a File the page holds (file input or a
 * drop), or a file the desktop's own dialog chose, known to the page only by
 * its handle.
 */
export type EvidenceSource =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'chosen'; readonly chosen: ChosenFile };

/** What the person says about the file; the file name and size come from the source. */
export type EvidenceDescription = Omit<EvidenceImport, 'fileName' | 'sizeBytes' | 'mediaType'>;

export function sourceFileName(source: EvidenceSource): string {
  return source.kind === 'file' ? source.file.name : source.chosen.fileName;
}

export function sourceSize(source: EvidenceSource): number {
  return source.kind === 'file' ? source.file.size : source.chosen.sizeBytes;
}

/** The desktop window has the preload bridge; browser mode does not. */
export function isDesktop(): boolean {
  return window.api !== undefined;
}

/** base64url of the UTF-8 JSON: a header carries ASCII only. */
function headerValue(description: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(description));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);

  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function failure(
  code: 'INTERNAL' | 'CANCELLED' | 'APP_UNREACHABLE',
  message: string,
): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Browser mode: the file is the request body, streamed by the browser into the upload route. */
async function uploadOverHttp(
  file: File,
  evidence: EvidenceImport,
  requestId: string,
  signal: AbortSignal,
): Promise<Result<ImportedEvidenceResult>> {
  const token = window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  try {
    const response = await fetch(HTTP_UPLOAD_ROUTE, {
      method: 'POST',
      body: file,
      cache: 'no-store',
      signal,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        'X-Evidence': headerValue(evidence),
        'X-Request-Id': requestId,
      },
    });

    return (await response.json()) as Result<ImportedEvidenceResult>;
  } catch {
    if (signal.aborted) return failure('CANCELLED', 'Upload cancelled');

    return failure('APP_UNREACHABLE', 'The upload did not reach the app');
  }
}

/**
 * Adds a file to the vault as evidence by whichever door the page has: the
 * upload route in browser mode, a one-time handle and importEvidenceFile on
 * the desktop. Progress arrives as `progress` events with `requestId`;
 * aborting `signal` (and the client's cancel) stops it.
 */
export async function uploadEvidence(
  client: ApiClient,
  source: EvidenceSource,
  description: EvidenceDescription,
  options: { readonly requestId: string; readonly signal: AbortSignal },
): Promise<Result<ImportedEvidenceResult>> {
  const fileName = sourceFileName(source);
  const mediaType =
    source.kind === 'file' && source.file.type !== '' ? source.file.type : undefined;
  const evidence: EvidenceImport = {
    ...description,
    fileName,
    ...(mediaType === undefined ? {} : { mediaType }),
  };

  const bridge = window.api;
  if (bridge === undefined) {
    if (source.kind !== 'file') return failure('INTERNAL', 'No file to upload');

    return uploadOverHttp(source.file, evidence, options.requestId, options.signal);
  }

  let handle: string;
  if (source.kind === 'file') {
    const dropped = await bridge.fileHandleForDrop(source.file);
    if (!dropped.ok) return dropped;
    handle = dropped.value.handle;
  } else {
    handle = source.chosen.handle;
  }

  return client.importEvidenceFile({ handle, evidence }, { requestId: options.requestId });
}
