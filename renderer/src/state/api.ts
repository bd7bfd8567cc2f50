import type { ApiClient } from '../api/client';

/**
 * The service every store calls. Set once at start-up (the desktop bridge or
 * browser mode); tests put a fake here instead.
 */
let current: ApiClient | undefined;

export function setApi(client: ApiClient): void {
  current = client;
}

export function api(): ApiClient {
  if (current === undefined) throw new Error('The API client is not connected yet.');
  return current;
}
