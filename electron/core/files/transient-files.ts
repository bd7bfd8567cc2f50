import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { OperationError } from '../../../shared/api/result';
import type { FileHandle } from './file-handles';

/**
 * Files that are not evidence (a report to verify, an assessment to import)
 * held for a short while behind an opaque handle. The page only ever holds
 * the handle, the name and the size. A handle stands for one of:
 *
 * - a path the desktop's own dialog (or a drop) gave: nothing is copied;
 * - bytes uploaded in browser mode, kept in memory (reports, plain JSON);
 * - an uploaded encrypted bundle, spooled to a private folder of the app,
 *   because bundles carry evidence and can be large. Only ciphertext is ever
 *   spooled: the caller decides from the first bytes (`spoolWhen`).
 *
 * Handles expire; lock and close drop them all and delete what was spooled.
 * An upload that fails, is cancelled or is cut off leaves nothing behind.
 */

type Held =
  | { readonly kind: 'bytes'; readonly bytes: Buffer; readonly file: FileHandle; expires: number }
  | {
      readonly kind: 'path';
      readonly path: string;
      /** Spooled by us, so deleted when dropped; a person's own file never is. */
      readonly owned: boolean;
      readonly file: FileHandle;
      expires: number;
    };

export interface TransientFilesOptions {
  /** The app's private folder for spooled uploads (created owner-only). */
  readonly spoolDir: string;
  /** How long a handle lives without use; each use renews it. */
  readonly lifetimeMs?: number;
  /** Most bytes held in memory at once; the oldest handles go first. */
  readonly maxMemoryBytes?: number;
  readonly now?: () => number;
}

export interface ReceiveRequest {
  readonly fileName: string;
  /** Largest file kept in memory. */
  readonly memoryLimit: number;
  /** Spool instead of keeping in memory when the first bytes say so (never for plaintext). */
  readonly spoolWhen?: (head: Buffer) => boolean;
  /** Largest spooled file. */
  readonly spoolLimit?: number;
  /** Refuses the file from its first bytes (throws), before the rest is read. */
  readonly checkHead?: (head: Buffer) => void;
  readonly signal: AbortSignal;
  readonly onProgress?: (done: number) => void;
}

/** Bytes looked at before deciding what a file is. */
export const HEAD_BYTES = 16;

const DEFAULT_LIFETIME_MS = 30 * 60 * 1000;
const DEFAULT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;

function tooLarge(fileName: string, limit: number): OperationError {
  return new OperationError(
    'TOO_LARGE',
    `${fileName} is larger than the ${String(Math.floor(limit / (1024 * 1024)))} MiB the app accepts here.`,
  );
}

function plainName(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/'));
  return name === '' ? 'file' : name;
}

export class TransientFiles {
  readonly #held = new Map<string, Held>();
  readonly #options: TransientFilesOptions;

  constructor(options: TransientFilesOptions) {
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  #expiry(): number {
    return this.#now() + (this.#options.lifetimeMs ?? DEFAULT_LIFETIME_MS);
  }

  /** A regular file the desktop's dialog chose; `handle` keeps an id a drop already gave it. */
  registerPath(path: string, handle: string = randomUUID()): FileHandle {
    if (!isAbsolute(path))
      throw new OperationError('INVALID_INPUT', 'Not a file the app can open.');
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isFile()) {
      throw new OperationError('NOT_FOUND', 'That file does not exist or is not a regular file.');
    }

    this.#sweep();
    const file = { handle, fileName: basename(path), sizeBytes: stats.size };
    this.#held.set(handle, { kind: 'path', path, owned: false, file, expires: this.#expiry() });
    return file;
  }

  has(handle: string): boolean {
    this.#sweep();
    return this.#held.has(handle);
  }

  /** Reads an upload: into memory, or (when `spoolWhen` says so) into a private file. */
  async receive(
    source: AsyncIterable<Uint8Array | string>,
    request: ReceiveRequest,
  ): Promise<FileHandle> {
    const fileName = plainName(request.fileName);
    const chunks: Buffer[] = [];
    let size = 0;
    // Held in an object: `decide` sets it from inside a closure.
    const target: {
      decided: boolean;
      spool?: { path: string; handle: Awaited<ReturnType<typeof open>> };
    } = { decided: false };

    const decide = async (): Promise<void> => {
      target.decided = true;
      const head = Buffer.concat(chunks).subarray(0, HEAD_BYTES);
      request.checkHead?.(head);
      if (request.spoolWhen?.(head) !== true) return;

      mkdirSync(this.#options.spoolDir, { recursive: true, mode: 0o700 });
      const path = join(this.#options.spoolDir, `${randomUUID()}.part`);
      const spool = { path, handle: await open(path, 'wx', 0o600) };
      target.spool = spool;
      for (const chunk of chunks.splice(0)) await writeAll(spool.handle, chunk);
    };

    try {
      for await (const piece of source) {
        if (request.signal.aborted) throw new OperationError('CANCELLED', 'Upload cancelled.');
        const chunk =
          typeof piece === 'string' || !Buffer.isBuffer(piece) ? Buffer.from(piece) : piece;
        size += chunk.length;
        if (target.spool === undefined) chunks.push(chunk);
        else await writeAll(target.spool.handle, chunk);
        if (!target.decided && size >= HEAD_BYTES) await decide();
        const limit = target.spool === undefined ? request.memoryLimit : (request.spoolLimit ?? 0);
        if (size > limit) throw tooLarge(fileName, limit);
        request.onProgress?.(size);
      }
      if (request.signal.aborted) throw new OperationError('CANCELLED', 'Upload cancelled.');
      if (!target.decided) await decide();

      this.#sweep();
      const file = { handle: randomUUID(), fileName, sizeBytes: size };
      const spool = target.spool;
      if (spool === undefined) {
        this.#held.set(file.handle, {
          kind: 'bytes',
          bytes: Buffer.concat(chunks),
          file,
          expires: this.#expiry(),
        });
        this.#keepMemoryBounded();
      } else {
        await spool.handle.sync();
        await spool.handle.close();
        this.#held.set(file.handle, {
          kind: 'path',
          path: spool.path,
          owned: true,
          file,
          expires: this.#expiry(),
        });
        delete target.spool;
      }
      return file;
    } finally {
      const left = target.spool;
      if (left !== undefined) {
        await left.handle.close().catch(() => undefined);
        await unlink(left.path).catch(() => undefined);
      }
    }
  }

  /** What the handle stands for (renewing it); NOT_FOUND once it expired or was dropped. */
  get(handle: string): Readonly<Held> {
    this.#sweep();
    const held = this.#held.get(handle);
    if (held === undefined) {
      throw new OperationError('NOT_FOUND', 'That file is no longer available; choose it again.');
    }
    held.expires = this.#expiry();
    return held;
  }

  /** The first bytes of the file, to tell what it is. */
  async head(handle: string): Promise<Buffer> {
    const held = this.get(handle);
    if (held.kind === 'bytes') return held.bytes.subarray(0, HEAD_BYTES);

    const file = await open(held.path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  /** The whole file in memory, refused above `limit` bytes. */
  async readAll(handle: string, limit: number): Promise<Buffer> {
    const held = this.get(handle);
    if (held.file.sizeBytes > limit) throw tooLarge(held.file.fileName, limit);
    if (held.kind === 'bytes') return held.bytes;

    const bytes = await readFile(held.path);
    if (bytes.length > limit) throw tooLarge(held.file.fileName, limit);
    return bytes;
  }

  /** Forgets the handle; a spooled copy is deleted. */
  async release(handle: string): Promise<void> {
    const held = this.#held.get(handle);
    this.#held.delete(handle);
    if (held?.kind === 'path' && held.owned) await unlink(held.path).catch(() => undefined);
  }

  /** Drops every handle (on lock and close). */
  async clear(): Promise<void> {
    for (const handle of [...this.#held.keys()]) await this.release(handle);
  }

  /** Deletes spooled files a crash left behind; run once at start. */
  removeLeftovers(): void {
    let names: string[];
    try {
      names = readdirSync(this.#options.spoolDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.endsWith('.part')) rmSync(join(this.#options.spoolDir, name), { force: true });
    }
  }

  #sweep(): void {
    const now = this.#now();
    for (const [handle, held] of this.#held) {
      if (held.expires <= now) void this.release(handle);
    }
  }

  #keepMemoryBounded(): void {
    const limit = this.#options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
    let total = 0;
    const inMemory = [...this.#held].filter(
      (entry): entry is [string, Extract<Held, { kind: 'bytes' }>] => entry[1].kind === 'bytes',
    );
    for (const [, held] of inMemory) total += held.bytes.length;
    // Map order is insertion order: the oldest uploads go first.
    for (const [handle, held] of inMemory) {
      if (total <= limit) break;
      total -= held.bytes.length;
      this.#held.delete(handle);
    }
  }
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, chunk: Buffer): Promise<void> {
  let written = 0;
  while (written < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
    written += bytesWritten;
  }
}

/**
 * A file dropped on the desktop window gets its handle from the evidence
 * drop path (FileHandles). The verify and import operations take such a
 * handle too: it moves here under the same id, once.
 */
export function adoptDroppedFiles(
  files: TransientFiles,
  dropped: { take(handle: string): string },
): (handle: string) => string {
  return (handle) => {
    if (!files.has(handle)) files.registerPath(dropped.take(handle), handle);
    return handle;
  };
}
