import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from './command';
import { readPassphrase } from './passphrase';

const dir = mkdtempSync(join(tmpdir(), 'pci-saq-passphrase-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A terminal stand-in: raw mode is recorded, typed keys are pushed as data. */
function terminal(keys: string[]): { io: CliIo; prompts: () => string; rawModes: boolean[] } {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      this.rawModes.push(mode);
      if (mode) setTimeout(() => stdin.write(keys.shift() ?? '\r'), 1);
      return this;
    },
  });
  let err = '';
  return {
    io: { out: () => undefined, err: (text) => (err += text), stdin, env: {} },
    prompts: () => err,
    rawModes: stdin.rawModes,
  };
}

function plainIo(stdin: string, env: NodeJS.ProcessEnv = {}): CliIo {
  const stream = new PassThrough();
  stream.end(stdin);
  return { out: () => undefined, err: () => undefined, stdin: stream, env };
}

describe('readPassphrase', () => {
  it('reads stdin whole, dropping only one final newline', async () => {
    expect(await readPassphrase({ 'passphrase-stdin': true }, plainIo('  spaced out  \n'))).toBe(
      '  spaced out  ',
    );
    expect(await readPassphrase({ 'passphrase-stdin': true }, plainIo('two\n\n'))).toBe('two\n');
  });

  it('prefers the file to the environment variable', async () => {
    const file = join(dir, 'p.txt');
    writeFileSync(file, 'from the file\r\n');

    expect(
      await readPassphrase({ 'passphrase-file': file }, plainIo('', { PCI_SAQ_PASSPHRASE: 'env' })),
    ).toBe('from the file');
    expect(await readPassphrase({}, plainIo('', { PCI_SAQ_PASSPHRASE: 'from env' }))).toBe(
      'from env',
    );
  });

  it('prompts on a terminal with echo off, and asks twice when confirming', async () => {
    const typed = terminal(['secret phrase\u007fE\r', 'secret phrasE\r']);

    const passphrase = await readPassphrase({}, typed.io, { confirm: true });

    expect(passphrase).toBe('secret phrasE');
    expect(typed.prompts()).toBe('Vault passphrase: \nType it again: \n');
    expect(typed.rawModes).toEqual([true, false, true, false]);
  });

  it('refuses two different entries, and a missing source when there is no terminal', async () => {
    await expect(
      readPassphrase({}, terminal(['one passphrase\r', 'another one\r']).io, { confirm: true }),
    ).rejects.toThrow('the two passphrases differ');
    await expect(readPassphrase({}, plainIo(''))).rejects.toBeInstanceOf(UsageError);
  });
});
