import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { saveAnswer } from '../store/answers-repository';
import { tablesCheckedOnRead } from '../store/database';
import { seedAssessment, temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from './testing';

let vault: TemporaryVault;

beforeEach(async () => {
  vault = temporaryVault();
  await vault.service.create(TEST_PASSPHRASE);
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
    for (let row = 0; row < 300; row += 1) {
      saveAnswer(
        transaction,
        {
          assessmentId: 'assessment-1',
          rowId: `r${row}`,
          response: 'in-place',
          payload: { notes: 'n'.repeat(200) },
        },
        new Date(),
      );
    }
  });
});

afterEach(async () => {
  tablesCheckedOnRead.delete('answer_history');
  await vault.remove();
});

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    return error instanceof OperationError ? error.code : String(error);
  }
}

describe('damage in a table checked only when read', () => {
  it('opens, then stops every write once a read meets the damaged page', async () => {
    const { database } = vault.service.session();
    const page = database
      .prepare<[], { pageno: number }>(
        "SELECT pageno FROM dbstat WHERE name = 'answer_history' AND pagetype = 'leaf' LIMIT 1 OFFSET 3",
      )
      .get()!.pageno;
    await vault.service.lock();
    const path = vault.service.paths.database;
    const bytes = readFileSync(path);
    const offset = (page - 1) * 4096 + 2000;
    bytes[offset] = (bytes[offset] ?? 0) ^ 0x40;
    writeFileSync(path, bytes);
    tablesCheckedOnRead.add('answer_history');

    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    const session = vault.service.session();
    const write = () =>
      session.write('desktop', (transaction) =>
        transaction.audit({ action: 'test.write', subject: 'x' }),
      );

    expect(
      codeOf(() => session.read((db) => db.prepare('SELECT count(*) FROM answers').get())),
    ).toBe('OK');
    expect(
      codeOf(() => session.read((db) => db.prepare('SELECT * FROM answer_history').all())),
    ).toBe('VAULT_DAMAGED');
    expect(session.damaged).toBe(true);
    expect(codeOf(write)).toBe('VAULT_DAMAGED');
  });
});
