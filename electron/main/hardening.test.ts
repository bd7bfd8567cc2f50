import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FakeEmitter, preventableEvent, testLogger } from './fakes.test-support';
import { hardenSession, hardenWebContents, isAllowedRequestUrl } from './hardening';

function fakeContents() {
  const emitter = new FakeEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  });

  return {
    contents: contents as unknown as WebContents,
    emitter,
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])(
    'prevents %s whatever the target',
    (eventName) => {
      const { contents, emitter } = fakeContents();
      hardenWebContents(contents, { openExternal: vi.fn(), log: testLogger().log });

      for (const url of ['app://app/index.html', 'https://evil.example/', 'file:///etc/passwd']) {
        const event = preventableEvent();
        emitter.emit(eventName, event, url);
        expect(event.prevented).toBe(true);
      }
    },
  );

  it('denies every new window and hands only allowed links to the system browser', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const { contents, open } = fakeContents();
    hardenWebContents(contents, { openExternal, log: testLogger().log });

    expect(open('https://www.pcisecuritystandards.org/document_library/')).toEqual({
      action: 'deny',
    });
    expect(open('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith(
      'https://www.pcisecuritystandards.org/document_library/',
    );
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const handlers: {
      request?: (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
      ) => void;
      check?: () => boolean;
      device?: () => boolean;
      beforeRequest?: (
        details: { url: string; resourceType: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void;
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof handlers.request) => {
        handlers.request = handler;
      },
      setPermissionCheckHandler: (handler: typeof handlers.check) => {
        handlers.check = handler;
      },
      setDevicePermissionHandler: (handler: typeof handlers.device) => {
        handlers.device = handler;
      },
      webRequest: {
        onBeforeRequest: (handler: typeof handlers.beforeRequest) => {
          handlers.beforeRequest = handler;
        },
      },
    };

    return { session: session as unknown as Session, handlers };
  }

  it('denies every permission request and check', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, testLogger().log);

    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(handlers.check?.()).toBe(false);
    expect(handlers.device?.()).toBe(false);
  });

  it('cancels every network request that is not the app itself', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, testLogger().log);

    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      handlers.beforeRequest?.({ url, resourceType: 'xhr' }, (response) => {
        cancel = response.cancel;
      });
      return cancel;
    };
    expect(verdict('app://app/assets/index.js')).toBe(false);
    expect(verdict('blob:app://app/6f1c')).toBe(false);
    expect(verdict('https://example.com/track.gif')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('blob:https://evil.example/1')).toBe(true);
  });

  it('treats data: and the app scheme as the only local sources', () => {
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/x.html')).toBe(false);
  });
});
