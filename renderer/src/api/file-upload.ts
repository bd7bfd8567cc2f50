import { HTTP_UPLOAD_ROUTE } from '../../../shared/api/contract';
import type { ChosenFile } from '../../../shared/api/ops/files';
import type { PortableFormatChoice } from '../../../shared/api/ops/portable';
import type { Result } from '../../../shared/api/result';
import {
  UPLOAD_FILE_NAME_HEADER,
  UPLOAD_PURPOSE_HEADER,
  type UploadPurpose,
} from '../../../shared/api/uploads';
import { TOKEN_KEY } from './http-transport';

/** A file core holds for the page: a report to verify or an assessment to import. */
export type HeldFile = ChosenFile & { readonly kind?: PortableFormatChoice };

function base64url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);

  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function failure(code: 'CANCELLED' | 'APP_UNREACHABLE', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Turns a File the page holds (a drop, or the browser's own file chooser)
 * into a handle core holds. Desktop: the preload resolves the dropped file
 * to a handle; the page never sees its path. Browser mode: the file is the
 * body of a streaming upload with a purpose, so a report to verify or an
 * assessment to import never touches the vault.
 */
export async function holdFile(
  file: File,
  purpose: Exclude<UploadPurpose, 'evidence'>,
  options: { readonly requestId: string; readonly signal: AbortSignal },
): Promise<Result<HeldFile>> {
  const bridge = window.api;
  if (bridge !== undefined) return bridge.fileHandleForDrop(file);

  const token = window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  try {
    const response = await fetch(HTTP_UPLOAD_ROUTE, {
      method: 'POST',
      body: file,
      cache: 'no-store',
      signal: options.signal,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        [UPLOAD_PURPOSE_HEADER]: purpose,
        [UPLOAD_FILE_NAME_HEADER]: base64url(file.name),
        'X-Request-Id': options.requestId,
      },
    });

    return (await response.json()) as Result<HeldFile>;
  } catch {
    if (options.signal.aborted) return failure('CANCELLED', 'Upload cancelled');

    return failure('APP_UNREACHABLE', 'The file did not reach the app');
  }
}

/** "1.2 MiB" for the sizes people see next to a file name. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}

/** "1 evidence file", "2 evidence files". */
export function counted(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}
