import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from '../vault/testing';
import { sessionEvidenceDatabase } from './evidence-database';
import { evidenceStoreFor } from './evidence-store';

let vault: TemporaryVault;

beforeEach(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-evidence-kill-' });
  await vault.service.create(TEST_PASSPHRASE);
  await vault.service.lock();
});

afterEach(async () => {
  await vault.remove();
});

const CHILD = join(import.meta.dirname, 'import-child.test-support.ts');

/** Runs the importing child until it has committed `chunks` chunks, then kills it. */
async function killMidImport(chunks: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, vault.root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    child.on('exit', (_code, signal) => {
      resolve(signal);
    });
  });
  let stderr = '';
  child.stderr.on('data', (text: Buffer) => {
    stderr += text.toString();
  });

  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line === `chunks ${chunks}`) {
      child.kill('SIGKILL');
      break;
    }
  }
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the child ended on its own: ${stderr}`);

  return signal;
}

/**
 * Runs the importing child under a file size limit (`ulimit -f`, in 512-byte
 * blocks) so that its writes fail as on a full disk; returns what it printed.
 */
async function importUntilFull(blocks: number): Promise<string[]> {
  const child = spawn(
    'sh',
    [
      '-c',
      `ulimit -f ${blocks}; exec "$0" "$@"`,
      process.execPath,
      '--import',
      'tsx',
      CHILD,
      vault.root,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (text: Buffer) => {
    stderr += text.toString();
  });
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout })) lines.push(line);
  const code = await new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`the child failed (${String(code)}): ${stderr}`);

  return lines;
}

/** Unlocks, lets the store clear what is unfinished, and checks that nothing of it is left. */
async function expectNoPartialEvidence(): Promise<void> {
  await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
  const session = vault.service.session();
  const count = (table: string) =>
    session.read((database) =>
      database.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
    ) as number;
  const store = evidenceStoreFor(sessionEvidenceDatabase(session), { door: 'desktop' });
  await store.removeUnfinished();
  expect(count('evidence_chunks')).toBe(0);
  expect(count('evidence_contents')).toBe(0);
  expect(count('evidence_items')).toBe(0);
  expect(session.read((database) => database.pragma('integrity_check', { simple: true }))).toBe(
    'ok',
  );
  expect(session.audit.verify().ok).toBe(true);
}

describe('a full disk in the middle of an import', () => {
  it('is refused as DISK_FULL and leaves no partial evidence, the vault intact', async () => {
    const { size } = statSync(vault.service.paths.database);
    // Room for the database as it is and about 6 MiB more (WAL included).
    const lines = await importUntilFull(Math.ceil(size / 512) + 12_000);

    expect(lines.filter((line) => line.startsWith('chunks ')).length).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(JSON.stringify({ code: 'DISK_FULL' }));
    await expectNoPartialEvidence();
  });
});

describe('a kill in the middle of an import', () => {
  it('leaves no partial evidence once the vault is opened again, and the vault intact', async () => {
    expect(await killMidImport(6)).toBe('SIGKILL');

    await vault.service.unlock({ passphrase: TEST_PASSPHRASE });
    const session = vault.service.session();
    const count = (table: string) =>
      session.read((database) =>
        database.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
      ) as number;
    // What the killed process committed is there, still pending...
    expect(count('evidence_chunks')).toBeGreaterThanOrEqual(5);
    expect(count('evidence_items')).toBe(0);

    // ...until the store's first use after the unlock clears it.
    const store = evidenceStoreFor(sessionEvidenceDatabase(session), { door: 'desktop' });
    await expect(store.removeUnfinished()).resolves.toBe(1);
    expect(count('evidence_chunks')).toBe(0);
    expect(count('evidence_contents')).toBe(0);
    expect(session.read((database) => database.pragma('integrity_check', { simple: true }))).toBe(
      'ok',
    );
    expect(session.audit.verify().ok).toBe(true);

    async function* small() {
      await Promise.resolve();
      yield Buffer.from('after the crash');
    }
    const { item } = await store.importEvidence(small(), {
      title: 'After',
      fileName: 'after.txt',
      kind: 'other',
    });
    expect(store.list().map((found) => found.id)).toEqual([item.id]);
  });
});
