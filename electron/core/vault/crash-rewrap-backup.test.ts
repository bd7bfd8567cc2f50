import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { integrityProblems } from '../store/database';
import { assertBackupFilesIntact, readBackup, verifyDatabaseCopy } from './backup';
import { openAndCheck, runAndKill } from './child-process.test-support';
import { databaseCipherOf, parseKeyFile, unwrapWithPassphrase } from './key-file';
import { seedAssessment, temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from './testing';

/**
 * Process-crash test: a child process works on the vault and reports every
 * write it has seen committed; it is killed with SIGKILL at a random moment;
 * then the vault must open, pass integrity_check and audit verification,
 * and hold every acknowledged write. This file: key re-wraps and backups;
 * crash.test.ts: answer saves. (Power loss is another matter: the asserted
 * synchronous=FULL pragma is what covers it.)
 */

const ROUNDS = { rewrap: 40, backup: 40 };
const OTHER_PASSPHRASE = 'another passphrase for rewraps';

let vault: TemporaryVault;
let vaultDir: string;
let recoveryKey: string;

beforeAll(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-crash-' });
  vaultDir = vault.service.paths.dir;
  recoveryKey = (await vault.service.create(TEST_PASSPHRASE)).recoveryKey;
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
  });
  await vault.service.lock();
});

afterAll(async () => {
  await vault.remove();
});

describe('SIGKILL at random moments', () => {
  it(`leaves the old or the new passphrase working over ${ROUNDS.rewrap} re-wrap rounds`, async () => {
    const service = vault.reopen();
    let current = TEST_PASSPHRASE;
    let completedChanges = 0;

    for (let round = 0; round < ROUNDS.rewrap; round += 1) {
      const other = current === TEST_PASSPHRASE ? OTHER_PASSPHRASE : TEST_PASSPHRASE;
      const acks = await runAndKill(['rewrap', vaultDir, current, other]);
      const lastAck = acks.length === 0 ? 0 : Number(acks.at(-1)?.slice(4));
      completedChanges += lastAck;
      // After N acknowledged changes the passphrase is `current` if N is even; a
      // change in flight when the child died may have completed too.
      const expected = lastAck % 2 === 0 ? current : other;
      const unacknowledged = expected === current ? other : current;

      parseKeyFile(readFileSync(service.paths.keyFile));
      let opened = expected;
      try {
        await service.unlock({ passphrase: expected });
      } catch (error) {
        expect(error).toBeInstanceOf(OperationError);
        expect((error as OperationError).code).toBe('WRONG_PASSPHRASE');
        await service.unlock({ passphrase: unacknowledged });
        opened = unacknowledged;
      }
      const session = service.session();
      expect(integrityProblems(session.database)).toEqual([]);
      expect(session.audit.verify().ok).toBe(true);
      await service.lock();
      current = opened;
    }

    expect(completedChanges).toBeGreaterThan(0);
    // The recovery slot is never rewritten, so the recovery key still opens.
    await service.unlock({ recoveryKey }, TEST_PASSPHRASE);
    await service.lock();
  });

  it(`keeps the vault and every acknowledged backup intact over ${ROUNDS.backup} backup rounds`, async () => {
    const service = vault.reopen();
    const backups = join(vault.root, 'crash-backups');
    const acknowledged: string[] = [];

    for (let round = 0; round < ROUNDS.backup; round += 1) {
      const acks = await runAndKill(['backup', vaultDir, TEST_PASSPHRASE, backups]);
      acknowledged.push(...acks.map((line) => line.slice(4)));
      await openAndCheck(service, TEST_PASSPHRASE);
      await service.lock();
    }

    expect(acknowledged.length).toBeGreaterThan(0);
    const listed = service.listBackups(backups).map((backup) => backup.name);
    expect(listed).toEqual(expect.arrayContaining(acknowledged));
    // Whatever is listed is complete: a killed backup leaves only a hidden partial folder.
    for (const name of readdirSync(backups).filter((entry) => !entry.startsWith('.'))) {
      const folder = join(backups, name);
      const manifest = readBackup(folder);
      assertBackupFilesIntact(folder, manifest);
    }
    const newest = join(backups, listed[0] ?? '');
    const newestKeyFile = parseKeyFile(readFileSync(join(newest, 'vault.key')));
    const key = await unwrapWithPassphrase(newestKeyFile, TEST_PASSPHRASE);
    const verified = verifyDatabaseCopy(join(newest, 'vault.db'), key, {
      vaultId: readBackup(newest).vaultId,
      cipher: databaseCipherOf(newestKeyFile),
    });
    expect(verified.audit.length).toBeGreaterThan(0);
    expect(existsSync(join(newest, 'vault.db-wal'))).toBe(false);
  });
});
