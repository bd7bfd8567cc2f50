import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  bareEvidenceDatabase,
  sessionEvidenceDatabase,
} from '../electron/core/evidence/evidence-database';
import { DEFAULT_CHUNK_BYTES, EvidenceStore } from '../electron/core/evidence/evidence-store';
import { NEW_VAULT_CIPHER, type DatabaseCipher } from '../electron/core/store/database';
import { migrate } from '../electron/core/store/migrate';
import { openSqliteFile, type SqliteDatabase } from '../electron/core/store/sqlite-binding';
import { temporaryVault, TEST_PASSPHRASE } from '../electron/core/vault/testing';
import type { BenchSuite } from './suite';

/**
 * Adding a large evidence file: the same stream into the encrypted vault,
 * into a plain database with the same settings, and through read-plus-hash
 * alone (the floor no store can beat), with the resident memory each adds
 * above idle and the longest stall of the event loop (how long an answer
 * saved meanwhile could have waited). The vault runs twice: with the cipher
 * of new vaults (AEGIS-256) and with SQLCipher 4, which vaults created
 * before keep. Then chunk sizes, page sizes and checkpoint and sync settings
 * on bare databases (docs/vault.md has the table and the decisions).
 *
 * EVIDENCE_BENCH_MIB (default 300) sets the main size; the sweeps use
 * EVIDENCE_BENCH_SWEEP_MIB (default 100). Each figure is the best of
 * EVIDENCE_BENCH_RUNS runs (default 2): on a shared machine the slower runs
 * measure the neighbours, not the store.
 */

const MIB = 1024 * 1024;
const PIECE = 64 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Incompressible bytes (AES-CTR over zeros), as a file read in 64 KiB pieces would arrive. */
async function* source(totalBytes: number): AsyncGenerator<Buffer> {
  const keystream = createCipheriv('aes-128-ctr', Buffer.alloc(16, 3), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(PIECE);
  for (let sent = 0; sent < totalBytes; sent += PIECE) {
    yield keystream.update(zeros.subarray(0, Math.min(PIECE, totalBytes - sent)));
    await Promise.resolve();
  }
}

interface Run {
  readonly ms: number;
  /** Processor time of this process (user + system): less disturbed by neighbours than wall time. */
  readonly cpuMs: number;
  readonly peakAboveIdle: number;
  readonly longestStallMs: number;
}

/** Times `body`, sampling resident memory through `sample` and the event loop's delay. */
async function measure(body: (sample: () => void) => Promise<void>): Promise<Run> {
  collectGarbage();
  const idle = process.memoryUsage().rss;
  let peak = idle;
  let calls = 0;
  const sample = () => {
    calls += 1;
    if (calls % 16 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await body(sample);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  loop.disable();
  peak = Math.max(peak, process.memoryUsage().rss);

  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakAboveIdle: peak - idle,
    longestStallMs: loop.max / 1e6,
  };
}

/** The fastest of `runs` runs, with the highest memory and stall seen in any of them. */
async function bestOf(runs: number, body: () => Promise<Run>): Promise<Run> {
  const results: Run[] = [];
  for (let round = 0; round < runs; round += 1) results.push(await body());
  const fastest = results.reduce((best, run) => (run.ms < best.ms ? run : best));

  return {
    ms: fastest.ms,
    cpuMs: Math.min(...results.map((run) => run.cpuMs)),
    peakAboveIdle: Math.max(...results.map((run) => run.peakAboveIdle)),
    longestStallMs: Math.max(...results.map((run) => run.longestStallMs)),
  };
}

async function floor(totalBytes: number): Promise<Run> {
  return measure(async (sample) => {
    const hash = createHash('sha256');
    for await (const piece of source(totalBytes)) {
      hash.update(piece);
      sample();
    }
    hash.digest();
  });
}

async function importInto(store: EvidenceStore, totalBytes: number): Promise<Run> {
  return measure(async (sample) => {
    await store.importEvidence(
      source(totalBytes),
      { title: 'Benchmark', fileName: 'bench.bin', kind: 'other' },
      { onProgress: sample },
    );
  });
}

type BenchCipher = DatabaseCipher | 'plain';

interface BenchSettings {
  readonly cipher: BenchCipher;
  readonly pageSize: number;
  readonly chunkBytes: number;
  readonly totalBytes: number;
  /** synchronous=NORMAL instead of the vault's FULL (measured, not used: docs/vault.md). */
  readonly normalSync?: boolean;
  /** A larger wal_autocheckpoint during the import and one TRUNCATE checkpoint after it. */
  readonly checkpointAtEnd?: boolean;
}

/**
 * A database with the vault's settings, encrypted (raw random key) with
 * either cipher or not at all, at a page size.
 */
function openBenchDatabase(path: string, settings: BenchSettings): SqliteDatabase {
  const { cipher, pageSize } = settings;
  const database = openSqliteFile(path, { fileMustExist: false });
  if (cipher === 'sqlcipher-4') {
    database.pragma("cipher='sqlcipher'");
    database.pragma('legacy=4');
    // SQLCipher 4 encrypts the header, so its page size is a cipher setting.
    database.pragma(`legacy_page_size=${pageSize}`);
  } else if (cipher === 'aegis-256') {
    database.pragma("cipher='aegis'");
    database.pragma("algorithm='aegis-256'");
  }
  if (cipher !== 'plain') database.key(Buffer.from(`x'${randomBytes(32).toString('hex')}'`));
  database.pragma(`page_size=${pageSize}`);
  database.pragma('journal_mode = WAL');
  database.pragma(settings.normalSync === true ? 'synchronous = NORMAL' : 'synchronous = FULL');
  database.pragma('temp_store = MEMORY');
  database.pragma('mmap_size = 0');
  database.pragma('secure_delete = ON');
  database.pragma('foreign_keys = ON');
  if (settings.checkpointAtEnd === true) database.pragma('wal_autocheckpoint = 16384');
  migrate(database);

  return database;
}

async function bareRun(folder: string, settings: BenchSettings): Promise<Run> {
  const path = join(
    folder,
    `bench-${settings.cipher}-${settings.pageSize}-${settings.chunkBytes}.db`,
  );
  const database = openBenchDatabase(path, settings);
  try {
    const store = new EvidenceStore(bareEvidenceDatabase(database), {
      door: 'cli',
      chunkBytes: settings.chunkBytes,
    });
    return await measure(async (sample) => {
      await store.importEvidence(
        source(settings.totalBytes),
        { title: 'Benchmark', fileName: 'bench.bin', kind: 'other' },
        { onProgress: sample },
      );
      if (settings.checkpointAtEnd === true) database.pragma('wal_checkpoint(TRUNCATE)');
    });
  } finally {
    database.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}

/** The same import into a real vault (created with `cipher`), through its session. */
async function vaultRun(cipher: DatabaseCipher, totalBytes: number): Promise<Run> {
  const vault = temporaryVault({
    prefix: 'pci-saq-evidence-bench-vault-',
    newVaultCipher: cipher,
  });
  try {
    await vault.service.create(TEST_PASSPHRASE);
    const store = new EvidenceStore(sessionEvidenceDatabase(vault.service.session()), {
      door: 'cli',
    });
    return await importInto(store, totalBytes);
  } finally {
    await vault.remove();
  }
}

function describeRun(label: string, run: Run, totalBytes: number, reference?: Run): string {
  const rate = totalBytes / MIB / (run.ms / 1000);
  const ratio =
    reference === undefined
      ? ''
      : `  ${(run.ms / reference.ms).toFixed(2)}x plain (cpu ${(run.cpuMs / reference.cpuMs).toFixed(1)}x)`;
  return (
    `${label.padEnd(34)} ${(run.ms / 1000).toFixed(2).padStart(6)} s` +
    ` ${rate.toFixed(0).padStart(4)} MiB/s  cpu ${(run.cpuMs / 1000).toFixed(2)} s` +
    `  RSS +${(run.peakAboveIdle / MIB).toFixed(0)} MiB` +
    `  stall ${run.longestStallMs.toFixed(0)} ms${ratio}`
  );
}

const sizeFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const evidenceBench: BenchSuite = {
  name: 'evidence',
  async run(print) {
    const mib = sizeFromEnv('EVIDENCE_BENCH_MIB', 300);
    const sweepMib = sizeFromEnv('EVIDENCE_BENCH_SWEEP_MIB', 100);
    const runs = Math.round(sizeFromEnv('EVIDENCE_BENCH_RUNS', 2));
    const total = mib * MIB;
    const folder = mkdtempSync(join(tmpdir(), 'pci-saq-evidence-bench-'));

    try {
      print(
        `Import of a ${mib} MiB stream (64 KiB pieces), chunk ${DEFAULT_CHUNK_BYTES / 1024} KiB, ` +
          `page 4 KiB, best of ${runs} (memory and stall: the worst seen):`,
      );
      const floorRun = await bestOf(runs, () => floor(total));
      print(describeRun('read + SHA-256 only (floor)', floorRun, total));
      const mainSettings = { pageSize: 4096, chunkBytes: DEFAULT_CHUNK_BYTES, totalBytes: total };
      const plain = await bestOf(runs, () => bareRun(folder, { ...mainSettings, cipher: 'plain' }));
      print(describeRun('plain database, same settings', plain, total));
      const newVault = await bestOf(runs, () => vaultRun(NEW_VAULT_CIPHER, total));
      print(describeRun(`vault (${NEW_VAULT_CIPHER}, new vaults)`, newVault, total, plain));
      const earlierVault = await bestOf(runs, () => vaultRun('sqlcipher-4', total));
      print(describeRun('vault (sqlcipher-4, earlier vaults)', earlierVault, total, plain));

      const sweep = sweepMib * MIB;
      const sweepBase = { pageSize: 4096, chunkBytes: MIB, totalBytes: sweep };
      print(`\nChunk sizes, page 4 KiB, ${sweepMib} MiB:`);
      for (const chunkBytes of [256 * 1024, MIB, 4 * MIB]) {
        for (const cipher of ['plain', 'aegis-256'] as const) {
          const run = await bestOf(runs, () =>
            bareRun(folder, { ...sweepBase, cipher, chunkBytes }),
          );
          print(describeRun(`chunk ${chunkBytes / 1024} KiB ${cipher}`, run, sweep));
        }
      }

      print(`\nPage sizes, chunk 1 MiB, ${sweepMib} MiB (ratio against plain at that page size):`);
      for (const pageSize of [4096, 16384, 65536]) {
        const bare = await bestOf(runs, () =>
          bareRun(folder, { ...sweepBase, cipher: 'plain', pageSize }),
        );
        print(describeRun(`page ${pageSize / 1024} KiB plain`, bare, sweep));
        for (const cipher of ['aegis-256', 'sqlcipher-4'] as const) {
          const run = await bestOf(runs, () => bareRun(folder, { ...sweepBase, cipher, pageSize }));
          print(describeRun(`page ${pageSize / 1024} KiB ${cipher}`, run, sweep, bare));
        }
      }

      print(`\nCheckpoint and sync settings, page 4 KiB, chunk 1 MiB, ${sweepMib} MiB:`);
      for (const cipher of ['plain', 'aegis-256', 'sqlcipher-4'] as const) {
        const normal = await bestOf(runs, () =>
          bareRun(folder, { ...sweepBase, cipher, normalSync: true }),
        );
        print(describeRun(`synchronous=NORMAL ${cipher}`, normal, sweep));
        const atEnd = await bestOf(runs, () =>
          bareRun(folder, { ...sweepBase, cipher, checkpointAtEnd: true }),
        );
        print(describeRun(`checkpoint at end ${cipher}`, atEnd, sweep));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
