import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { EventHub } from '../events';
import { silentLogger } from '../log/logger';
import { vaultPaths } from '../paths';
import { listAnswers, saveAnswer } from '../store/answers-repository';
import { integrityProblems } from '../store/database';
import { startChild } from './child-process.test-support';
import {
  CHEAP_SCRYPT,
  markerPayload,
  seedAssessment,
  temporaryVault,
  TEST_PASSPHRASE,
  type TemporaryVault,
} from './testing';
import { VaultService } from './vault-service';

/**
 * The vault where the file system says no: a folder the user may not write
 * (as an unprivileged user: root ignores permissions), and a full disk three
 * ways (SQLite's page limit, a file size limit, a tiny tmpfs). Committed
 * answers must survive and the vault must still verify afterwards.
 */

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const dropPrivileges: string[] | undefined = !isRoot
  ? undefined
  : hasCommand('setpriv')
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups']
    : hasCommand('runuser')
      ? ['runuser', '-u', 'nobody', '--']
      : undefined;

let vault: TemporaryVault;

beforeEach(async () => {
  vault = temporaryVault();
  await vault.service.create(TEST_PASSPHRASE);
  vault.service.session().write('desktop', (transaction) => {
    seedAssessment(transaction.database);
    saveAnswer(
      transaction,
      {
        assessmentId: 'assessment-1',
        rowId: 'kept',
        response: 'in-place',
        payload: { notes: 'kept' },
      },
      new Date(),
    );
  });
  await vault.service.lock();
});

afterEach(async () => {
  await vault.remove();
});

function chownTree(path: string, uid: number): void {
  chownSync(path, uid, uid);
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) chownTree(join(path, name), uid);
  }
}

async function probeAs(prefix: string[]): Promise<unknown> {
  const child = await startChild(['probe-write', vault.service.paths.dir, TEST_PASSPHRASE], {
    command: prefix[0] ?? '',
    prefix: [...prefix.slice(1), process.execPath],
  });
  const line = await child.waitFor((text) => text.startsWith('{'));
  await child.exited;

  return JSON.parse(line);
}

/** Unlocks and checks that the vault is whole and still has `rows` (plus `kept`). */
async function expectIntact(service: VaultService, rows: readonly string[]): Promise<void> {
  await service.unlock({ passphrase: TEST_PASSPHRASE });
  const session = service.session();
  expect(integrityProblems(session.database)).toEqual([]);
  expect(session.audit.verify().ok).toBe(true);
  const stored = new Set(
    listAnswers(session.database, 'assessment-1').map((answer) => answer.rowId),
  );
  for (const row of ['kept', ...rows]) expect(stored.has(row)).toBe(true);
  await service.lock();
}

describe('a folder the user may not write', () => {
  it.skipIf(dropPrivileges === undefined)(
    'says NO_PERMISSION to an unprivileged user, and leaves the folder as it was' +
      ' (skipped unless run as root with setpriv or runuser to become nobody)',
    async () => {
      const { dir, database } = vault.service.paths;
      chownTree(vault.root, NOBODY);
      const prefix = dropPrivileges ?? [];

      // The folder itself is read-only: the lock cannot even be taken.
      chmodSync(dir, 0o500);
      const before = readdirSync(dir).sort();
      expect(await probeAs(prefix)).toEqual({ step: 'unlock', code: 'NO_PERMISSION' });
      expect(readdirSync(dir).sort()).toEqual(before);

      // The folder is writable but the database file is not.
      chmodSync(dir, 0o700);
      chmodSync(database, 0o400);
      expect(await probeAs(prefix)).toMatchObject({ code: 'NO_PERMISSION' });

      chmodSync(database, 0o600);
      chownTree(vault.root, 0);
      await expectIntact(vault.service, []);
    },
  );

  it('ulimit -f in a child: DISK_FULL, every acknowledged answer survives', async () => {
    const { dir, database } = vault.service.paths;
    // 512-byte blocks: room for the database as it is plus a little WAL.
    const blocks = Math.ceil(statSync(database).size / 512) + 300;
    const child = await startChild(['fill', dir, TEST_PASSPHRASE, 'ulimit-marker'], {
      command: 'sh',
      prefix: ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath],
    });
    const outcome = await child.waitFor((line) => line.startsWith('{'));
    await child.exited;

    expect(JSON.parse(outcome)).toEqual({ step: 'fill', code: 'DISK_FULL' });
    const acknowledged = child.lines
      .filter((line) => line.startsWith('ack '))
      .map((line) => `fill${line.slice(4)}`);
    expect(acknowledged.length).toBeGreaterThan(0);
    await expectIntact(vault.service, acknowledged);
    const service = vault.reopen();
    await service.unlock({ passphrase: TEST_PASSPHRASE });
    const first = listAnswers(service.session().database, 'assessment-1').find(
      (answer) => answer.rowId === 'fill0',
    );
    expect(first?.payload).toMatchObject(markerPayload(0, 'ulimit-marker'));
    await service.close();
  });

  it('a small tmpfs: DISK_FULL, the earlier answers stay and the vault verifies', async (context) => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'pci-saq-tmpfs-'));
    const mounted = spawnSync('mount', [
      '-t',
      'tmpfs',
      '-o',
      'size=1m,mode=0700',
      'tmpfs',
      mountPoint,
    ]);
    if (mounted.status !== 0) {
      rmSync(mountPoint, { recursive: true, force: true });
      context.skip('mounting a tmpfs needs root in a namespace that allows it');
    }
    try {
      mkdirSync(join(mountPoint, 'vault'), { mode: 0o700 });
      const service = new VaultService({
        paths: vaultPaths(join(mountPoint, 'vault')),
        backupsDir: join(mountPoint, 'backups'),
        door: 'desktop',
        log: silentLogger,
        events: new EventHub(),
        scrypt: CHEAP_SCRYPT,
      });
      await service.create(TEST_PASSPHRASE);
      const session = service.session();
      session.write('desktop', (transaction) => {
        seedAssessment(transaction.database);
      });

      const saved: string[] = [];
      let code = 'none';
      for (let row = 0; row < 1000 && code === 'none'; row += 1) {
        try {
          session.write('desktop', (transaction) => {
            saveAnswer(
              transaction,
              {
                assessmentId: 'assessment-1',
                rowId: `t${row}`,
                response: 'in-place',
                payload: { notes: 'z'.repeat(8000) },
              },
              new Date(),
            );
          });
          saved.push(`t${row}`);
        } catch (error) {
          code = error instanceof OperationError ? error.code : String(error);
        }
      }
      expect(code).toBe('DISK_FULL');
      await service.lock();
      await service.unlock({ passphrase: TEST_PASSPHRASE });
      const reopened = service.session();
      expect(integrityProblems(reopened.database)).toEqual([]);
      expect(reopened.audit.verify().ok).toBe(true);
      const stored = new Set(listAnswers(reopened.database, 'assessment-1').map((a) => a.rowId));
      for (const row of saved) expect(stored.has(row)).toBe(true);
      await service.close();
    } finally {
      spawnSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});
