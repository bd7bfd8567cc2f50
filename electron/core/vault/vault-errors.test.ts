import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/api/errors';
import { OperationError } from '../../../shared/api/result';
import { openEncryptedDatabase } from '../store/database';
import { saveAnswer } from '../store/answers-repository';
import { databaseCipherOf, parseKeyFile, unwrapWithPassphrase } from './key-file';
import { seedAssessment, temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from './testing';

/**
 * Every way opening can fail, provoked for real on an encrypted vault in a
 * temporary folder. Each must give its own error code, and leave the
 * folder exactly as it was: same files, same bytes, nothing new.
 */

let vault: TemporaryVault;

async function createWithAnswers(target: TemporaryVault, rows = 400): Promise<void> {
  await target.service.create(TEST_PASSPHRASE);
  target.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
    for (let row = 0; row < rows; row += 1) {
      saveAnswer(
        transaction,
        {
          assessmentId: 'assessment-1',
          rowId: `row-${row}`,
          response: 'in-place',
          payload: { notes: `note ${row} ${'text '.repeat(20)}` },
        },
        new Date(),
      );
    }
  });
  await target.service.lock();
}

/** Name and SHA-256 of every file in the vault folder. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => new Error('expected a failure'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(OperationError);
  expect((error as OperationError).code).toBe(code);
}

/** Provokes a failed unlock and checks that the folder is untouched. */
async function expectUnlockFails(
  code: ErrorCode,
  secret: { passphrase: string } | { recoveryKey: string } = { passphrase: TEST_PASSPHRASE },
): Promise<void> {
  const { dir } = vault.service.paths;
  const before = snapshot(dir);
  await expectCode(vault.service.unlock(secret), code);
  expect(snapshot(dir)).toEqual(before);
  expect(vault.service.status().state).toBe('locked');
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x10;
  writeFileSync(path, bytes);
}

beforeEach(async () => {
  vault = temporaryVault();
  await createWithAnswers(vault);
});

afterEach(async () => {
  await vault.remove();
});

describe('opening a vault', () => {
  it('opens with the right passphrase and holds what was saved', async () => {
    const status = await vault.service.unlock({ passphrase: TEST_PASSPHRASE });

    expect(status.state).toBe('unlocked');
    const count = vault.service
      .session()
      .database.prepare<[], { n: number }>('SELECT count(*) AS n FROM answers')
      .get();
    expect(count?.n).toBe(400);
  });

  it('says WRONG_PASSPHRASE for a wrong passphrase', async () => {
    await expectUnlockFails('WRONG_PASSPHRASE', { passphrase: 'not the passphrase at all' });
  });

  it('says WRONG_RECOVERY_KEY for a well-formed recovery key of another vault', async () => {
    const other = temporaryVault();
    const { recoveryKey } = await other.service.create(TEST_PASSPHRASE);
    await other.remove();

    await expectUnlockFails('WRONG_RECOVERY_KEY', { recoveryKey });
  });

  it('says INVALID_INPUT for a mistyped recovery key', async () => {
    await expectUnlockFails('INVALID_INPUT', { recoveryKey: 'ABCD-EFGH' });
  });

  it('says VAULT_DAMAGED for a truncated database', async () => {
    const { database } = vault.service.paths;
    truncateSync(database, Math.floor(statSync(database).size / 2));

    await expectUnlockFails('VAULT_DAMAGED');
  });

  it('says VAULT_DAMAGED for a database cut down to a few bytes', async () => {
    truncateSync(vault.service.paths.database, 8);

    await expectUnlockFails('VAULT_DAMAGED');
  });

  it('says VAULT_DAMAGED for a flipped byte in page 1, past the salt', async () => {
    flipByte(vault.service.paths.database, 200);

    await expectUnlockFails('VAULT_DAMAGED');
  });

  it('says VAULT_DAMAGED for a flipped byte in the salt at the start of page 1', async () => {
    flipByte(vault.service.paths.database, 3);

    await expectUnlockFails('VAULT_DAMAGED');
  });

  it('says VAULT_DAMAGED at unlock for a flipped byte in a later page', async () => {
    const { database } = vault.service.paths;
    const pages = statSync(database).size / 4096;
    expect(pages).toBeGreaterThan(10);
    flipByte(database, 4096 * Math.floor(pages / 2) + 1000);

    await expectUnlockFails('VAULT_DAMAGED');
  });

  it('says KEY_FILE_DAMAGED for a key file with a changed byte', async () => {
    const { keyFile } = vault.service.paths;
    const text = readFileSync(keyFile, 'utf8');
    const sealed = parseKeyFile(Buffer.from(text)).passphrase.ciphertext;
    const changed = sealed.startsWith('A') ? `B${sealed.slice(1)}` : `A${sealed.slice(1)}`;
    writeFileSync(keyFile, text.replace(sealed, changed));

    await expectUnlockFails('KEY_FILE_DAMAGED');
  });

  it('says KEY_FILE_DAMAGED for a truncated or emptied key file', async () => {
    const { keyFile } = vault.service.paths;
    truncateSync(keyFile, 100);
    await expectUnlockFails('KEY_FILE_DAMAGED');

    truncateSync(keyFile, 0);
    await expectUnlockFails('KEY_FILE_DAMAGED');
  });

  it('says KEY_FILE_MISMATCH for the key file of another vault, even with the same passphrase', async () => {
    const other = temporaryVault();
    await createWithAnswers(other, 1);
    writeFileSync(vault.service.paths.keyFile, readFileSync(other.service.paths.keyFile));
    await other.remove();

    await expectUnlockFails('KEY_FILE_MISMATCH');
  });

  it('says KEY_FILE_MISMATCH when a key file is bound to this database but names another vault', async () => {
    // A key file re-sealed for another vault id around this database's key:
    // the salt binding passes, the vault id stored inside the database does not.
    const { keyFile } = vault.service.paths;
    const original = parseKeyFile(readFileSync(keyFile));
    const dataKey = await unwrapWithPassphrase(original, TEST_PASSPHRASE);
    const { createKeyFile, serializeKeyFile } = await import('./key-file');
    const { generateRecoveryKey } = await import('./recovery-key');
    const forged = await createKeyFile({
      vaultId: '00000000-0000-4000-8000-000000000000',
      databaseSalt: original.databaseSalt,
      databaseCipher: databaseCipherOf(original),
      dataKey,
      passphrase: TEST_PASSPHRASE,
      recoveryKey: generateRecoveryKey(),
      scrypt: { N: 1024, r: 8, p: 1 },
      now: new Date(),
    });
    writeFileSync(keyFile, serializeKeyFile(forged));

    await expectUnlockFails('KEY_FILE_MISMATCH');
  });

  it('says VAULT_TOO_NEW for a schema from a newer build, and writes nothing', async () => {
    const dataKey = await unwrapWithPassphrase(
      parseKeyFile(readFileSync(vault.service.paths.keyFile)),
      TEST_PASSPHRASE,
    );
    const database = openEncryptedDatabase(vault.service.paths.database, dataKey, {
      cipher: databaseCipherOf(parseKeyFile(readFileSync(vault.service.paths.keyFile))),
    });
    database.pragma('user_version = 99');
    database.close();

    await expectUnlockFails('VAULT_TOO_NEW');
  });

  it('says VAULT_IN_USE while another service in this process holds it', async () => {
    const other = vault.reopen();
    await other.unlock({ passphrase: TEST_PASSPHRASE });
    const before = snapshot(vault.service.paths.dir);

    await expectCode(vault.service.unlock({ passphrase: TEST_PASSPHRASE }), 'VAULT_IN_USE');
    expect(snapshot(vault.service.paths.dir)).toEqual(before);
    await other.close();
  });

  it('says KEY_FILE_DAMAGED when the key file is missing, and never recreates one', async () => {
    const { keyFile, dir } = vault.service.paths;
    writeFileSync(`${keyFile}.aside`, readFileSync(keyFile));
    const { rmSync } = await import('node:fs');
    rmSync(keyFile);

    expect(vault.service.status().problem).toBe('key-file-missing');
    await expectUnlockFails('KEY_FILE_DAMAGED');
    await expectCode(vault.service.create(TEST_PASSPHRASE), 'VAULT_EXISTS');
    expect(readdirSync(dir)).not.toContain('vault.key');
  });

  it('refuses to create over an existing vault', async () => {
    const before = snapshot(vault.service.paths.dir);

    await expectCode(vault.service.create(TEST_PASSPHRASE), 'VAULT_EXISTS');
    expect(snapshot(vault.service.paths.dir)).toEqual(before);
  });
});
