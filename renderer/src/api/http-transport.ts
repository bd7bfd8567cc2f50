import {
  HTTP_CANCEL_ROUTE,
  HTTP_EVENTS_ROUTE,
  httpRoute,
  isOperationName,
} from '../../../shared/api/contract';
import { apiEventSchema, type ApiEventListener } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';
import type { Transport } from './transport';

export const TOKEN_KEY = 'pci-saq.token';

/**
 * Browser mode hands the page its per-launch token in the URL fragment, which
 * never reaches a server or a Referer. Move it to sessionStorage (kept across
 * reloads of this tab, gone with the tab) and strip it from the address bar.
 */
export function takeTokenFromLocation(
  location: Location,
  history: History,
  storage: Storage,
): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(location.hash);
  if (match?.[1] !== undefined) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }

  return storage.getItem(TOKEN_KEY) ?? undefined;
}

/** Below the browsers' 64 KiB budget for requests that outlive the page. */
const KEEPALIVE_LIMIT = 16_000;

function unreachable(message: string): Result<never> {
  return { ok: false, error: { code: 'APP_UNREACHABLE', message } };
}

export function createHttpTransport(
  token: string,
  fetchImpl: typeof fetch = fetch.bind(window),
): Transport {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const listeners = new Set<ApiEventListener>();
  let streaming = false;

  async function post(path: string, body: unknown): Promise<Response> {
    const text = JSON.stringify(body);
    return fetchImpl(path, {
      method: 'POST',
      headers,
      body: text,
      cache: 'no-store',
      // A save sent as the page unloads must outlive it; browsers allow that
      // only for small bodies (64 KiB in all at once), which every save is.
      keepalive: text.length < KEEPALIVE_LIMIT,
    });
  }

  async function streamEvents(): Promise<void> {
    streaming = true;
    while (listeners.size > 0) {
      try {
        const response = await fetchImpl(HTTP_EVENTS_ROUTE, { headers, cache: 'no-store' });
        if (!response.ok || response.body === null) break;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          const frames = buffer.split('\n\n');
          buffer = frames.pop() ?? '';
          for (const frame of frames) {
            if (!frame.startsWith('data: ')) continue;
            const parsed = apiEventSchema.safeParse(JSON.parse(frame.slice(6)));
            if (parsed.success) for (const listener of listeners) listener(parsed.data);
          }
        }
      } catch {
        // The server went away (restarted or stopped); try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    streaming = false;
  }

  return {
    async invoke(name, input, requestId) {
      if (!isOperationName(name)) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown operation ${name}` } };
      }
      try {
        const response = await post(httpRoute(name), { input, requestId });
        return (await response.json()) as Result<unknown>;
      } catch {
        return unreachable('The app is not reachable. Is browser mode still running?');
      }
    },

    async cancel(requestId) {
      await post(HTTP_CANCEL_ROUTE, { requestId }).catch(() => undefined);
    },

    onEvent(listener) {
      listeners.add(listener);
      if (!streaming) void streamEvents();

      return () => {
        listeners.delete(listener);
      };
    },
  };
}
