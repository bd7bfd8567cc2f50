import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export interface WindowFactoryOptions {
  readonly preloadPath: string;
  readonly isPackaged: boolean;
}

/**
 * The one place that makes windows. Every window is isolated from Node: the
 * page runs sandboxed with context isolation and reaches core only through
 * the preload's typed bridge.
 */
export function mainWindowOptions({
  preloadPath,
  isPackaged,
}: WindowFactoryOptions): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'PCI SAQ Assistant',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !isPackaged,
    },
  };
}

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(
  Window: WindowConstructor,
  options: WindowFactoryOptions,
): BrowserWindow {
  const window = new Window(mainWindowOptions(options));
  window.once('ready-to-show', () => {
    window.show();
  });

  return window;
}
