import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * `npm start`: build, then open the desktop app; where Electron cannot start
 * (no binary, no display, a download that never ends), say so in one line
 * and serve browser mode instead.
 */

export const DESKTOP_READY_MARKER = 'PCI_SAQ_DESKTOP_READY';

/** The parts of a desktop child process the decision needs. */
export interface DesktopProcess {
  onReady(listener: () => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type LaunchDecision =
  { readonly kind: 'desktop' } | { readonly kind: 'browser'; readonly reason: string };

/** Waits for the desktop app to say its window is up; falls back on exit or timeout. */
export function tryDesktop(
  spawnDesktop: () => DesktopProcess,
  timeoutMs: number,
): Promise<LaunchDecision> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (decision: LaunchDecision) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(decision);
    };

    let child: DesktopProcess;
    try {
      child = spawnDesktop();
    } catch (error) {
      resolve({
        kind: 'browser',
        reason: `Electron could not be started (${error instanceof Error ? error.message : 'unknown error'})`,
      });
      return;
    }

    const timer = setTimeout(() => {
      child.kill();
      settle({
        kind: 'browser',
        reason: `Electron did not open a window within ${String(Math.round(timeoutMs / 1000))} s`,
      });
    }, timeoutMs);
    child.onReady(() => {
      settle({ kind: 'desktop' });
    });
    child.onExit((code) => {
      settle({
        kind: 'browser',
        reason: `Electron exited before opening a window (exit code ${String(code)}); its binary is probably not installed`,
      });
    });
  });
}

function spawnElectron(root: string): DesktopProcess {
  const electronCli = createRequire(join(root, 'package.json')).resolve('electron/cli.js');
  const child = spawn(process.execPath, [electronCli, '.'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const readyListeners: (() => void)[] = [];
  let ready = false;

  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (!ready && text.includes(DESKTOP_READY_MARKER)) {
      ready = true;
      for (const listener of readyListeners) listener();
    }
    if (ready) process.stdout.write(text.replace(`${DESKTOP_READY_MARKER}\n`, ''));
  });
  // Electron's own download errors are long stack traces; the launcher
  // prints one line instead and keeps the details out of the way.
  child.stderr.on('data', (chunk: Buffer) => {
    if (ready) process.stderr.write(chunk);
  });

  return {
    onReady: (listener) => readyListeners.push(listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => child.kill('SIGTERM'),
  };
}

function build(root: string): void {
  process.stdout.write('Building the app...\n');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}\n${result.stderr}\nThe build failed; see above.\n`);
    process.exit(1);
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  const root = join(import.meta.dirname, '..');
  build(root);

  if (!argv.includes('--browser')) {
    const decision = await tryDesktop(() => spawnElectron(root), 90_000);
    if (decision.kind === 'desktop') return;
    process.stdout.write(`${decision.reason}. Serving browser mode instead.\n`);
  }

  await import('../electron/host/main');
}
