import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OperationError } from '../../../shared/api/result';

/** The few file operations the helper needs; tests pass failing ones. */
export interface AtomicWriteFileSystem {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  unlink: typeof nodeFs.unlink;
}

export interface AtomicWriteOptions {
  /** Permissions of the new file; exports default to owner-only. */
  readonly mode?: number;
  readonly fileSystem?: AtomicWriteFileSystem;
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** Turns a system error into the stable code and a sentence naming no path. */
function explain(error: unknown, target: string): OperationError {
  const errno = errnoOf(error);
  const name = basename(target);
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new OperationError(
        'DISK_FULL',
        `not enough space to write ${name}; nothing was written`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new OperationError('NO_PERMISSION', `the folder for ${name} cannot be written to`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new OperationError('NOT_FOUND', `the folder for ${name} does not exist`);
    case 'EISDIR':
      return new OperationError('INVALID_INPUT', `${name} is a folder, not a file`);
    default:
      return new OperationError('INTERNAL', `writing ${name} failed (${errno ?? 'unknown error'})`);
  }
}

/**
 * Writes a whole file or nothing: the bytes go to a temporary file in the
 * same folder (so the rename cannot cross file systems), are flushed to
 * disk, and only then replace the target by rename; the folder is flushed
 * too, so the new name survives a crash. On any failure the temporary file
 * is removed and the target is left as it was. Errors are OperationErrors
 * (DISK_FULL, NO_PERMISSION, NOT_FOUND, ...).
 */
export async function writeFileAtomic(
  target: string,
  content: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await writeFileAtomicWith(
    target,
    async (handle) => {
      let written = 0;
      while (written < content.byteLength) {
        const { bytesWritten } = await handle.write(content, written, content.byteLength - written);
        written += bytesWritten;
      }
    },
    options,
  );
}

/**
 * The same guarantee for content produced piece by piece (large bundles):
 * `produce` writes into the temporary file's handle. Returns the bytes written.
 */
export async function writeFileAtomicWith(
  target: string,
  produce: (handle: nodeFs.FileHandle) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<number> {
  const fs = options.fileSystem ?? nodeFs;
  const folder = dirname(target);
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);

  let created = false;
  let size: number;
  try {
    const handle = await fs.open(temporary, 'wx', options.mode ?? 0o600);
    created = true;
    try {
      await produce(handle);
      await handle.sync();
      size = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temporary).catch(() => undefined);
    throw error instanceof OperationError ? error : explain(error, target);
  }

  await syncFolder(folder);

  return size;
}

async function syncFolder(folder: string): Promise<void> {
  // Some platforms (Windows) cannot open a folder to flush it; the file
  // itself is already on disk, so that is not a failure.
  try {
    const handle = await nodeFs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
