import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/log/logger';
import { isAllowedExternalUrl, isAppUrl } from './url-policy';

/**
 * Closes every door of the window that the app does not use: navigation,
 * new windows, webviews, permissions, and any request that is not the app's
 * own scheme. Applied to every web contents Electron creates.
 */

export interface HardeningDeps {
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Logger;
}

export type HardenableSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'webRequest'
>;

/** Requests the page may make: its own files, and blob:/data: URLs it created. */
export function isAllowedRequestUrl(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  if (raw.startsWith('data:')) return true;
  if (raw.startsWith('blob:')) return isAppUrl(raw.slice('blob:'.length));

  return false;
}

export function hardenSession(session: HardenableSession, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log.warn('network request blocked', { resourceType: details.resourceType });
    callback({ cancel: !allowed });
  });
}

export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  { openExternal, log }: HardeningDeps,
): void {
  // The app is one page; it never navigates, in the main frame or any other.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log.warn('navigation blocked');
  });
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });

  // Links to the allowed reading sites open in the system browser; the
  // window itself never opens another window.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch(() => {
        log.warn('external link failed');
      });
    } else {
      log.warn('window open blocked');
    }

    return { action: 'deny' };
  });
}
