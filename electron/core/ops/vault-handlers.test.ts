import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/events';
import type { BackupSummary, CreatedVault, VaultStatus } from '../../../shared/api/ops/vault';
import { createAppCore, type AppCore } from '../app-core';
import { silentLogger } from '../log/logger';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../vault/testing';

let dataDir: string;
let core: AppCore;
let events: ApiEvent[];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-vault-ops-'));
  core = createAppCore({
    dataDir,
    door: 'browser',
    log: silentLogger,
    vaultOptions: { scrypt: CHEAP_SCRYPT },
  });
  events = [];
  core.events.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function value<T>(name: string, input: unknown = {}): Promise<T> {
  const result = await core.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function errorCode(name: string, input: unknown = {}): Promise<string> {
  const result = await core.call(name, input);
  return result.ok ? 'OK' : result.error.code;
}

describe('vault operations through the core', () => {
  it('walks a vault from none to created, locked, unlocked, backed up and restored', async () => {
    expect(await value<VaultStatus>('getVaultStatus')).toMatchObject({
      state: 'none',
      location: join(dataDir, 'vault'),
      cloudSyncFolder: null,
      inUseElsewhere: null,
    });

    const created = await value<CreatedVault>('createVault', { passphrase: TEST_PASSPHRASE });
    expect(created.status.state).toBe('unlocked');
    expect(await errorCode('createVault', { passphrase: TEST_PASSPHRASE })).toBe('VAULT_EXISTS');

    expect((await value<VaultStatus>('lockVault')).state).toBe('locked');
    expect(events).toContainEqual({ type: 'vault-locked', reason: 'user' });
    expect(await errorCode('backupVault')).toBe('VAULT_LOCKED');
    expect(await errorCode('unlockVault', { passphrase: 'not the right one' })).toBe(
      'WRONG_PASSPHRASE',
    );
    expect((await value<VaultStatus>('unlockVault', { passphrase: TEST_PASSPHRASE })).state).toBe(
      'unlocked',
    );

    const backup = await value<BackupSummary>('backupVault');
    expect(backup.location).toBe(join(dataDir, 'backups', backup.name));
    expect(await value<BackupSummary[]>('listVaultBackups')).toEqual([backup]);

    const restored = await value<VaultStatus>('restoreVault', {
      backupName: backup.name,
      recoveryKey: created.recoveryKey,
    });
    expect(restored.state).toBe('unlocked');
    expect(await value('verifyAuditTrail', {})).toMatchObject({ ok: true, firstBroken: null });
    expect((await value<VaultStatus>('setAutoLockMinutes', { minutes: 30 })).autoLockMinutes).toBe(
      30,
    );
  });

  it('changes the passphrase and recovers with the recovery key', async () => {
    const { recoveryKey } = await value<CreatedVault>('createVault', {
      passphrase: TEST_PASSPHRASE,
    });
    await value('changeVaultPassphrase', {
      currentPassphrase: TEST_PASSPHRASE,
      newPassphrase: 'second passphrase here',
    });
    await value('lockVault');

    expect(
      await errorCode('unlockVaultWithRecoveryKey', { recoveryKey, newPassphrase: 'short' }),
    ).toBe('WEAK_PASSPHRASE');
    await value('unlockVaultWithRecoveryKey', {
      recoveryKey,
      newPassphrase: 'third passphrase here',
    });
    await value('lockVault');
    expect(await errorCode('unlockVault', { passphrase: 'second passphrase here' })).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(await errorCode('unlockVault', { passphrase: 'third passphrase here' })).toBe('OK');
  });

  it('validates inputs before anything happens', async () => {
    expect(await errorCode('restoreVault', { backupName: '../../etc', passphrase: 'x' })).toBe(
      'INVALID_INPUT',
    );
    expect(
      await errorCode('restoreVault', {
        backupName: 'pci-saq-backup-20260101-000000Z',
        passphrase: 'x',
        recoveryKey: 'y',
      }),
    ).toBe('INVALID_INPUT');
    expect(await errorCode('setAutoLockMinutes', { minutes: -1 })).toBe('INVALID_INPUT');
    expect(await errorCode('unlockVault', {})).toBe('INVALID_INPUT');
    expect(await errorCode('unlockVault', { passphrase: TEST_PASSPHRASE })).toBe('VAULT_NOT_FOUND');
    expect(existsSync(join(dataDir, 'vault', 'vault.db'))).toBe(false);
  });

  it('locks the vault when the core closes', async () => {
    await value('createVault', { passphrase: TEST_PASSPHRASE });
    await core.close();

    expect(existsSync(join(dataDir, 'vault', 'vault.lock'))).toBe(false);
    expect((await value<VaultStatus>('getVaultStatus')).state).toBe('locked');
  });
});
