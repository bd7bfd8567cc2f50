import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { FakeEmitter } from './fakes.test-support';
import { createMainWindow, mainWindowOptions, type WindowConstructor } from './window';

describe('the window factory', () => {
  it('isolates the page from Node in every build', () => {
    for (const isPackaged of [true, false]) {
      const prefs =
        mainWindowOptions({ preloadPath: 'preload.cjs', isPackaged }).webPreferences ?? {};
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).toBe(false);
      expect(prefs.webviewTag).toBe(false);
      expect(prefs.webSecurity).toBe(true);
      expect(prefs.allowRunningInsecureContent).toBe(false);
      expect(prefs.spellcheck).toBe(false);
    }
  });

  it('turns DevTools off in the packaged app', () => {
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: true }).webPreferences?.devTools).toBe(
      false,
    );
    expect(
      mainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools,
    ).toBe(true);
  });

  it('creates one window and shows it once it is ready', () => {
    const made: BrowserWindowConstructorOptions[] = [];
    let shown = 0;
    class FakeWindow extends FakeEmitter {
      constructor(options: BrowserWindowConstructorOptions) {
        super();
        made.push(options);
      }
      once(event: string, listener: () => void) {
        return this.on(event, listener);
      }
      show() {
        shown++;
      }
    }

    const window = createMainWindow(FakeWindow as unknown as WindowConstructor, {
      preloadPath: 'p.cjs',
      isPackaged: true,
    });
    expect(made).toHaveLength(1);
    expect(made[0]?.show).toBe(false);
    (window as unknown as FakeEmitter).emit('ready-to-show');
    expect(shown).toBe(1);
    expect(window).toBeInstanceOf(FakeWindow);
  });
});
