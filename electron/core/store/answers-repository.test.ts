import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import type { ApiEvent } from '../../../shared/api/events';
import {
  seedAssessment,
  temporaryVault,
  TEST_PASSPHRASE,
  type TemporaryVault,
} from '../vault/testing';
import { getAnswer, saveAnswer, type AnswerChange } from './answers-repository';
import { vaultRevision } from './revision';

let vault: TemporaryVault;
let events: ApiEvent[];

beforeEach(async () => {
  vault = temporaryVault();
  await vault.service.create(TEST_PASSPHRASE);
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
  });
  events = [];
  vault.events.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await vault.remove();
});

/** A save as one browser tab makes it: with the revision that tab last saw. */
function save(change: Partial<AnswerChange> & { expectedRevision?: number }): string {
  try {
    vault.service.session().write('browser', (transaction) =>
      saveAnswer(
        transaction,
        {
          assessmentId: 'assessment-1',
          rowId: '1.1',
          response: 'in-place',
          payload: {},
          ...change,
        },
        new Date(),
      ),
    );
    return 'OK';
  } catch (error) {
    return error instanceof OperationError ? `${error.code} ${error.path ?? ''}` : String(error);
  }
}

describe('two tabs saving the same answer', () => {
  it('refuses the save based on an old revision with STALE_REVISION, keeping the newer one', () => {
    expect(save({ expectedRevision: 0, payload: { notes: 'tab A' } })).toBe('OK');
    // Tab B also saw the row unanswered (revision 0) and saves later.
    expect(save({ expectedRevision: 0, payload: { notes: 'tab B' } })).toBe('STALE_REVISION 1.1');

    const stored = getAnswer(vault.service.session().database, 'assessment-1', '1.1');
    expect(stored).toMatchObject({ revision: 1, payload: { notes: 'tab A' } });
    // After reloading, tab B has revision 1 and its save goes through.
    expect(save({ expectedRevision: 1, payload: { notes: 'tab B' } })).toBe('OK');
  });

  it('keeps every save in the history and the audit trail, and bumps the vault revision', () => {
    const database = () => vault.service.session().database;
    const before = vaultRevision(database());
    save({ response: 'in-place' });
    save({ response: 'not-applicable', payload: { explanation: 'no wireless' } });

    const history = database()
      .prepare<[], { revision: number; response: string; door: string }>(
        'SELECT revision, response, door FROM answer_history ORDER BY revision',
      )
      .all();
    expect(history).toEqual([
      { revision: 1, response: 'in-place', door: 'browser' },
      { revision: 2, response: 'not-applicable', door: 'browser' },
    ]);
    expect(vaultRevision(database())).toBe(before + 2);
    expect(events).toEqual([
      { type: 'vault-changed', revision: before + 1 },
      { type: 'vault-changed', revision: before + 2 },
    ]);
    const last = vault.service.session().audit.entries().at(-1);
    expect(last).toMatchObject({
      action: 'answer.saved',
      subject: 'assessment:assessment-1/row:1.1',
      summary: 'response not-applicable, revision 2',
    });
    expect(JSON.stringify(last)).not.toContain('no wireless');
  });

  it('rolls the whole save back when it fails: no row, no history, no audit entry', () => {
    const audit = vault.service.session().audit.head().length;

    expect(save({ assessmentId: 'missing' })).toMatch(/FOREIGN KEY|constraint/i);
    expect(vault.service.session().audit.head().length).toBe(audit);
    expect(getAnswer(vault.service.session().database, 'missing', '1.1')).toBeUndefined();
  });
});
