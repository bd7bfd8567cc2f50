import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAnswers } from '../store/answers-repository';
import { openAndCheck, runAndKill } from './child-process.test-support';
import {
  markerPayload,
  seedAssessment,
  temporaryVault,
  TEST_PASSPHRASE,
  type TemporaryVault,
} from './testing';

/**
 * Process-crash test: a child process works on the vault and reports every
 * write it has seen committed; it is killed with SIGKILL at a random moment;
 * then the vault must open, pass integrity_check and audit verification,
 * and hold every acknowledged write. This file: answer saves (re-wraps and
 * backups: crash-rewrap-backup.test.ts). (Power loss is another matter: the asserted
 * synchronous=FULL pragma is what covers it.)
 */

const ROUNDS = 120;
const MARKER = 'crash-marker';

let vault: TemporaryVault;
let vaultDir: string;

beforeAll(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-crash-' });
  vaultDir = vault.service.paths.dir;
  await vault.service.create(TEST_PASSPHRASE);
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
  });
  await vault.service.lock();
});

afterAll(async () => {
  await vault.remove();
});

describe('SIGKILL at random moments', () => {
  it(`keeps every acknowledged answer over ${ROUNDS} rounds`, async () => {
    const service = vault.reopen();
    const acknowledged = new Set<number>();
    let nextRow = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const acks = await runAndKill([
        'answers',
        vaultDir,
        TEST_PASSPHRASE,
        String(nextRow),
        MARKER,
      ]);
      for (const line of acks) acknowledged.add(Number(line.slice(4)));

      await openAndCheck(service, TEST_PASSPHRASE);
      const stored = new Map(
        listAnswers(service.session().database, 'assessment-1').map((answer) => [
          answer.rowId,
          answer,
        ]),
      );
      for (const row of acknowledged) {
        expect(stored.get(`r${row}`)?.payload).toEqual(markerPayload(row, MARKER));
      }
      nextRow = stored.size + 1000 * (round + 1);
      await service.lock();
    }

    // The test must have exercised real work, not only start-up kills.
    expect(acknowledged.size).toBeGreaterThan(ROUNDS);
  });
});
