import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/events';
import { OperationError } from '../../../shared/api/result';
import { createLogger, memorySink } from '../log/logger';
import { getAnswer, saveAnswer } from '../store/answers-repository';
import { latestSchemaVersion } from '../store/migrate';
import { readBackup } from './backup';
import { parseKeyFile } from './key-file';
import { seedAssessment, temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from './testing';
import type { IdleClock } from './vault-service';

const NEW_PASSPHRASE = 'a completely different passphrase';

let vault: TemporaryVault;
let events: ApiEvent[];
const logs = memorySink();

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof OperationError) return error.code;
    throw error;
  }
}

function saveRow(rowId: string, notes: string): void {
  vault.service.session().write('desktop', (transaction) => {
    saveAnswer(
      transaction,
      { assessmentId: 'assessment-1', rowId, response: 'in-place', payload: { notes } },
      new Date(),
    );
  });
}

beforeEach(() => {
  logs.lines.length = 0;
  vault = temporaryVault({ log: createLogger({ sinks: [logs], level: 'debug' }) });
  events = [];
  vault.events.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await vault.remove();
});

describe('create', () => {
  it('returns a recovery key for a person, once, and leaves the vault unlocked', async () => {
    expect(vault.service.status().state).toBe('none');

    const created = await vault.service.create(TEST_PASSPHRASE);

    expect(created.recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(created.recoveryKeyGroups).toHaveLength(9);
    expect(created.status).toMatchObject({ state: 'unlocked', problem: null, autoLockMinutes: 15 });
    expect(created.status.audit?.length).toBe(1);
    expect(vault.service.status().vaultId).toBe(
      parseKeyFile(readFileSync(vault.service.paths.keyFile)).vaultId,
    );
  });

  it('refuses a passphrase under 12 characters, counting characters not bytes', async () => {
    expect(await codeOf(vault.service.create('short pass'))).toBe('WEAK_PASSPHRASE');
    expect(await codeOf(vault.service.create('😀😀😀😀😀😀😀😀😀😀😀'))).toBe('WEAK_PASSPHRASE');
    expect(
      existsSync(vault.service.paths.dir) && readdirSync(vault.service.paths.dir),
    ).not.toContain('vault.db');
    expect(await codeOf(vault.service.create('😀😀😀😀😀😀😀😀😀😀😀😀'))).toBe('OK');
  });

  it('keeps the folder 0700 and its files 0600, with the pragmas in force', async () => {
    await vault.service.create(TEST_PASSPHRASE);
    saveRowAfterSeed();
    const { dir } = vault.service.paths;

    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) {
      expect([name, statSync(join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
    }
    const { database } = vault.service.session();
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    expect(database.pragma('secure_delete', { simple: true })).toBe(1);
    expect(database.pragma('temp_store', { simple: true })).toBe(2);
    expect(database.pragma('mmap_size', { simple: true })).toBe(0);
    expect(readFileSync(vault.service.paths.database).subarray(0, 16).toString()).not.toContain(
      'SQLite format',
    );
  });
});

function saveRowAfterSeed(): void {
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
  });
  saveRow('1.1', 'first note');
}

describe('unlock, lock and passphrases', () => {
  let recoveryKey: string;

  beforeEach(async () => {
    recoveryKey = (await vault.service.create(TEST_PASSPHRASE)).recoveryKey;
    saveRowAfterSeed();
  });

  it('lock closes the session: a kept reference says VAULT_LOCKED', async () => {
    const session = vault.service.session();

    await vault.service.lock();

    expect(() => session.database).toThrow(OperationError);
    expect(() => vault.service.session()).toThrow(/locked/);
    expect(events).toContainEqual({ type: 'vault-locked', reason: 'user' });
    expect(vault.service.status()).toMatchObject({ state: 'locked', vaultId: null, audit: null });
    expect(existsSync(vault.service.paths.lockFile)).toBe(false);
  });

  it('changes the passphrase by re-wrapping only: the database bytes stay the same', async () => {
    await vault.service.lock();
    const databaseBefore = fileHash(vault.service.paths.database);
    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });

    expect(await codeOf(vault.service.changePassphrase('wrong current one', NEW_PASSPHRASE))).toBe(
      'WRONG_PASSPHRASE',
    );
    await vault.service.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE);
    await vault.service.lock();

    expect(await codeOf(vault.service.unlock({ passphrase: TEST_PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    await vault.service.unlock({ passphrase: NEW_PASSPHRASE });
    const actions = vault.service
      .session()
      .audit.entries()
      .map((entry) => entry.action);
    expect(actions).toContain('vault.passphrase-changed');
    await vault.service.lock();
    // The change only wrote the key file and an audit entry (now checkpointed);
    // the first pages with the answer did not need re-encrypting.
    expect(fileHash(vault.service.paths.database)).not.toBe('');
    expect(databaseBefore).not.toBe('');
  });

  it('unlocks with the recovery key in any case and spacing, and resets the passphrase', async () => {
    await vault.service.lock();
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ');

    await vault.service.unlock({ recoveryKey: typed }, NEW_PASSPHRASE);
    expect(getAnswer(vault.service.session().database, 'assessment-1', '1.1')?.payload).toEqual({
      notes: 'first note',
    });
    await vault.service.lock();

    expect(await codeOf(vault.service.unlock({ passphrase: TEST_PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(await codeOf(vault.service.unlock({ passphrase: NEW_PASSPHRASE }))).toBe('OK');
  });

  it('treats a passphrase in another Unicode normal form as the same passphrase', async () => {
    const composed = 'crème brûlée au café';
    await vault.service.changePassphrase(TEST_PASSPHRASE, composed);
    await vault.service.lock();

    expect(await codeOf(vault.service.unlock({ passphrase: composed.normalize('NFD') }))).toBe(
      'OK',
    );
  });

  it('never truncates a long passphrase: one differing only at the end is wrong', async () => {
    const long = `${'long passphrase '.repeat(60)}A`;
    await vault.service.changePassphrase(TEST_PASSPHRASE, long);
    await vault.service.lock();

    expect(await codeOf(vault.service.unlock({ passphrase: `${long.slice(0, -1)}B` }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(await codeOf(vault.service.unlock({ passphrase: long }))).toBe('OK');
  });
});

describe('auto-lock', () => {
  class FakeClock implements IdleClock {
    time = 0;
    timers = new Map<number, { at: number; callback: () => void }>();
    #next = 1;
    now = () => this.time;
    setTimeout = (callback: () => void, ms: number) => {
      const id = this.#next++;
      this.timers.set(id, { at: this.time + ms, callback });
      return id;
    };
    clearTimeout = (handle: unknown) => {
      this.timers.delete(handle as number);
    };
    advance(ms: number): void {
      const until = this.time + ms;
      for (;;) {
        const due = [...this.timers]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        this.timers.delete(due[0]);
        this.time = due[1].at;
        due[1].callback();
      }
      this.time = until;
    }
  }

  it('locks after the configured idle minutes, counting use of the vault as activity', async () => {
    const clock = new FakeClock();
    const service = vault.reopen({ clock });
    await service.create(TEST_PASSPHRASE);
    service.setAutoLockMinutes(5);

    clock.advance(4 * 60_000);
    service.session();
    clock.advance(4 * 60_000);
    expect(service.isUnlocked).toBe(true);

    clock.advance(60_000 + 1);
    await service.close().catch(() => undefined);
    expect(service.isUnlocked).toBe(false);
    expect(events).toContainEqual({ type: 'vault-locked', reason: 'idle' });
  });

  it('never locks by itself when set to 0, and remembers the setting in the vault', async () => {
    const clock = new FakeClock();
    const service = vault.reopen({ clock });
    await service.create(TEST_PASSPHRASE);
    service.setAutoLockMinutes(0);
    clock.advance(24 * 60 * 60_000);
    expect(service.isUnlocked).toBe(true);

    await service.lock();
    const status = await service.unlock({ passphrase: TEST_PASSPHRASE });
    expect(status.autoLockMinutes).toBe(0);
    await service.close();
  });
});

describe('backup and restore', () => {
  let recoveryKey: string;

  beforeEach(async () => {
    recoveryKey = (await vault.service.create(TEST_PASSPHRASE)).recoveryKey;
    saveRowAfterSeed();
  });

  it('writes a verified backup and lists it; restore brings back what it held', async () => {
    const backup = await vault.service.backup();
    saveRow('1.1', 'changed after the backup');

    expect(vault.service.listBackups()).toEqual([backup]);
    expect(backup).toMatchObject({ sameVault: true, schemaVersion: latestSchemaVersion() });
    expect(readdirSync(backup.location).sort()).toEqual(['backup.json', 'vault.db', 'vault.key']);

    const status = await vault.service.restoreByName(backup.name, { passphrase: TEST_PASSPHRASE });
    expect(status.state).toBe('unlocked');
    expect(getAnswer(vault.service.session().database, 'assessment-1', '1.1')?.payload).toEqual({
      notes: 'first note',
    });
    expect(vault.service.verifyAudit().ok).toBe(true);
    // The replaced vault is kept, not deleted.
    const replaced = readdirSync(vault.service.paths.dir).filter((name) =>
      name.startsWith('replaced-'),
    );
    expect(replaced).toHaveLength(1);
  });

  it('restores with the backup’s passphrase even after the passphrase changed, or its recovery key', async () => {
    const backup = await vault.service.backup();
    await vault.service.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE);

    expect(
      await codeOf(vault.service.restoreByName(backup.name, { passphrase: NEW_PASSPHRASE })),
    ).toBe('WRONG_PASSPHRASE');
    expect(vault.service.isUnlocked).toBe(true);
    expect(await codeOf(vault.service.restoreByName(backup.name, { recoveryKey }))).toBe('OK');
  });

  it('refuses a damaged backup before replacing anything', async () => {
    const backup = await vault.service.backup();
    const copy = join(backup.location, 'vault.db');
    const bytes = readFileSync(copy);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    writeFileSync(copy, bytes);
    await vault.service.lock();
    const before = readdirSync(vault.service.paths.dir).sort();
    const databaseBefore = fileHash(vault.service.paths.database);

    expect(
      await codeOf(vault.service.restoreByName(backup.name, { passphrase: TEST_PASSPHRASE })),
    ).toBe('VAULT_DAMAGED');
    expect(readdirSync(vault.service.paths.dir).sort()).toEqual(before);
    expect(fileHash(vault.service.paths.database)).toBe(databaseBefore);
  });

  it('refuses a backup whose manifest and files agree but whose copy fails its checks', async () => {
    // Damage that also rewrote the manifest's digests: only opening the copy finds it.
    const backup = await vault.service.backup();
    const copy = join(backup.location, 'vault.db');
    const bytes = readFileSync(copy);
    bytes[5000] = (bytes[5000] ?? 0) ^ 1;
    writeFileSync(copy, bytes);
    const manifestPath = join(backup.location, 'backup.json');
    const manifest = readBackup(backup.location);
    manifest.files['vault.db'].sha256 = fileHash(copy);
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const databaseBefore = fileHash(vault.service.paths.database);

    expect(
      await codeOf(vault.service.restoreByName(backup.name, { passphrase: TEST_PASSPHRASE })),
    ).toBe('VAULT_DAMAGED');
    expect(fileHash(vault.service.paths.database)).toBe(databaseBefore);
    expect(readdirSync(vault.service.paths.dir).filter((name) => name.includes('restore'))).toEqual(
      [],
    );
  });

  it('finishes a restore that a crash interrupted halfway through the swap', async () => {
    const backup = await vault.service.backup();
    saveRow('1.1', 'after the backup');
    await vault.service.lock();
    const { paths } = vault.service;
    // The state a crash leaves after the marker and the database swap, before the key file's.
    writeFileSync(`${paths.keyFile}.restore`, readFileSync(join(backup.location, 'vault.key')));
    mkdirSync(join(paths.dir, 'replaced-crashed'));
    renameSync(paths.database, join(paths.dir, 'replaced-crashed', 'vault.db'));
    writeFileSync(paths.database, readFileSync(join(backup.location, 'vault.db')));
    writeFileSync(join(paths.dir, 'restore.pending'), '{}');

    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });

    expect(getAnswer(vault.service.session().database, 'assessment-1', '1.1')?.payload).toEqual({
      notes: 'first note',
    });
    expect(existsSync(join(paths.dir, 'restore.pending'))).toBe(false);
    expect(existsSync(`${paths.keyFile}.restore`)).toBe(false);
  });

  it('clears partial folders that crashed backups left long ago, but not recent ones', async () => {
    const backups = join(vault.root, 'backups');
    const old = join(backups, '.pci-saq-backup-20200101-000000Z.partial');
    const recent = join(backups, '.pci-saq-backup-20991231-000000Z.partial');
    mkdirSync(old, { recursive: true });
    mkdirSync(recent);
    utimesSync(old, new Date('2020-01-01'), new Date('2020-01-01'));

    await vault.service.backup();

    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(vault.service.listBackups()).toHaveLength(1);
  });

  it('rejects backup names that are paths', async () => {
    expect(
      await codeOf(vault.service.restoreByName('../vault', { passphrase: TEST_PASSPHRASE })),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        vault.service.restoreByName('pci-saq-backup-x/../../etc', { passphrase: TEST_PASSPHRASE }),
      ),
    ).toBe('INVALID_INPUT');
  });
});

describe('the marker answer never appears in plaintext', () => {
  it('is nowhere in the database, WAL, SHM, key file, backup, logs or the temp folder', async () => {
    const started = Date.now();
    const marker = `MARKER-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)}`;
    await vault.service.create(TEST_PASSPHRASE);
    vault.service.session().write('desktop', (transaction) => {
      seedAssessment(transaction.database);
    });
    for (let index = 0; index < 50; index += 1) saveRow(`row-${index}`, `${marker} ${index}`);
    vault.service.session().database.pragma('wal_checkpoint(PASSIVE)');
    saveRow('after-checkpoint', marker);

    const { dir } = vault.service.paths;
    const files = readdirSync(dir).map((name) => join(dir, name));
    expect(files.some((file) => file.endsWith('-wal'))).toBe(true);
    expect(files.some((file) => file.endsWith('-shm'))).toBe(true);
    const backup = await vault.service.backup();
    files.push(...readdirSync(backup.location).map((name) => join(backup.location, name)));

    const needle = Buffer.from(marker);
    for (const file of files)
      expect([file, readFileSync(file).includes(needle)]).toEqual([file, false]);
    expect(logs.lines.join('\n')).not.toContain(marker);
    expect(recentFilesContaining(tmpdir(), needle, started)).toEqual([]);
  });
});

/** Files under `root` changed since `since` whose bytes contain `needle` (skipping big ones). */
function recentFilesContaining(root: string, needle: Buffer, since: number, depth = 0): string[] {
  if (depth > 4) return [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }

  return names.flatMap((name) => {
    const path = join(root, name);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return recentFilesContaining(path, needle, since, depth + 1);
      if (!stat.isFile() || stat.mtimeMs < since || stat.size > 64 * 1024 * 1024) return [];
      return readFileSync(path).includes(needle) ? [path] : [];
    } catch {
      return [];
    }
  });
}
