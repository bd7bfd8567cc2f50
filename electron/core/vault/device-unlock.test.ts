import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { createAppCore } from '../app-core';
import { silentLogger } from '../log/logger';
import { getAnswer, saveAnswer } from '../store/answers-repository';
import { sealDeviceFile } from './device-file';
import {
  FakeKeyring,
  seedAssessment,
  temporaryVault,
  TEST_PASSPHRASE,
  type TemporaryVault,
} from './testing';
import { deviceFilePath } from './vault-service';

const NEW_PASSPHRASE = 'a completely different passphrase';

let keyring: FakeKeyring;
let vault: TemporaryVault;
let recoveryKey: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof OperationError) return error.code;
    throw error;
  }
}

/** Every file of the vault folder with its SHA-256 (the lock file comes and goes). */
function folderHashes(): Record<string, string> {
  const dir = vault.service.paths.dir;
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) {
      hashes[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  }

  return hashes;
}

function storedNote(): unknown {
  return getAnswer(vault.service.session().database, 'assessment-1', '1.1')?.payload;
}

const deviceFile = () => deviceFilePath(vault.service.paths);

beforeEach(async () => {
  keyring = new FakeKeyring();
  vault = temporaryVault({ prefix: 'pci-saq-device-', deviceSecrets: keyring });
  recoveryKey = (await vault.service.create(TEST_PASSPHRASE)).recoveryKey;
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
    saveAnswer(
      transaction,
      {
        assessmentId: 'assessment-1',
        rowId: '1.1',
        response: 'in-place',
        payload: { notes: 'n1' },
      },
      new Date(),
    );
  });
});

afterEach(async () => {
  await vault.remove();
});

describe('remember on this device', () => {
  it('is off until turned on with the current passphrase, then unlocks without it', async () => {
    expect(vault.service.status().deviceUnlock).toBe('off');
    expect(await codeOf(vault.service.enableDeviceUnlock('not the passphrase at all'))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(existsSync(deviceFile())).toBe(false);

    const enabled = await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
    expect(enabled.deviceUnlock).toBe('on');
    expect(statSync(deviceFile()).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(deviceFile(), 'utf8')) as Record<string, unknown>;
    expect(stored['vaultId']).toBe(enabled.vaultId);
    expect(readFileSync(deviceFile(), 'utf8')).not.toContain(TEST_PASSPHRASE);

    const locked = await vault.service.lock();
    expect(locked).toMatchObject({ state: 'locked', deviceUnlock: 'on' });
    const unlocked = await vault.service.unlockWithDevice();
    expect(unlocked.state).toBe('unlocked');
    expect(storedNote()).toEqual({ notes: 'n1' });
    // The device key the keyring handed back was overwritten once used.
    expect(keyring.revealed.at(-1)?.every((byte) => byte === 0)).toBe(true);
    expect(vault.service.verifyAudit().ok).toBe(true);

    // Another process (a new service on the same folder) unlocks the same way.
    await vault.service.lock();
    const other = vault.reopen();
    expect(other.status().deviceUnlock).toBe('on');
    expect((await other.unlockWithDevice()).state).toBe('unlocked');
    await other.close();
  });

  it('is refused where the keyring is plain text, and unsupported without a keyring', async () => {
    keyring.state = 'plain-text';
    expect(vault.service.status().deviceUnlock).toBe('refused-plain-text');
    expect(await codeOf(vault.service.enableDeviceUnlock(TEST_PASSPHRASE))).toBe(
      'DEVICE_UNLOCK_UNAVAILABLE',
    );
    expect(existsSync(deviceFile())).toBe(false);

    keyring.state = 'unavailable';
    expect(vault.service.status().deviceUnlock).toBe('unsupported');
    expect(await codeOf(vault.service.enableDeviceUnlock(TEST_PASSPHRASE))).toBe(
      'DEVICE_UNLOCK_UNAVAILABLE',
    );

    // A device file made while the keyring was fine is not used once it is plain text.
    keyring.state = 'available';
    await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
    await vault.service.lock();
    keyring.state = 'plain-text';
    expect(vault.service.status().deviceUnlock).toBe('refused-plain-text');
    const before = folderHashes();
    expect(await codeOf(vault.service.unlockWithDevice())).toBe('DEVICE_UNLOCK_UNAVAILABLE');
    expect(folderHashes()).toEqual(before);
  });

  const failures: [string, () => void][] = [
    ['the keyring throws', () => (keyring.revealThrows = true)],
    ['the keyring was reset', () => (keyring.osKey = randomBytes(32))],
    [
      'the device file is damaged',
      () => {
        const bytes = readFileSync(deviceFile());
        const at = bytes.indexOf('"ciphertext": "') + 20;
        bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
        writeFileSync(deviceFile(), bytes);
      },
    ],
    [
      'the device file is cut short',
      () => {
        writeFileSync(deviceFile(), readFileSync(deviceFile()).subarray(0, 40));
      },
    ],
  ];

  for (const [what, breakIt] of failures) {
    it(`fails distinctly when ${what}, changes nothing, and the passphrase still opens`, async () => {
      await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
      await vault.service.lock();
      breakIt();
      const before = folderHashes();

      expect(await codeOf(vault.service.unlockWithDevice())).toBe('DEVICE_UNLOCK_FAILED');
      expect(vault.service.status()).toMatchObject({ state: 'locked', deviceUnlock: 'on' });
      expect(folderHashes()).toEqual(before);

      await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
      expect(storedNote()).toEqual({ notes: 'n1' });
    });
  }

  it('does not open with the device file of another vault', async () => {
    const other = temporaryVault({ prefix: 'pci-saq-device-other-', deviceSecrets: keyring });
    try {
      await other.service.create(TEST_PASSPHRASE);
      await other.service.enableDeviceUnlock(TEST_PASSPHRASE);
      await vault.service.lock();
      writeFileSync(deviceFile(), readFileSync(deviceFilePath(other.service.paths)));
      const before = folderHashes();

      expect(await codeOf(vault.service.unlockWithDevice())).toBe('DEVICE_UNLOCK_FAILED');
      expect(folderHashes()).toEqual(before);
      await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
      expect(storedNote()).toEqual({ notes: 'n1' });
    } finally {
      await other.remove();
    }
  });

  it('checks the remembered key against the database like the passphrase path', async () => {
    const vaultId = vault.service.status().vaultId ?? '';
    await vault.service.lock();
    // Sealed properly for this vault and this keyring, but around a wrong key.
    writeFileSync(
      deviceFile(),
      await sealDeviceFile({ vaultId, dataKey: randomBytes(32), store: keyring, now: new Date() }),
    );
    const before = folderHashes();

    expect(await codeOf(vault.service.unlockWithDevice())).toBe('DEVICE_UNLOCK_FAILED');
    expect(folderHashes()).toEqual(before);
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    expect(storedNote()).toEqual({ notes: 'n1' });
  });

  it('starts a new vault with device unlock off, whatever a deleted vault left behind', async () => {
    await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
    await vault.service.lock();
    const { database, keyFile } = vault.service.paths;
    for (const file of [database, keyFile]) rmSync(file);

    expect((await vault.service.create(TEST_PASSPHRASE)).status.deviceUnlock).toBe('off');
    expect(existsSync(deviceFile())).toBe(false);
  });

  it('fails distinctly when the device file is gone', async () => {
    await vault.service.lock();
    const before = folderHashes();
    expect(await codeOf(vault.service.unlockWithDevice())).toBe('DEVICE_UNLOCK_FAILED');
    expect(folderHashes()).toEqual(before);
  });

  it('is forgotten on request, and turned off by a new passphrase, a reset and a restore', async () => {
    await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
    expect((await vault.service.disableDeviceUnlock()).deviceUnlock).toBe('off');
    expect(existsSync(deviceFile())).toBe(false);

    await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
    await vault.service.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE);
    expect(vault.service.status().deviceUnlock).toBe('off');
    expect(existsSync(deviceFile())).toBe(false);

    await vault.service.enableDeviceUnlock(NEW_PASSPHRASE);
    await vault.service.lock();
    await vault.service.unlock({ recoveryKey }, TEST_PASSPHRASE);
    expect(vault.service.status().deviceUnlock).toBe('off');

    const backup = await vault.service.backup();
    await vault.service.enableDeviceUnlock(TEST_PASSPHRASE);
    await vault.service.restore(backup.location, { passphrase: TEST_PASSPHRASE });
    expect(vault.service.status().deviceUnlock).toBe('off');
    expect(readdirSync(join(backup.location))).not.toContain('vault.device');

    await vault.service.lock();
    expect(await codeOf(vault.service.unlockWithDevice())).toBe('DEVICE_UNLOCK_FAILED');
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    expect(storedNote()).toEqual({ notes: 'n1' });
    expect(vault.service.verifyAudit().ok).toBe(true);
  });
});

describe('device unlock through the core', () => {
  it('is unsupported where no keyring is passed in (browser mode, CLI)', async () => {
    const core = createAppCore({ dataDir: vault.root, door: 'browser', log: silentLogger });
    try {
      const status = await core.call('getVaultStatus', {});
      expect(status.ok && status.value).toMatchObject({ deviceUnlock: 'unsupported' });
      const refused = await core.call('unlockVaultWithDevice', {});
      expect(refused.ok ? 'OK' : refused.error.code).toBe('DEVICE_UNLOCK_UNAVAILABLE');
    } finally {
      await core.close();
    }
  });

  it('enables, unlocks with and forgets the device', async () => {
    await vault.service.close();
    const core = createAppCore({
      dataDir: vault.root,
      door: 'desktop',
      log: silentLogger,
      deviceSecrets: keyring,
    });
    try {
      const codeOfCall = async (name: string, input: unknown = {}) => {
        const result = await core.call(name, input);
        return result.ok ? 'OK' : result.error.code;
      };
      expect(await codeOfCall('unlockVault', { passphrase: TEST_PASSPHRASE })).toBe('OK');
      expect(await codeOfCall('enableDeviceUnlock', { passphrase: TEST_PASSPHRASE })).toBe('OK');
      expect(await codeOfCall('lockVault')).toBe('OK');
      expect(await codeOfCall('unlockVaultWithDevice')).toBe('OK');
      expect(await codeOfCall('disableDeviceUnlock')).toBe('OK');
      expect(existsSync(deviceFile())).toBe(false);
    } finally {
      await core.close();
    }
  });
});
