import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { Door } from '../../../shared/api/ops/app';
import { OperationError } from '../../../shared/api/result';
import { nodeErrorCode, storeErrorFor } from '../store/errors';
import { writeAndSync } from './atomic-file';

/**
 * One vault, one writer. The desktop app, browser mode and the CLI all take
 * this lock (a file beside the database) before they open the database for
 * writing, and keep it while the vault is unlocked.
 *
 * The lock file names its holder: process id, the process's start time (so
 * that a recycled pid is not mistaken for the holder), host and door. It is
 * written in full under a temporary name and then hard-linked into place, so
 * it never exists half-written; link() fails when the name exists, which is
 * the exclusive create. A lock whose process is gone is stale and is taken
 * over. A holder on another host (a shared folder) is never presumed dead.
 */

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  processStart: z.string().nullable(),
  host: z.string(),
  door: z.enum(['desktop', 'browser', 'cli']),
  acquiredAt: z.string(),
});

export type LockOwner = z.infer<typeof ownerSchema>;

/** Start time of a process, as the kernel counts it; null where it cannot be read. */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name in field 2 may contain spaces,
    // so count from the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return nodeErrorCode(error) === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | 'unreadable' | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') return undefined;
    throw storeErrorFor(error) ?? error;
  }
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  if (!processAlive(owner.pid)) return true;

  const start = processStartTime(owner.pid);
  return owner.processStart !== null && start !== null && start !== owner.processStart;
}

/** The live holder of the lock at `path`, or null when it is free or stale. */
export function lockHolder(path: string): LockOwner | null {
  const owner = readOwner(path);
  if (owner === undefined || owner === 'unreadable') return null;

  return isStale(owner) ? null : owner;
}

export class WriteLock {
  #held = true;

  private constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {}

  /** Takes the lock or throws VAULT_IN_USE naming the holder's door. */
  static acquire(path: string, door: Door, now: Date = new Date()): WriteLock {
    const owner: LockOwner = {
      pid: process.pid,
      processStart: processStartTime(process.pid),
      host: hostname(),
      door,
      acquiredAt: now.toISOString(),
    };
    const dir = dirname(path);
    removeOrphanedTemporaries(dir, basename(path));
    const temporary = join(
      dir,
      `${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}`,
    );

    try {
      writeAndSync(temporary, Buffer.from(JSON.stringify(owner), 'utf8'));
    } catch (error) {
      throw storeErrorFor(error) ?? error;
    }
    try {
      // Two attempts: the second after clearing a stale lock.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        try {
          linkSync(temporary, path);
          return new WriteLock(path, owner);
        } catch (error) {
          if (nodeErrorCode(error) !== 'EEXIST') throw storeErrorFor(error) ?? error;
        }
        const holder = readOwner(path);
        if (holder === 'unreadable') {
          throw new OperationError('VAULT_IN_USE', 'The vault lock file cannot be read.');
        }
        if (holder !== undefined && !isStale(holder)) throw inUse(holder);
        if (holder !== undefined) takeOverStale(path, holder);
      }
      throw new OperationError('VAULT_IN_USE', 'Another process took the vault lock meanwhile.');
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  get held(): boolean {
    return this.#held;
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    // Only remove the file if it is still ours (it always should be).
    const current = readOwner(this.path);
    if (current !== undefined && current !== 'unreadable' && current.pid === this.owner.pid) {
      rmSync(this.path, { force: true });
    }
  }
}

function inUse(holder: LockOwner): OperationError {
  const where = holder.door === 'cli' ? 'the command line' : `the ${holder.door} app`;

  return new OperationError(
    'VAULT_IN_USE',
    `The vault is open in ${where} (process ${holder.pid}, since ${holder.acquiredAt}).`,
  );
}

/**
 * Moves a stale lock out of the way. Renaming it first, then checking that
 * what was moved is the stale lock that was read, keeps two processes that
 * both found it stale from removing each other's fresh lock: a process that
 * moved a fresh lock by mistake puts it back.
 */
function takeOverStale(path: string, stale: LockOwner): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') return;
    throw storeErrorFor(error) ?? error;
  }
  const moved = readOwner(aside);
  const same =
    moved !== undefined &&
    moved !== 'unreadable' &&
    moved.pid === stale.pid &&
    moved.acquiredAt === stale.acquiredAt;
  if (!same) {
    try {
      linkSync(aside, path);
    } catch {
      // The slot was taken again meanwhile; the fresh lock stands.
    }
  }
  rmSync(aside, { force: true });
}

/** Temporary lock files of processes that died between writing and linking them. */
function removeOrphanedTemporaries(dir: string, lockName: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const pattern = new RegExp(
    `^${lockName.replace(/\./g, '\\.')}\\.(?:stale\\.)?(\\d+)\\.[0-9a-f]{8}$`,
  );
  for (const name of names) {
    const match = pattern.exec(name);
    const pid = Number(match?.[1]);
    if (match === null || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(dir, name), { force: true });
  }
}
