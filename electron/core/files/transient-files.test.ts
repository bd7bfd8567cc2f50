import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptDroppedFiles, TransientFiles } from './transient-files';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'pci-saq-transient-'));
}

async function* pieces(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    await Promise.resolve();
    yield Buffer.from(part);
  }
}

const BUNDLE_HEAD = 'PSAQBNDL';
const spoolWhen = (head: Buffer) => head.subarray(0, 8).toString('latin1') === BUNDLE_HEAD;

describe('TransientFiles', () => {
  it('keeps plaintext in memory and spools only what the caller calls ciphertext', async () => {
    const spoolDir = folder();
    const files = new TransientFiles({ spoolDir });
    const signal = new AbortController().signal;

    const json = await files.receive(pieces('{"format":', '"x"}'), {
      fileName: 'copy.json',
      memoryLimit: 1024,
      spoolWhen,
      spoolLimit: 4096,
      signal,
    });
    expect(readdirSync(spoolDir)).toEqual([]);
    expect((await files.readAll(json.handle, 1024)).toString()).toBe('{"format":"x"}');

    const bundle = await files.receive(pieces(BUNDLE_HEAD, 'x'.repeat(2000)), {
      fileName: 'dir/../copy.bundle',
      memoryLimit: 1024,
      spoolWhen,
      spoolLimit: 4096,
      signal,
    });
    expect(bundle).toMatchObject({ fileName: 'copy.bundle', sizeBytes: 2008 });
    expect(readdirSync(spoolDir)).toHaveLength(1);

    await files.clear();
    expect(readdirSync(spoolDir)).toEqual([]);
    expect(() => files.get(bundle.handle)).toThrow(/no longer available/);
  });

  it('refuses a file past its limit and leaves nothing behind', async () => {
    const spoolDir = folder();
    const files = new TransientFiles({ spoolDir });
    const signal = new AbortController().signal;

    await expect(
      files.receive(pieces(BUNDLE_HEAD, 'x'.repeat(3000), 'x'.repeat(3000)), {
        fileName: 'big.bundle',
        memoryLimit: 1024,
        spoolWhen,
        spoolLimit: 4096,
        signal,
      }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(
      files.receive(pieces('x'.repeat(600), 'x'.repeat(600)), {
        fileName: 'big.json',
        memoryLimit: 1024,
        signal,
      }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('refuses from the first bytes, and stops when cancelled', async () => {
    const files = new TransientFiles({ spoolDir: folder() });
    const controller = new AbortController();

    await expect(
      files.receive(pieces('PK zip header and more'), {
        fileName: 'x.zip',
        memoryLimit: 1024,
        checkHead: () => {
          throw new Error('not a PDF');
        },
        signal: controller.signal,
      }),
    ).rejects.toThrow('not a PDF');

    controller.abort();
    await expect(
      files.receive(pieces('%PDF-1.7 and more of it'), {
        fileName: 'x.pdf',
        memoryLimit: 1024,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('forgets handles after their lifetime, each use renewing it', async () => {
    let now = 0;
    const files = new TransientFiles({ spoolDir: folder(), lifetimeMs: 1000, now: () => now });
    const held = await files.receive(pieces('%PDF-1.7 report'), {
      fileName: 'r.pdf',
      memoryLimit: 1024,
      signal: new AbortController().signal,
    });

    now = 900;
    expect(files.get(held.handle).file.fileName).toBe('r.pdf');
    now = 1800;
    expect(files.has(held.handle)).toBe(true);
    now = 2801;
    expect(files.has(held.handle)).toBe(false);
  });

  it('bounds the bytes held in memory, dropping the oldest first', async () => {
    const files = new TransientFiles({ spoolDir: folder(), maxMemoryBytes: 1500 });
    const signal = new AbortController().signal;
    const receive = (name: string) =>
      files.receive(pieces('y'.repeat(1000)), { fileName: name, memoryLimit: 2000, signal });

    const first = await receive('first.pdf');
    const second = await receive('second.pdf');

    expect(files.has(first.handle)).toBe(false);
    expect(files.has(second.handle)).toBe(true);
  });

  it('takes over a dropped file under the handle the drop gave, once', () => {
    const dir = folder();
    const path = join(dir, 'dropped.pdf');
    writeFileSync(path, '%PDF-1.7');
    const files = new TransientFiles({ spoolDir: folder() });
    const dropped = new Map([['drop-handle', path]]);
    const adopt = adoptDroppedFiles(files, {
      take: (handle) => {
        const found = dropped.get(handle);
        if (found === undefined) throw new Error('unknown handle');
        dropped.delete(handle);
        return found;
      },
    });

    expect(adopt('drop-handle')).toBe('drop-handle');
    expect(adopt('drop-handle')).toBe('drop-handle');
    expect(files.get('drop-handle').file).toMatchObject({ fileName: 'dropped.pdf', sizeBytes: 8 });
    expect(() => adopt('never-given')).toThrow('unknown handle');
  });
});
