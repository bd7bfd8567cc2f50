import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import { integrityProblems } from '../store/database';
import type { VaultService } from './vault-service';

/**
 * Starts the vault test child (vault-child.test-support.ts) quickly. The
 * tests start it hundreds of times; through the tsx loader each start costs
 * about 0.4 s here, so the script is bundled once with esbuild (which tsx
 * brings along) into node_modules/.cache, where plain `node` starts it in a
 * fraction of that. Without esbuild, the child runs through tsx.
 */

const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE = join(import.meta.dirname, 'vault-child.test-support.ts');
let bundled: Promise<string[]> | undefined;

async function bundle(): Promise<string[]> {
  try {
    const esbuild = await import('esbuild');
    const outDir = join(PROJECT_ROOT, 'node_modules', '.cache', 'vault-tests');
    mkdirSync(outDir, { recursive: true });
    const built = await esbuild.build({
      entryPoints: [SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3-multiple-ciphers'],
      write: false,
      logLevel: 'silent',
    });
    const code = built.outputFiles[0]?.contents ?? new Uint8Array();
    // Named by content: test files and runs share one copy per version of the code.
    const digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const outfile = join(outDir, `vault-child-${digest}.mjs`);
    if (!existsSync(outfile)) {
      const temporary = `${outfile}.${process.pid}.tmp`;
      writeFileSync(temporary, code);
      renameSync(temporary, outfile);
    }
    return [outfile];
  } catch {
    return ['--import', 'tsx', SOURCE];
  }
}

/** The node arguments that run the child script (bundled once per test process). */
export function childArguments(): Promise<string[]> {
  bundled ??= bundle();
  return bundled;
}

export interface RunningChild {
  readonly process: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves with the first line for which `match` is true (or rejects when the child exits first). */
  waitFor(match: (line: string) => boolean): Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startChild(
  args: readonly string[],
  options: { command?: string; prefix?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningChild> {
  const script = await childArguments();
  const command = options.command ?? process.execPath;
  const prefix = options.prefix ?? [];
  const child = spawn(command, [...prefix, ...script, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  const lines: string[] = [];
  const waiters: {
    match: (line: string) => boolean;
    resolve: (line: string) => void;
    reject: (error: Error) => void;
  }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error(`child exited (${String(code ?? signal)}): ${stderr.slice(-500)}`));
      }
      resolve({ code, signal });
    });
  });

  return {
    process: child,
    lines,
    exited,
    waitFor(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error(`child already exited: ${stderr.slice(-500)}`));
      }
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve, reject });
      });
    },
  };
}

/** Kills the child at a random moment: mostly while it works, sometimes while it starts. */
export async function runAndKill(args: string[]): Promise<string[]> {
  const child = await startChild(args);
  const duringStart = Math.random() < 0.1;
  if (!duringStart) await child.waitFor((line) => line === 'ready');
  await new Promise((resolve) => setTimeout(resolve, Math.random() * (duringStart ? 120 : 40)));
  child.process.kill('SIGKILL');
  await child.exited;

  return child.lines.filter((line) => line.startsWith('ack '));
}

/** After a crash: the vault opens, passes its integrity check and its audit chain holds. */
export async function openAndCheck(service: VaultService, passphrase: string): Promise<void> {
  await service.unlock({ passphrase });
  const session = service.session();
  expect(integrityProblems(session.database)).toEqual([]);
  expect(session.audit.verify().ok).toBe(true);
}
