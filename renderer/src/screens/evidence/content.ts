import { MAX_EVIDENCE_READ_BYTES, type EvidenceItem } from '../../../../shared/api/ops/evidence';
import type { Result } from '../../../../shared/api/result';
import { api } from '../../state/api';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);

  return bytes;
}

/**
 * Reads an item's content (or its first `limit` bytes) range by range into a
 * Blob, which the browser may keep out of the page's heap. `type` is what the
 * Blob claims to be: previews name the real type, downloads a neutral one.
 */
export async function readEvidenceBlob(
  item: EvidenceItem,
  options: { readonly limit?: number; readonly type: string },
): Promise<Result<Blob>> {
  const end = Math.min(item.sizeBytes, options.limit ?? item.sizeBytes);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; offset < end; offset += MAX_EVIDENCE_READ_BYTES) {
    const length = Math.min(MAX_EVIDENCE_READ_BYTES, end - offset);
    const range = await api().readEvidenceContent({ id: item.id, offset, length });
    if (!range.ok) return range;
    parts.push(bytesOf(range.value.base64));
  }

  return { ok: true, value: new Blob(parts, { type: options.type }) };
}

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters, path separators, characters Windows forbids, and the
// bidirectional controls that can make "gpj.exe" read as "exe.jpg".
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name that is safe to offer for download: no path, no tricks, not empty. */
export function safeDownloadName(fileName: string): string {
  let name = fileName.normalize('NFC').replace(UNSAFE_CHARACTERS, '_');
  name = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (RESERVED_WINDOWS_NAMES.test(name)) name = `_${name}`;
  if (name === '') name = 'evidence';
  // Most file systems allow 255 bytes; keep the extension when shortening.
  while (new TextEncoder().encode(name).length > 200) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, Math.max(1, name.length - extension.length - 8)) + extension;
  }

  return name;
}

/** Browser mode's "Save a copy": the content goes to the browser's downloads, unencrypted. */
export async function downloadEvidenceCopy(item: EvidenceItem): Promise<Result<string>> {
  const blob = await readEvidenceBlob(item, { type: 'application/octet-stream' });
  if (!blob.ok) return blob;
  const url = URL.createObjectURL(blob.value);
  const name = safeDownloadName(item.fileName);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has taken its copy once the click has been handled.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);

  return { ok: true, value: name };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'GiB'}`;
}

/** What the preview can show of a media type. */
export function previewKind(item: EvidenceItem): 'image' | 'text' | 'pdf' | 'none' {
  const type = item.mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  const name = item.fileName.toLowerCase();
  // SVG can carry script: it is shown as text, never as an image in the app's origin.
  if (type === 'image/svg+xml' || name.endsWith('.svg')) return 'text';
  if (/^image\/(png|jpeg|gif|webp|bmp)$/.test(type)) return 'image';
  if (type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  if (
    type.startsWith('text/') ||
    /\/(json|xml|csv)$/.test(type) ||
    /\.(txt|csv|log|json|xml|md|conf|cfg|ini|yaml|yml|html?)$/.test(name)
  )
    return 'text';

  return 'none';
}
