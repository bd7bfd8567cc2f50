import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../core/events';
import { silentLogger } from '../../core/log/logger';
import { vaultPaths } from '../../core/paths';
import { VaultService } from '../../core/vault/vault-service';
import type { CliIo } from '../command';
import { runCli } from '../main';

const root = mkdtempSync(join(tmpdir(), 'pci-saq-init-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const PASSPHRASE = 'command line passphrase';

async function init(
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdin,
    env: options.env ?? {},
  };
  const code = await runCli(['init', ...args], io);

  return { code, out, err };
}

async function opensWith(dir: string, secret: { passphrase: string } | { recoveryKey: string }) {
  const vault = new VaultService({
    paths: vaultPaths(dir),
    backupsDir: join(root, 'backups'),
    door: 'cli',
    log: silentLogger,
    events: new EventHub(),
  });
  try {
    return (await vault.unlock(secret)).state;
  } finally {
    await vault.close();
  }
}

describe('pci-saq init', () => {
  it('creates a vault from a passphrase on stdin and prints the recovery key once', async () => {
    const dir = join(root, 'stdin');
    const result = await init(['--vault', dir, '--passphrase-stdin'], { stdin: `${PASSPHRASE}\n` });

    expect(result).toMatchObject({ code: 0, err: '' });
    const key = /Recovery key \(shown once, keep it safe\): (\S+)/.exec(result.out)?.[1] ?? '';
    expect(key).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(await opensWith(dir, { recoveryKey: key })).toBe('unlocked');
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const again = await init(['--vault', dir, '--passphrase-stdin'], { stdin: PASSPHRASE });
    expect(again.code).toBe(1);
    expect(again.err).toBe('pci-saq init: a vault already exists in that folder (VAULT_EXISTS).\n');
  });

  it('writes the recovery key to a new private file instead, with a passphrase file', async () => {
    const dir = join(root, 'file');
    const passphraseFile = join(root, 'passphrase.txt');
    const keyFile = join(root, 'recovery.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`);

    const result = await init([
      '--vault',
      dir,
      '--passphrase-file',
      passphraseFile,
      '--recovery-key-out',
      keyFile,
    ]);

    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // The trailing newline of the file is not part of the passphrase.
    expect(await opensWith(dir, { passphrase: PASSPHRASE })).toBe('unlocked');
    expect(await opensWith(dir, { recoveryKey: readFileSync(keyFile, 'utf8') })).toBe('unlocked');

    const refused = await init(['--vault', join(root, 'other'), '--recovery-key-out', keyFile], {
      env: { PCI_SAQ_PASSPHRASE: PASSPHRASE },
    });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/exists already/);
  });

  it('refuses a short passphrase, a missing folder option and a missing passphrase', async () => {
    const weak = await init(['--vault', join(root, 'weak')], {
      env: { PCI_SAQ_PASSPHRASE: 'too short' },
    });
    expect(weak).toMatchObject({ code: 1 });
    expect(weak.err).toBe(
      'pci-saq init: the passphrase is too short (at least 12 characters) (WEAK_PASSPHRASE).\n',
    );

    expect((await init(['--passphrase-stdin'])).code).toBe(2);
    const none = await init(['--vault', join(root, 'none')]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no passphrase given: use --passphrase-stdin/);
  });

  it('answers in one line, and at once, where the folder cannot be created', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const vault of [join(file, 'vault'), '/proc/no-such-process/vault']) {
      const result = await init(['--vault', vault], { env: { PCI_SAQ_PASSPHRASE: PASSPHRASE } });
      expect(result).toMatchObject({ code: 1 });
      expect(result.err).toBe(
        'pci-saq init: no permission to read or write the vault folder (NO_PERMISSION).\n',
      );
    }
  });

  it('works as a real process through bin/pci-saq.mjs with PCI_SAQ_PASSPHRASE', () => {
    const dir = join(root, 'process');
    const result = spawnSync(process.execPath, ['bin/pci-saq.mjs', 'init', '--vault', dir], {
      env: { ...process.env, PCI_SAQ_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
    });

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Vault created in .*\nRecovery key/);
    expect(statSync(join(dir, 'vault.db')).mode & 0o777).toBe(0o600);
  });
});
