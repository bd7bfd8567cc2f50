import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { getAnswer, saveAnswer } from '../store/answers-repository';
import { openEncryptedDatabase } from '../store/database';
import { parseKeyFile, serializeKeyFile, unwrapWithPassphrase, type KeyFile } from './key-file';
import { seedAssessment, temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from './testing';

/**
 * New vaults are encrypted with AEGIS-256; vaults created before that keep
 * SQLCipher 4 and go on working. The key file says which (docs/vault.md).
 */

const NEW_PASSPHRASE = 'another long enough passphrase';

let vault: TemporaryVault;

afterEach(async () => {
  await vault.remove();
});

function keyFileOf(target: TemporaryVault): KeyFile {
  return parseKeyFile(readFileSync(target.service.paths.keyFile));
}

function saveNote(target: TemporaryVault, notes: string): void {
  target.service.session().write('desktop', (transaction) => {
    saveAnswer(
      transaction,
      { assessmentId: 'assessment-1', rowId: '1.1', response: 'in-place', payload: { notes } },
      new Date(),
    );
  });
}

function noteOf(target: TemporaryVault): unknown {
  return getAnswer(target.service.session().database, 'assessment-1', '1.1')?.payload;
}

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (error) {
    if (error instanceof OperationError) return error.code;
    throw error;
  }
}

/** A vault exactly as builds before the cipher choice left it: SQLCipher 4, no cipher named. */
async function vaultFromEarlierBuild(): Promise<TemporaryVault> {
  const earlier = temporaryVault({ newVaultCipher: 'sqlcipher-4' });
  await earlier.service.create(TEST_PASSPHRASE);
  earlier.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
  });
  saveNote(earlier, 'saved by an earlier build');
  await earlier.service.lock();

  const older: Partial<KeyFile> = { ...keyFileOf(earlier) };
  delete older.checksum;
  delete older.databaseCipher;
  writeFileSync(
    earlier.service.paths.keyFile,
    serializeKeyFile(older as Omit<KeyFile, 'checksum'>),
  );

  return earlier;
}

describe('vault cipher', () => {
  it('creates AEGIS-256 vaults and names the cipher in the key file', async () => {
    vault = temporaryVault();
    await vault.service.create(TEST_PASSPHRASE);
    await vault.service.lock();

    const keyFile = keyFileOf(vault);
    expect(keyFile.databaseCipher).toBe('aegis-256');
    const dataKey = await unwrapWithPassphrase(keyFile, TEST_PASSPHRASE);
    // The right key under the other cipher reads nothing: the choice is not guessed.
    expect(
      await codeOf(() =>
        openEncryptedDatabase(vault.service.paths.database, dataKey, { cipher: 'sqlcipher-4' }),
      ),
    ).toBe('VAULT_DAMAGED');
    const database = openEncryptedDatabase(vault.service.paths.database, dataKey, {
      cipher: 'aegis-256',
    });
    expect(database.pragma('cipher', { simple: true })).toBe('aegis');
    expect(database.pragma('algorithm', { simple: true })).toBe('aegis-256');
    database.close();
  });

  it('keeps a SQLCipher 4 vault from an earlier build working: unlock, save, passphrase, backup, restore', async () => {
    vault = await vaultFromEarlierBuild();
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    expect(noteOf(vault)).toEqual({ notes: 'saved by an earlier build' });

    saveNote(vault, 'saved by this build');
    await vault.service.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE);
    // Re-wrapping keeps the file as it was: still no cipher named, so still SQLCipher 4.
    expect(keyFileOf(vault).databaseCipher).toBeUndefined();

    const backup = await vault.service.backup();
    saveNote(vault, 'after the backup');
    await vault.service.restoreByName(backup.name, { passphrase: NEW_PASSPHRASE });
    expect(noteOf(vault)).toEqual({ notes: 'saved by this build' });
    expect(vault.service.verifyAudit().ok).toBe(true);

    await vault.service.lock();
    const dataKey = await unwrapWithPassphrase(keyFileOf(vault), NEW_PASSPHRASE);
    const database = openEncryptedDatabase(vault.service.paths.database, dataKey, {
      cipher: 'sqlcipher-4',
    });
    expect(database.pragma('cipher', { simple: true })).toBe('sqlcipher');
    database.close();
  });

  it('never opens a vault whose clear header bytes were changed with other contents', async () => {
    // AEGIS leaves bytes 16-23 of the file (page size, format, reserved bytes)
    // in clear and outside the page tag so that SQLite can read the page size.
    // A change there must make the vault refuse, or change nothing it holds.
    vault = temporaryVault();
    await vault.service.create(TEST_PASSPHRASE);
    vault.service.session().write('desktop', (transaction) => {
      seedAssessment(transaction.database);
    });
    saveNote(vault, 'kept as written');
    await vault.service.lock();
    const { database: path } = vault.service.paths;
    const original = readFileSync(path);

    const outcomes = new Set<string>();
    for (let at = 16; at < 24; at += 1) {
      for (const mask of [0x01, 0x80]) {
        const changed = Buffer.from(original);
        changed[at] = (changed[at] ?? 0) ^ mask;
        writeFileSync(path, changed);
        const code = await codeOf(() => vault.service.unlock({ passphrase: TEST_PASSPHRASE }));
        if (code === 'OK') {
          expect(noteOf(vault)).toEqual({ notes: 'kept as written' });
          saveNote(vault, 'kept as written');
          await vault.service.lock();
        } else {
          expect(code).toBe('VAULT_DAMAGED');
        }
        outcomes.add(code);
        writeFileSync(path, original);
      }
    }
    expect(outcomes.has('VAULT_DAMAGED')).toBe(true);
  });
});
