import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { IPC_EVENT_CHANNEL } from '../../shared/api/contract';
import { createAppCore } from '../core/app-core';
import { createLogger, fileSink, logFilePath } from '../core/log/logger';
import { serveAppRequest } from './app-protocol';
import { safeStorageDeviceSecrets } from './device-secret-store';
import { electronFileDialogs } from './dialogs';
import { hardenSession, hardenWebContents } from './hardening';
import { registerApiHandlers } from './ipc';
import { forbiddenSwitches } from './switches';
import { APP_ENTRY_URL, APP_SCHEME } from './url-policy';
import { createMainWindow } from './window';

// Refuse to run under a debugger or remote controller, before anything loads.
if (forbiddenSwitches(process.argv).length > 0) {
  process.stderr.write('Refusing to start: debugging switches are not allowed.\n');
  app.exit(2);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

// Must happen before "ready": the page's scheme is standard and secure, so it
// gets an origin, fetch and a CSP like https, without file:// privileges.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

app.enableSandbox();

const dataDir = app.getPath('userData');
const log = createLogger({
  sinks: [fileSink(logFilePath(dataDir))],
  level: app.isPackaged ? 'info' : 'debug',
});
const deviceSecrets = safeStorageDeviceSecrets(safeStorage, { log });
/** The one app window, once created; dialogs attach to it. */
let mainWindow: BrowserWindow | undefined;
const core = createAppCore({
  dataDir,
  door: 'desktop',
  log,
  deviceSecrets,
  fileDialogs: electronFileDialogs(dialog, () => mainWindow),
});
const rendererRoot = join(import.meta.dirname, '../renderer');

app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, {
    openExternal: (url) => shell.openExternal(url),
    log: log.child('window'),
  });
});

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window !== undefined) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('window-all-closed', () => {
  void core.close().finally(() => {
    app.quit();
  });
});

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession, log.child('session'));
  protocol.handle(APP_SCHEME, (request) => {
    const response = serveAppRequest(rendererRoot, request.url);
    return new Response(response.body, { status: response.status, headers: response.headers });
  });
  registerApiHandlers(ipcMain, core, log.child('ipc'));

  const window = createMainWindow(BrowserWindow, {
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    isPackaged: app.isPackaged,
  });
  mainWindow = window;
  const unsubscribe = core.events.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  window.on('closed', unsubscribe);
  // Tells `npm start` (scripts/launcher.ts) that the desktop app is up.
  window.once('ready-to-show', () => {
    process.stdout.write('PCI_SAQ_DESKTOP_READY\n');
  });

  // The unlock screen asks at once whether this device can unlock; give the
  // keyring a moment to answer, but never let a slow one hold the window back.
  await Promise.race([deviceSecrets.prepare(), delay(2000)]);
  void window.loadURL(APP_ENTRY_URL);
});
