import { describe, expect, it, vi } from 'vitest';
import { tryDesktop, type DesktopProcess } from './launcher';

function fakeDesktop(behaviour: 'ready' | 'fails' | 'hangs'): DesktopProcess & { killed: boolean } {
  const fake = {
    killed: false,
    onReady(listener: () => void) {
      if (behaviour === 'ready') setTimeout(listener, 5);
    },
    onExit(listener: (code: number | null) => void) {
      if (behaviour === 'fails')
        setTimeout(() => {
          listener(1);
        }, 5);
    },
    kill() {
      fake.killed = true;
    },
  };

  return fake;
}

describe('the launcher decision', () => {
  it('stays with the desktop app once its window is up', async () => {
    expect(await tryDesktop(() => fakeDesktop('ready'), 1000)).toEqual({ kind: 'desktop' });
  });

  it('falls back to browser mode when Electron exits first (no binary here)', async () => {
    const decision = await tryDesktop(() => fakeDesktop('fails'), 1000);
    expect(decision).toMatchObject({ kind: 'browser' });
    expect(decision.kind === 'browser' && decision.reason).toContain('exit code 1');
  });

  it('kills a desktop start that hangs and falls back after the timeout', async () => {
    vi.useFakeTimers();
    const child = fakeDesktop('hangs');
    const pending = tryDesktop(() => child, 90_000);
    await vi.advanceTimersByTimeAsync(90_000);
    const decision = await pending;
    vi.useRealTimers();

    expect(decision).toMatchObject({ kind: 'browser' });
    expect(decision.kind === 'browser' && decision.reason).toContain('90 s');
    expect(child.killed).toBe(true);
  });

  it('falls back when spawning itself throws', async () => {
    const decision = await tryDesktop(() => {
      throw new Error('ENOENT');
    }, 1000);
    expect(decision).toMatchObject({
      kind: 'browser',
      reason: expect.stringContaining('ENOENT') as string,
    });
  });
});
