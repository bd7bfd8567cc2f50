import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Makes a rename or a new file in `dir` durable. Needed after a rename: the
 * file's content is on disk, but which name points to it lives in the
 * folder. Windows cannot open folders this way and orders renames itself.
 */
export function fsyncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeAndSync(path: string, bytes: Uint8Array, mode = 0o600, flags = 'wx'): void {
  const fd = openSync(path, flags, mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `bytes` so that a crash at any moment leaves either
 * the old file or the new one, complete: write a temporary file in the same
 * folder, fsync it, rename it over the target (atomic on one file system),
 * fsync the folder.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, mode = 0o600): void {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeAndSync(temporary, bytes, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  fsyncFolder(dir);
}

/** Temporary files this module leaves behind after a crash, for clean-up. */
export function isAtomicTemporary(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}
