import * as fs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { writeFileAtomic, type AtomicWriteFileSystem } from './atomic-write';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atomic-write-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Real file system, except that writes fail with `code` after the first chunk of bytes. */
function failingWrites(code: string): AtomicWriteFileSystem {
  return {
    rename: fs.rename,
    unlink: fs.unlink,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      let calls = 0;
      const write = handle.write.bind(handle) as (
        buffer: Uint8Array,
        offset: number,
        length: number,
      ) => Promise<{ bytesWritten: number }>;
      return Object.assign(handle, {
        write: async (buffer: Uint8Array, offset: number, length: number) => {
          calls += 1;
          if (calls > 1) throw systemError(code);
          return write(buffer, offset, Math.min(length, 1000));
        },
      });
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<OperationError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OperationError)) throw new Error('expected an OperationError');
  return error;
}

describe('writeFileAtomic', () => {
  it('writes the whole file, owner-only, and leaves no temporary file', async () => {
    const target = join(folder, 'report.pdf');
    const content = new Uint8Array(300_000).map((_, index) => index % 251);

    await writeFileAtomic(target, content);

    expect(Buffer.compare(await readFile(target), Buffer.from(content))).toBe(0);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(['report.pdf']);
  });

  it('replaces an existing file in one step', async () => {
    const target = join(folder, 'report.pdf');
    await writeFile(target, 'old version, longer than the new one');

    await writeFileAtomic(target, Buffer.from('new'));

    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('reports a full disk as DISK_FULL, keeps the old file and removes the partial one', async () => {
    const target = join(folder, 'report.pdf');
    await writeFile(target, 'previous export');

    const error = await caught(
      writeFileAtomic(target, new Uint8Array(50_000), { fileSystem: failingWrites('ENOSPC') }),
    );

    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toContain('report.pdf');
    expect(error.message).not.toContain(folder);
    expect(await readFile(target, 'utf8')).toBe('previous export');
    expect(await readdir(folder)).toEqual(['report.pdf']);
  });

  it('reports a folder it may not write to as NO_PERMISSION and creates nothing', async () => {
    // Tests may run as root, where chmod does not stop writes: simulate the refusal.
    const refusing: AtomicWriteFileSystem = {
      ...failingWrites('EACCES'),
      open: () => Promise.reject(systemError('EACCES')),
    };

    const error = await caught(
      writeFileAtomic(join(folder, 'a.pdf'), Buffer.from('x'), { fileSystem: refusing }),
    );

    expect(error.code).toBe('NO_PERMISSION');
    expect(await readdir(folder)).toEqual([]);
  });

  it('reports a missing folder as NOT_FOUND', async () => {
    const error = await caught(writeFileAtomic(join(folder, 'missing', 'a.pdf'), Buffer.from('x')));

    expect(error.code).toBe('NOT_FOUND');
  });

  it('refuses to replace a folder and cleans up after itself', async () => {
    const target = join(folder, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'inside.txt'), 'keep');

    const error = await caught(writeFileAtomic(target, Buffer.from('x')));

    expect(error.code).not.toBe('INTERNAL');
    expect(await readdir(folder)).toEqual(['taken']);
    expect(await readFile(join(target, 'inside.txt'), 'utf8')).toBe('keep');
  });
});
