/**
 * Files the page sends in browser mode, where it has no file dialog of the
 * app's own: one streaming route, with a purpose that decides where the bytes
 * go. Evidence streams into the vault; a report to verify and a portable
 * assessment to import become a short-lived, opaque handle in core, exactly
 * like a file the desktop's open dialog chose.
 */

export const UPLOAD_PURPOSES = ['evidence', 'report', 'portable'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** Which kind of upload a request is; absent means evidence (the route's first use). */
export const UPLOAD_PURPOSE_HEADER = 'x-upload-purpose';
/** The file's own name, base64url of its UTF-8 bytes (headers carry ASCII only). */
export const UPLOAD_FILE_NAME_HEADER = 'x-file-name';

/**
 * A report to verify is read whole into memory (the verifier needs every
 * byte at once); signed reports are a few megabytes, so this is generous.
 */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export function isUploadPurpose(value: unknown): value is UploadPurpose {
  return typeof value === 'string' && (UPLOAD_PURPOSES as readonly string[]).includes(value);
}

/** "AB:CD ..." or "abcd..." to lower-case hex without separators, as the verifier compares. */
export function normaliseFingerprintText(text: string): string {
  return text.replace(/[\s:]/g, '').toLowerCase();
}

export const SHA256_FINGERPRINT = /^[0-9a-f]{64}$/;

/**
 * An encrypted bundle uploaded for import is spooled (ciphertext only) to
 * the app's private folder; it carries evidence files, hence the size.
 */
export const MAX_BUNDLE_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
