import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from '../vault/testing';
import type { VaultSession } from '../vault/session';
import { entryHash, GENESIS_HASH } from './audit-trail';

let vault: TemporaryVault;
let session: VaultSession;

beforeEach(async () => {
  vault = temporaryVault();
  await vault.service.create(TEST_PASSPHRASE);
  session = vault.service.session();
  session.write('desktop', (transaction) => {
    transaction.database
      .prepare(
        `INSERT INTO merchant_profiles (id, company_name, contact_name, created_at, updated_at)
         VALUES ('p', 'Example Shop', 'Pat Preparer', '2026-01-01', '2026-01-01')`,
      )
      .run();
  });
  for (let index = 1; index <= 5; index += 1) {
    session.write('browser', (transaction) =>
      transaction.audit({
        action: 'test.changed',
        subject: `thing:${index}`,
        summary: `change ${index}`,
        before: { value: index - 1 },
        after: { value: index },
      }),
    );
  }
});

afterEach(async () => {
  await vault.remove();
});

/** Edits the chain behind the app's back, as someone holding the key could. */
function tamper(sql: string): void {
  const { database } = session;
  database.exec('DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;');
  database.exec(sql);
}

describe('audit trail', () => {
  it('records who, where, which version, what and digests, chained by hash', () => {
    const entries = session.audit.entries();

    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[0]).toMatchObject({
      action: 'vault.created',
      door: 'desktop',
      prevHash: GENESIS_HASH,
    });
    expect(entries[1]).toMatchObject({
      door: 'browser',
      preparer: 'Pat Preparer',
      subject: 'thing:1',
      summary: 'change 1',
    });
    expect(entries[1]?.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(entries[1]?.digestAfter).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[1]?.digestAfter).not.toBe(entries[1]?.digestBefore);
    for (const [index, entry] of entries.entries()) {
      const { hash, ...rest } = entry;
      expect(entryHash(rest)).toBe(hash);
      if (index > 0) expect(entry.prevHash).toBe(entries[index - 1]?.hash);
    }
    expect(session.audit.verify()).toMatchObject({ ok: true, length: 6, firstBroken: null });
  });

  it('names the first altered entry', () => {
    tamper("UPDATE audit_entries SET summary = 'something else' WHERE seq = 3");

    expect(session.audit.verify()).toMatchObject({
      ok: false,
      length: 2,
      firstBroken: { seq: 3, reason: 'altered-entry' },
    });
  });

  it('names a removed entry', () => {
    tamper('DELETE FROM audit_entries WHERE seq = 4');

    expect(session.audit.verify().firstBroken).toEqual({ seq: 4, reason: 'missing-entry' });
  });

  it('names a re-hashed entry whose link no longer matches', () => {
    const entry = session.audit.entries(3, 1)[0]!;
    const unhashed = Object.fromEntries(
      Object.entries({ ...entry, prevHash: 'f'.repeat(64) }).filter(([name]) => name !== 'hash'),
    ) as Omit<typeof entry, 'hash'>;
    tamper(
      `UPDATE audit_entries SET prev_hash = '${unhashed.prevHash}', hash = '${entryHash(unhashed)}' WHERE seq = 3`,
    );

    expect(session.audit.verify().firstBroken).toEqual({ seq: 3, reason: 'broken-link' });
  });

  it('says whether the trail still extends the head a report recorded', () => {
    const recorded = { length: 3, head: session.audit.entries(3, 1)[0]!.hash };
    session.write('cli', (transaction) => transaction.audit({ action: 'later', subject: 'x' }));

    expect(session.audit.verify(recorded)).toMatchObject({ ok: true, extendsExpected: true });
    expect(session.audit.verify({ length: 3, head: 'a'.repeat(64) }).extendsExpected).toBe(false);
    expect(session.audit.verify({ length: 99, head: recorded.head }).extendsExpected).toBe(false);
    expect(session.audit.verify({ length: 0, head: GENESIS_HASH }).extendsExpected).toBe(true);

    tamper("UPDATE audit_entries SET subject = 'rewritten' WHERE seq = 2");
    expect(session.audit.verify(recorded)).toMatchObject({ ok: false, extendsExpected: false });
  });

  it('verifies through the vault service too', () => {
    const { head, length } = session.audit.head();

    expect(vault.service.verifyAudit({ length, head })).toMatchObject({
      ok: true,
      length,
      head,
      extendsExpected: true,
    });
  });
});
