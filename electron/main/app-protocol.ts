import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  contentSecurityPolicy,
  NONCE_PLACEHOLDER,
  SECURITY_HEADERS,
} from '../../shared/security/csp';
import { mediaTypeOf, resolveStaticFile } from '../core/web/static-files';
import { APP_HOST, APP_SCHEME } from './url-policy';

export interface AppResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
}

/**
 * Serves the built page from `root` for the privileged `app://app/` scheme,
 * with the same CSP as browser mode. Traversal (`..`, `%2e%2e`, absolute
 * paths, symlinks out of the root) gets a 404.
 */
export function serveAppRequest(root: string, rawUrl: string): AppResponse {
  const notFound: AppResponse = {
    status: 404,
    headers: { ...SECURITY_HEADERS },
    body: 'Not found',
  };

  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return notFound;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound;

  // The raw path is checked as well: URL parsing folds `..` away before we see it.
  const rawPath = rawUrl.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/)[0] ?? '';
  if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(rawPath)) return notFound;

  const file = resolveStaticFile(root, url.pathname === '/' ? '/index.html' : url.pathname);
  if (file === undefined) return notFound;

  const nonce = randomBytes(18).toString('base64');
  const isIndex = file.endsWith('index.html');
  const body = isIndex
    ? readFileSync(file, 'utf8').split(NONCE_PLACEHOLDER).join(nonce)
    : readFileSync(file);

  return {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': mediaTypeOf(file),
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'Cache-Control': 'no-store',
    },
    body,
  };
}
