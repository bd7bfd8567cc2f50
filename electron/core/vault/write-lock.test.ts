import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { startChild, type RunningChild } from './child-process.test-support';
import { temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from './testing';
import { lockHolder, WriteLock } from './write-lock';

let vault: TemporaryVault;
let child: RunningChild | undefined;

beforeEach(async () => {
  vault = temporaryVault();
  await vault.service.create(TEST_PASSPHRASE);
  await vault.service.lock();
});

afterEach(async () => {
  if (child !== undefined && child.process.exitCode === null) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
  child = undefined;
  await vault.remove();
});

async function unlockCode(): Promise<string> {
  try {
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    return 'OK';
  } catch (error) {
    if (error instanceof OperationError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('one writer per vault, across processes', () => {
  it('refuses a second process with VAULT_IN_USE naming the first, until the first locks', async () => {
    child = await startChild(['hold', vault.service.paths.dir, TEST_PASSPHRASE]);
    await child.waitFor((line) => line === 'ready');

    expect(await unlockCode()).toMatch(/^VAULT_IN_USE: .*command line \(process \d+/);
    expect(vault.service.status().inUseElsewhere).toMatchObject({ door: 'cli' });

    child.process.kill('SIGTERM');
    await child.exited;
    // The child died without releasing: its lock is stale and is taken over.
    expect(existsSync(vault.service.paths.lockFile)).toBe(true);
    expect(await unlockCode()).toBe('OK');
    expect(lockHolder(vault.service.paths.lockFile)?.pid).toBe(process.pid);
  });

  it('makes the other process fail while this one holds the vault', async () => {
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });

    child = await startChild(['probe-write', vault.service.paths.dir, TEST_PASSPHRASE]);
    const outcome = await child.waitFor((line) => line.startsWith('{'));

    expect(JSON.parse(outcome)).toEqual({ step: 'unlock', code: 'VAULT_IN_USE' });
  });

  // Start times are read from /proc, so only Linux can tell a recycled pid.
  it.runIf(process.platform === 'linux')(
    'takes over a lock left by a process whose pid now belongs to another process',
    () => {
      // A lock file naming a live pid (this one's parent) but another start time:
      // the pid was recycled, the holder is gone.
      const { lockFile } = vault.service.paths;
      writeFileSync(
        lockFile,
        JSON.stringify({
          pid: process.ppid,
          processStart: '1',
          host: hostname(),
          door: 'desktop',
          acquiredAt: '2026-01-01T00:00:00.000Z',
        }),
      );

      const lock = WriteLock.acquire(lockFile, 'browser');
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({
        pid: process.pid,
        door: 'browser',
      });
      lock.release();
      expect(existsSync(lockFile)).toBe(false);
    },
  );
});
